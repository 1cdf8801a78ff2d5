import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api-client.js';

/** A labelled input with its hint and its error beside it, in the chosen language. */
export function Field(props: { label: string; hint?: string; error?: string; children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode; wide?: boolean }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${props.wide ? ' field-wide' : ''}${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, describedBy, invalid: Boolean(props.error) })}
      {props.hint && <small id={hintId} className="hint">{props.hint}</small>}
      {props.error && (
        <small id={errorId} className="error" role="alert">
          {props.error}
        </small>
      )}
    </div>
  );
}

/** A failure from the services, in the user's language, with what to do. */
export function ErrorBanner({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ApiError) || error.failure.code === 'NETWORK') {
    return <div className="banner banner-error" role="alert">{t('errors.network')}</div>;
  }
  // Only the officer's language on screen: the English message (with its field details) stays out of Urdu mode.
  // The code is kept in data-code for support staff and tests, not shown as prose.
  const urdu = i18n.language === 'ur';
  const { message, messageUr, action, actionUr } = error.failure;
  return (
    <div className="banner banner-error" role="alert" data-code={error.failure.code}>
      <strong>{urdu ? messageUr : message}</strong> {urdu ? actionUr : action}
    </div>
  );
}

/** A field check: the translation key of what is wrong, or nothing when the value is fine. */
export type Check = string | false | null | undefined;

/**
 * The small forms' one way to validate (the intake form uses react-hook-form with the case model): forms set
 * noValidate, so the browser's English "Please fill out this field." never appears; on submit every failed
 * check shows beside its field in the chosen language, focus goes to the first, and errors clear as fields are
 * corrected. `checks` is recomputed on every render from the current values.
 */
export function useFieldChecks<K extends string>(checks: Record<K, Check>) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const errorOf = (key: K): string | undefined => {
    const problem = checks[key];
    return shown && problem ? t(problem) : undefined;
  };
  /** Call at submit with the form element: true when everything passes. */
  const passes = (form?: HTMLFormElement | null): boolean => {
    setShown(true);
    const failed = Object.values<Check>(checks).some(Boolean);
    if (failed && form) setTimeout(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
    return !failed;
  };
  return { errorOf, passes, reset: () => setShown(false) };
}

/** Required text: blank (or only spaces) fails. */
export function required(value: string | boolean | undefined | null): Check {
  return value === undefined || value === null || value === false || (typeof value === 'string' && value.trim() === '') ? 'errors.required' : undefined;
}

export function Spinner({ label }: { label: string }) {
  return <span className="spinner" role="status">{label}</span>;
}
