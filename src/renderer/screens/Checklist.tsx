import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation, Obligation } from '../../core/checklist/evaluate.js';
import { RULES, type EvidenceField, type Rule } from '../../core/checklist/rules.js';
import { isoToKarachiLocal, karachiLocalToIso } from '../../core/time.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, required, Spinner, useFieldChecks, type Check } from '../components/ui.js';
import { clockText, isolateTimesIn, showTime } from '../format.js';

const RULES_BY_ID = new Map(RULES.map((rule) => [rule.id, rule]));
const QUIET_STATES = new Set(['not_applicable', 'switched_off']);
const OPEN_STATES = new Set(['pending', 'due_soon', 'overdue']);

/** The time now, ticking every 30 s: clocks on screen move without anyone pressing a key. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

type ChecklistResult = Evaluation & { caseId: string };

/** The case's statutory checklist: each step with its live clock, legal basis, status and completion. */
export function ChecklistPanel({ caseId, revision, readOnly = false }: { caseId: string; revision: number; readOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const [result, setResult] = useState<ChecklistResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showQuiet, setShowQuiet] = useState(false);
  const [completing, setCompleting] = useState<string | null>(null);
  const now = useNow();
  // Reload when the case changes (revision) and every few minutes, so states follow the clock.
  const minuteBucket = Math.floor(now / 300_000);
  const load = useCallback(() => call('case.checklist', { id: caseId }).then(setResult, setError), [caseId]);
  useEffect(() => void load(), [load, revision, minuteBucket]);

  if (!result) return error ? <ErrorBanner error={error} /> : <Spinner label={t('app.loading')} />;
  const visible = result.obligations.filter((o) => showQuiet || !QUIET_STATES.has(o.state));
  const quietCount = result.obligations.length - result.obligations.filter((o) => !QUIET_STATES.has(o.state)).length;

  return (
    <section className="panel checklist" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('checklist.title')}</h2>
      <p className="muted">
        {t('checklist.rulePack', { version: result.rulePackVersion, offenceClass: t(`checklist.classes.${result.offenceClass}`) })}
      </p>
      <ErrorBanner error={error} />
      {result.problems.length > 0 && (
        <div className="banner banner-warning" role="status">
          <strong>{t('checklist.problems')}</strong>
          <ul>{result.problems.map((p) => <li key={p.code} data-problem={p.code}>{p[lang]}</li>)}</ul>
        </div>
      )}
      {visible.length === 0 && <p className="muted">{t('checklist.nothing')}</p>}
      <ol className="steps">
        {visible.map((o) => (
          <li key={o.ruleId} className={`step step-${o.state}`} data-rule={o.ruleId} data-state={o.state}>
            <StepSummary obligation={o} now={now} lang={lang} />
            {completing === o.ruleId ? (
              <CompleteStepForm
                rule={RULES_BY_ID.get(o.ruleId)!}
                caseId={caseId}
                onCancel={() => setCompleting(null)}
                onDone={(next) => {
                  setResult(next);
                  setCompleting(null);
                }}
              />
            ) : (
              !readOnly && OPEN_STATES.has(o.state) && (
                <button type="button" className="step-action" onClick={() => setCompleting(o.ruleId)}>
                  {t('checklist.complete')}
                </button>
              )
            )}
          </li>
        ))}
      </ol>
      {quietCount > 0 && (
        <button type="button" className="link-button" onClick={() => setShowQuiet(!showQuiet)}>
          {showQuiet ? t('checklist.hideAll') : t('checklist.showAll', { count: quietCount })}
        </button>
      )}
    </section>
  );
}

function StepSummary({ obligation: o, now, lang }: { obligation: Obligation; now: number; lang: 'en' | 'ur' }) {
  const { t } = useTranslation();
  const clock = o.dueAt && OPEN_STATES.has(o.state) ? clockText(t, o.dueAt, now) : null;
  return (
    <div className="step-summary">
      <div className="step-head">
        <span className="rule-id" dir="ltr">{o.ruleId}</span>
        <strong className="step-title">{o.title[lang]}</strong>
        <span className={`badge badge-${o.state}`}>{t(`checklist.states.${o.state}`)}</span>
        {clock && (
          <span className={clock.overdue ? 'clock clock-overdue' : 'clock'} data-clock title={t('checklist.dueAt', { at: showTime(o.dueAt) })}>
            {clock.text}
          </span>
        )}
      </div>
      <p className="step-why">{isolateTimesIn(o.why[lang])}</p>
      <p className="step-basis muted">
        {t('checklist.basis')}: <span dir="ltr">{o.basis}</span> ·{' '}
        <span className={o.status === 'unconfirmed' ? 'status-unconfirmed' : undefined}>{t(`checklist.statuses.${o.status}`)}</span>
        {o.statusNote && <> · {o.statusNote[lang]}</>}
      </p>
      {o.completion && (
        <p className="step-done">
          {o.completion.auto
            ? t('checklist.autoDone')
            : t('checklist.doneBy', { name: o.completion.doneBy ?? '', at: showTime(o.completion.doneAt) })}
          {o.completion.late && <span className="badge badge-overdue">{t('checklist.doneLate')}</span>}
          <EvidenceSummary evidence={o.completion.evidence} rule={RULES_BY_ID.get(o.ruleId)} lang={lang} />
        </p>
      )}
    </div>
  );
}

function EvidenceSummary({ evidence, rule, lang }: { evidence: Record<string, string | number | boolean>; rule: Rule | undefined; lang: 'en' | 'ur' }) {
  const { t } = useTranslation();
  const fields = rule?.evidence.filter((f) => f.kind !== 'confirm' && evidence[f.key] !== undefined) ?? [];
  if (fields.length === 0) return null;
  const show = (field: EvidenceField, value: string | number | boolean) =>
    field.kind === 'choice' ? t(`checklist.options.${String(value)}`) : field.kind === 'datetime' ? showTime(String(value)) : String(value);
  return (
    <span className="evidence">
      {fields.map((f) => (
        <span key={f.key}> · {f.label[lang]}: {show(f, evidence[f.key]!)}</span>
      ))}
    </span>
  );
}

/**
 * The evidence form a rule asks for, built from the rule's own field list. Lateness is judged on the time the
 * step was done, so where the rule's evidence has a time ("When", "Registered at"), that time is the done-at
 * time and no second "Done at" field is asked (it defaulted to now and made a guardian told within the hour
 * look late). Only rules without a time in their evidence ask "Done at", defaulting to now.
 */
function CompleteStepForm({ rule, caseId, onCancel, onDone }: { rule: Rule; caseId: string; onCancel: () => void; onDone: (result: ChecklistResult) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const timeField = rule.evidence.find((f) => f.kind === 'datetime');
  const [doneAt, setDoneAt] = useState(() => isoToKarachiLocal(new Date().toISOString()));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = (key: string, value: string | boolean) => setValues((current) => ({ ...current, [key]: value }));
  const checks = useFieldChecks<string>({
    ...Object.fromEntries(rule.evidence.map((f): [string, Check] => [f.key, f.kind === 'confirm' || f.required ? required(values[f.key]) : undefined])),
    ...(timeField ? {} : { doneAt: required(doneAt) }),
  });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checks.passes(event.currentTarget)) return;
    setSaving(true);
    setError(null);
    const evidence = Object.fromEntries(
      rule.evidence
        .map((f) => [f.key, f.kind === 'datetime' && values[f.key] ? karachiLocalToIso(String(values[f.key])) : values[f.key]] as const)
        .filter(([, value]) => value !== undefined && value !== ''),
    );
    // With a time in the evidence, that is when the step was done; without one given (optional), the services use now.
    const at = timeField ? (evidence[timeField.key] as string | undefined) : karachiLocalToIso(doneAt);
    try {
      onDone(await call('checklist.complete', { caseId, ruleId: rule.id, ...(at ? { doneAt: at } : {}), evidence }));
    } catch (e) {
      setError(e); // what was typed stays in the form
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="inline-form step-form" noValidate onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={t('checklist.completeTitle', { rule: rule.id })}>
      <ErrorBanner error={error} />
      <div className="grid">
        {rule.evidence.map((field, index) => (
          <Field key={field.key} label={field.label[lang]} hint={field === timeField ? t('checklist.timeIsDoneAt') : undefined} error={checks.errorOf(field.key)}>
            {({ id, describedBy, invalid }) => <EvidenceInput id={id} describedBy={describedBy} invalid={invalid} field={field} value={values[field.key]} onChange={(v) => set(field.key, v)} autoFocus={index === 0} />}
          </Field>
        ))}
        {!timeField && (
          <Field label={t('checklist.doneAt')} error={checks.errorOf('doneAt')}>
            {({ id, describedBy, invalid }) => <input id={id} type="datetime-local" dir="ltr" aria-required aria-invalid={invalid} aria-describedby={describedBy} value={doneAt} onChange={(e) => setDoneAt(e.target.value)} />}
          </Field>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" disabled={saving}>{t('checklist.save')}</button>
        <button type="button" className="link-button" onClick={onCancel}>{t('checklist.cancel')}</button>
      </div>
    </form>
  );
}

function EvidenceInput({ id, describedBy, invalid, field, value, onChange, autoFocus }: { id: string; describedBy: string | undefined; invalid: boolean; field: EvidenceField; value: string | boolean | undefined; onChange: (value: string | boolean) => void; autoFocus: boolean }) {
  const { t } = useTranslation();
  const common = { id, autoFocus, 'aria-invalid': invalid, 'aria-describedby': describedBy, 'aria-required': field.kind === 'confirm' || field.required };
  switch (field.kind) {
    case 'choice':
      return (
        <select {...common} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('caseForm.choose')}</option>
          {field.options.map((option) => <option key={option} value={option}>{t(`checklist.options.${option}`)}</option>)}
        </select>
      );
    case 'confirm':
      return <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case 'datetime':
      return <input {...common} type="datetime-local" dir="ltr" value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
    case 'text':
      return <input {...common} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
  }
}
