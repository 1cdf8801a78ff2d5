import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api-client.js';

/** A labelled input with its hint and its error beside it, in the chosen language. */
export function Field(props: { label: string; hint?: string; error?: string; children: (ids: { id: string; describedBy: string | undefined }) => ReactNode; wide?: boolean }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${props.wide ? ' field-wide' : ''}${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, describedBy })}
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
  const urdu = i18n.language === 'ur';
  const { message, messageUr, action, actionUr } = error.failure;
  return (
    <div className="banner banner-error" role="alert" data-code={error.failure.code}>
      <strong>{urdu ? messageUr : message}</strong> {urdu ? actionUr : action}
      {urdu && <div className="banner-detail" lang="en" dir="ltr">{message}</div>}
    </div>
  );
}

export function Spinner({ label }: { label: string }) {
  return <span className="spinner" role="status">{label}</span>;
}
