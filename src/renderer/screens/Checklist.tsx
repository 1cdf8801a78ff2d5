import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Evaluation, Obligation } from '../../core/checklist/evaluate.js';
import { RULES, type EvidenceField, type Rule } from '../../core/checklist/rules.js';
import { isoToKarachiLocal, karachiLocalToIso } from '../../core/time.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, Spinner } from '../components/ui.js';
import { clockText, showTime } from '../format.js';

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
      <p className="step-why">{o.why[lang]}</p>
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

/** The evidence form a rule asks for, built from the rule's own field list; the time defaults to now. */
function CompleteStepForm({ rule, caseId, onCancel, onDone }: { rule: Rule; caseId: string; onCancel: () => void; onDone: (result: ChecklistResult) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [doneAt, setDoneAt] = useState(() => isoToKarachiLocal(new Date().toISOString()));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const set = (key: string, value: string | boolean) => setValues((current) => ({ ...current, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const evidence = Object.fromEntries(
      rule.evidence
        .map((f) => [f.key, f.kind === 'datetime' && values[f.key] ? karachiLocalToIso(String(values[f.key])) : values[f.key]] as const)
        .filter(([, value]) => value !== undefined && value !== ''),
    );
    try {
      onDone(await call('checklist.complete', { caseId, ruleId: rule.id, doneAt: karachiLocalToIso(doneAt), evidence }));
    } catch (e) {
      setError(e); // what was typed stays in the form
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="inline-form step-form" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={t('checklist.completeTitle', { rule: rule.id })}>
      <ErrorBanner error={error} />
      <div className="grid">
        {rule.evidence.map((field, index) => (
          <Field key={field.key} label={field.label[lang]}>
            {({ id }) => <EvidenceInput id={id} field={field} value={values[field.key]} onChange={(v) => set(field.key, v)} autoFocus={index === 0} />}
          </Field>
        ))}
        <Field label={t('checklist.doneAt')}>
          {({ id }) => <input id={id} type="datetime-local" dir="ltr" required value={doneAt} onChange={(e) => setDoneAt(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" disabled={saving}>{t('checklist.save')}</button>
        <button type="button" className="link-button" onClick={onCancel}>{t('checklist.cancel')}</button>
      </div>
    </form>
  );
}

function EvidenceInput({ id, field, value, onChange, autoFocus }: { id: string; field: EvidenceField; value: string | boolean | undefined; onChange: (value: string | boolean) => void; autoFocus: boolean }) {
  const { t } = useTranslation();
  switch (field.kind) {
    case 'choice':
      return (
        <select id={id} required={field.required} autoFocus={autoFocus} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('caseForm.choose')}</option>
          {field.options.map((option) => <option key={option} value={option}>{t(`checklist.options.${option}`)}</option>)}
        </select>
      );
    case 'confirm':
      return <input id={id} type="checkbox" required autoFocus={autoFocus} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case 'datetime':
      return <input id={id} type="datetime-local" dir="ltr" required={field.required} autoFocus={autoFocus} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
    case 'text':
      return <input id={id} required={field.required} autoFocus={autoFocus} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
  }
}
