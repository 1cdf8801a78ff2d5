import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_PARTNERS, type CaseRecord } from '../../core/case-model.js';
import { formatKarachi, isoToKarachiLocal, karachiLocalToIso } from '../../core/time.js';
import type { Navigate } from '../App.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, required, Spinner, useFieldChecks } from '../components/ui.js';
import { isolateLtr, maskId, maskName, showTime } from '../format.js';
import { DistrictMessagesPanel, DistrictNotesPanel } from './CaseNotes.js';
import { ChecklistPanel } from './Checklist.js';

export const CLOSE_REASONS = ['handed_over', 'court_decided', 'diverted', 'transferred', 'duplicate', 'other'] as const;

type Patch = (changes: Record<string, unknown>) => Promise<void>;

/** At the district: which station and bundle the copy on screen came from, and when it was imported. */
function Provenance({ caseId, revision }: { caseId: string; revision: number }) {
  const { t } = useTranslation();
  const [provenance, setProvenance] = useState<{ stationCode: string; sequence: number | null; importedAt: string | null } | null>(null);
  useEffect(() => {
    call('district.provenance', { caseId }).then((r) => setProvenance(r.provenance), () => setProvenance(null));
  }, [caseId, revision]);
  if (!provenance) return null;
  return (
    <span className="muted" data-testid="provenance">
      {t('district.provenance', { station: provenance.stationCode, sequence: provenance.sequence ?? '?', at: provenance.importedAt ? showTime(provenance.importedAt) : '?' })}
    </span>
  );
}

/** `atDistrict`: the consolidated copy of a station's case, read-only, with the CPU's own notes beside it. */
export function CaseView({ id, navigate, atDistrict = false }: { id: string; navigate: Navigate; atDistrict?: boolean }) {
  const { t } = useTranslation();
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [showNames, setShowNames] = useState(false);
  const [closing, setClosing] = useState(false);
  const load = useCallback(() => call('case.get', { id }).then(setRecord, setError), [id]);
  useEffect(() => void load(), [load]);

  /** Every change goes through case.update with the revision we saw, so nobody's change is silently lost. */
  const patch: Patch = async (changes) => {
    if (!record) return;
    setError(null);
    try {
      setRecord(await call('case.update', { id: record.id, patch: changes, expectedRevision: record.revision }));
    } catch (e) {
      setError(e);
      throw e;
    }
  };

  if (!record) return error ? <ErrorBanner error={error} /> : <Spinner label={t('app.loading')} />;
  const closed = record.status === 'closed';

  return (
    <section className="case-view">
      <div className="toolbar">
        <button type="button" className="link-button" onClick={() => navigate({ name: 'register' })}>{t('caseView.back')}</button>
        <h1>
          <span dir="ltr">{record.caseNumber}</span> · {t(`categories.${record.category}`)}
        </h1>
        <span className={closed ? 'badge badge-closed' : 'badge'} data-testid="case-status">{t(`statuses.${record.status}`)}</span>
        <span className="muted">
          {t('caseView.revision', { revision: record.revision })} · {t('caseView.reported', { at: showTime(record.reportedAt) })}
        </span>
        {atDistrict && <Provenance caseId={record.id} revision={record.revision} />}
        {atDistrict ? <span className="badge">{t('district.readOnly')}</span> : <button type="button" onClick={() => navigate({ name: 'edit', id: record.id })}>{t('caseView.edit')}</button>}
        <button type="button" onClick={() => navigate({ name: 'print', id: record.id })}>{t('caseView.print')}</button>
        {!atDistrict && !closed && !closing && <button type="button" onClick={() => setClosing(true)}>{t('caseView.close')}</button>}
        {!atDistrict && closed && (
          <button type="button" onClick={() => void patch({ status: 'open', notes: appendNote(record.notes, t('caseView.reopenedNote', { at: isolateLtr(formatKarachi(new Date())) })) }).catch(() => undefined)}>
            {t('caseView.reopen')}
          </button>
        )}
      </div>
      <ErrorBanner error={error} />
      {closing && !closed && (
        <CloseCaseForm
          onCancel={() => setClosing(false)}
          onClose={(reason, details) =>
            patch({ status: 'closed', notes: appendNote(record.notes, t('caseView.closedNote', { at: isolateLtr(formatKarachi(new Date())), reason: t(`caseView.closeReasons.${reason}`), details: details ? ` ${details}` : '' })) }).then(
              () => setClosing(false),
              () => undefined,
            )
          }
        />
      )}
      {atDistrict ? <DistrictNotesPanel caseId={record.id} /> : <DistrictMessagesPanel caseId={record.id} />}
      <ChecklistPanel caseId={record.id} revision={record.revision} readOnly={atDistrict} />
      <div className="columns">
        <section className="panel">
          <div className="card-head">
            <h2>{t('caseView.details')}</h2>
            <button type="button" aria-pressed={showNames} onClick={() => setShowNames(!showNames)}>
              {showNames ? t('register.hideNames') : t('register.showNames')}
            </button>
          </div>
          <CaseDetails record={record} atDistrict={atDistrict} showNames={showNames} />
        </section>
        <section className="panel">
          <h2>{t('caseView.referrals')}</h2>
          {record.referrals.length === 0 ? (
            <p className="muted">{t('caseView.noReferrals')}</p>
          ) : (
            <ul className="plain">
              {record.referrals.map((r, i) => (
                <ReferralItem
                  key={i}
                  referral={r}
                  readOnly={atDistrict}
                  onOutcome={(outcome) => {
                    const { outcome: _old, ...rest } = r;
                    return patch({ referrals: record.referrals.map((other, j) => (j === i ? { ...rest, ...(outcome ? { outcome } : {}) } : other)) });
                  }}
                />
              ))}
            </ul>
          )}
          {!atDistrict && <ReferralForm onAdd={(referral) => patch({ referrals: [...record.referrals, referral] })} />}
          {!atDistrict && (record.category === 'missing' || record.category === 'found') && (
            <MissingFollowUp key={record.revision} record={record} onSave={(changes) => patch({ missing: changes })} />
          )}
        </section>
      </div>
    </section>
  );
}

/** Everything entered for the case. Names, addresses and the B-Form are masked until "Show names". */
export function CaseDetails({ record, atDistrict, showNames }: { record: CaseRecord; atDistrict: boolean; showNames: boolean }) {
  const { t } = useTranslation();
  const notRecorded = <span className="muted">{t('caseView.notRecorded')}</span>;
  // At the district, identifying fields of some categories never leave the station (JJSA s.13): say so.
  const withheld = <span className="muted">{t('register.nameWithheld')}</span>;
  const withheldDetail = <span className="muted">{t('caseView.withheld')}</span>;
  const row = (label: string, value: ReactNode, options: { ltr?: boolean; identifying?: 'name' | 'detail'; testId?: string } = {}) => (
    <div className="detail-row" data-testid={options.testId}>
      <dt>{label}</dt>
      <dd dir={options.ltr ? 'ltr' : undefined}>{value || (atDistrict && options.identifying ? (options.identifying === 'name' ? withheld : withheldDetail) : notRecorded)}</dd>
    </div>
  );
  /** Names and addresses masked as in the register until "Show names" (JJSA s.13: the screen may be seen). */
  const name = (value: string | undefined) => value && (showNames ? value : maskName(value));
  const { child, guardian, offence, custody, missing } = record;
  const guardianLine = guardian && (guardian.name || guardian.relation) ? <>{name(guardian.name) || withheld}{guardian.relation && ` (${guardian.relation})`}</> : undefined;
  const punishment = (value: unknown) =>
    value === undefined ? undefined : value === 'life' || value === 'death' ? t(`caseView.punishment.${value}`) : t('caseView.punishment.years', { count: Number(value) });
  return (
    <dl>
      {row(t('caseForm.childName'), name(child.name), { identifying: 'name', testId: 'child-name' })}
      {row(t('caseForm.altName'), name(child.altName))}
      {row(t('caseForm.fatherName'), name(child.fatherName), { identifying: 'name' })}
      {row(t('caseForm.gender'), t(`genders.${child.gender}`))}
      {row(t('caseForm.dateOfBirth'), child.dateOfBirth, { ltr: true })}
      {row(t('caseForm.claimedAge'), child.claimedAge?.toString(), { ltr: true })}
      {row(t('caseForm.bForm'), child.bForm && (showNames ? child.bForm : maskId(child.bForm)), { ltr: true, identifying: 'detail', testId: 'b-form' })}
      {row(t('caseForm.childDistrict'), child.district)}
      {row(t('caseForm.address'), name(child.address), { identifying: 'detail' })}
      {row(t('caseForm.language'), child.language)}
      {row(t('caseForm.disability'), child.disability)}
      {row(t('caseForm.guardianName'), guardianLine, { identifying: 'name', testId: 'guardian' })}
      {row(t('caseForm.phone'), guardian?.phone, { ltr: true, identifying: guardian ? 'detail' : undefined })}
      {row(t('caseView.guardianAddress'), name(guardian?.address), { identifying: guardian ? 'detail' : undefined })}
      {offence && row(t('caseForm.firNumber'), offence.firNumber, { ltr: true })}
      {offence && row(t('caseForm.firDate'), offence.firDate, { ltr: true })}
      {offence && row(t('caseForm.offenceSections'), offence.sections.join(', '), { ltr: true })}
      {offence && row(t('caseView.maxPunishment'), punishment(offence.maxPunishmentYears))}
      {custody && row(t('caseForm.arrestedAt'), showTime(custody.arrestedAt), { ltr: true })}
      {custody && row(t('caseForm.custodyPlace'), custody.place && t(`custodyPlaces.${custody.place}`))}
      {custody && row(t('caseForm.producedAt'), showTime(custody.producedAt), { ltr: true })}
      {custody && row(t('caseForm.releasedAt'), showTime(custody.releasedAt), { ltr: true })}
      {missing && row(t('caseForm.lastSeenAt'), showTime(missing.lastSeenAt), { ltr: true })}
      {missing && row(t('caseForm.lastSeenPlace'), missing.lastSeenPlace)}
      {missing && row(t('caseForm.description'), missing.description)}
      {missing && row(t('caseForm.recoveredAt'), showTime(missing.recoveredAt), { ltr: true })}
      {missing && row(t('caseForm.recoveredPlace'), missing.recoveredPlace)}
      {missing && row(t('caseForm.handedOverTo'), missing.handedOverTo)}
      {missing && row(t('caseForm.handedOverAt'), showTime(missing.handedOverAt), { ltr: true })}
      {!atDistrict && row(t('caseForm.notes'), record.notes && <span className="notes-text">{record.notes}</span>, { testId: 'notes' })}
    </dl>
  );
}

/** Closure reasons are kept in the case's notes (the case has no field for them), dated, after what was there. */
function appendNote(notes: string | undefined, line: string): string {
  return notes ? `${notes}\n${line}` : line;
}

function nowLocal(): string {
  return isoToKarachiLocal(new Date().toISOString());
}

function CloseCaseForm({ onClose, onCancel }: { onClose: (reason: string, details: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [details, setDetails] = useState('');
  const checks = useFieldChecks({ reason: required(reason), details: reason === 'other' && required(details) });
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (checks.passes(event.currentTarget)) await onClose(reason, details.trim());
  }
  return (
    <form className="panel inline-form close-form" noValidate onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={t('caseView.closeTitle')}>
      <h2>{t('caseView.closeTitle')}</h2>
      <p className="muted">{t('caseView.closeExplain')}</p>
      <div className="grid">
        <Field label={t('caseView.closeReason')} error={checks.errorOf('reason')}>
          {({ id, describedBy, invalid }) => (
            <select id={id} autoFocus aria-required aria-invalid={invalid} aria-describedby={describedBy} value={reason} onChange={(e) => setReason(e.target.value)}>
              <option value="">{t('caseForm.choose')}</option>
              {CLOSE_REASONS.map((r) => <option key={r} value={r}>{t(`caseView.closeReasons.${r}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('caseView.closeDetails')} error={checks.errorOf('details')} wide>
          {({ id, describedBy, invalid }) => <input id={id} aria-invalid={invalid} aria-describedby={describedBy} maxLength={300} value={details} onChange={(e) => setDetails(e.target.value)} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary">{t('caseView.close')}</button>
        <button type="button" className="link-button" onClick={onCancel}>{t('caseForm.cancel')}</button>
      </div>
    </form>
  );
}

function ReferralItem({ referral: r, readOnly, onOutcome }: { referral: CaseRecord['referrals'][number]; readOnly: boolean; onOutcome: (outcome: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState(r.outcome ?? '');
  async function submit(event: FormEvent) {
    event.preventDefault();
    await onOutcome(outcome.trim()).then(() => setEditing(false), () => undefined);
  }
  return (
    <li data-testid="referral">
      <strong>{t(`partners.${r.to}`)}</strong> {r.toName} · <span dir="ltr">{showTime(r.referredAt)}</span>
      {!editing && (r.outcome ? <div className="muted">{t('caseView.outcome')}: {r.outcome}</div> : <div className="muted small">{t('caseView.noOutcome')}</div>)}
      {!readOnly && !editing && (
        <button type="button" className="link-button" onClick={() => setEditing(true)}>{r.outcome ? t('caseView.editOutcome') : t('caseView.recordOutcome')}</button>
      )}
      {editing && (
        <form className="inline-form" noValidate onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setEditing(false)} aria-label={t('caseView.recordOutcome')}>
          <Field label={t('caseView.outcome')}>{({ id }) => <input id={id} autoFocus maxLength={500} value={outcome} onChange={(e) => setOutcome(e.target.value)} />}</Field>
          <div className="form-actions">
            <button type="submit">{t('caseView.saveFollowUp')}</button>
            <button type="button" className="link-button" onClick={() => setEditing(false)}>{t('caseForm.cancel')}</button>
          </div>
        </form>
      )}
    </li>
  );
}

function ReferralForm({ onAdd }: { onAdd: (referral: Record<string, unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [toName, setToName] = useState('');
  const [at, setAt] = useState(nowLocal());
  const [outcome, setOutcome] = useState('');
  const checks = useFieldChecks({ to: required(to), at: required(at) });
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checks.passes(event.currentTarget)) return;
    await onAdd({ to, toName: toName.trim() || undefined, referredAt: karachiLocalToIso(at), outcome: outcome.trim() || undefined }).then(
      () => {
        setTo('');
        setToName('');
        setOutcome('');
        checks.reset();
      },
      () => undefined,
    );
  }
  return (
    <form className="inline-form" noValidate onSubmit={submit} aria-label={t('caseView.addReferral')}>
      <h3>{t('caseView.addReferral')}</h3>
      <div className="grid">
        <Field label={t('caseView.referralTo')} error={checks.errorOf('to')}>
          {({ id, describedBy, invalid }) => (
            <select id={id} aria-required aria-invalid={invalid} aria-describedby={describedBy} value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">{t('caseForm.choose')}</option>
              {REFERRAL_PARTNERS.map((p) => <option key={p} value={p}>{t(`partners.${p}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('caseView.referralName')}>{({ id }) => <input id={id} value={toName} onChange={(e) => setToName(e.target.value)} />}</Field>
        <Field label={t('caseView.referredAt')} error={checks.errorOf('at')}>
          {({ id, describedBy, invalid }) => <input id={id} type="datetime-local" dir="ltr" aria-required aria-invalid={invalid} aria-describedby={describedBy} value={at} onChange={(e) => setAt(e.target.value)} />}
        </Field>
        <Field label={t('caseView.outcome')}>{({ id }) => <input id={id} value={outcome} onChange={(e) => setOutcome(e.target.value)} />}</Field>
      </div>
      <button type="submit">{t('caseView.addReferral')}</button>
    </form>
  );
}

const FOLLOW_UP_FIELDS = ['recoveredAt', 'recoveredPlace', 'handedOverTo', 'handedOverAt'] as const;
const FOLLOW_UP_TIMES = new Set<string>(['recoveredAt', 'handedOverAt']);

/** Recovery and hand-over, prefilled from the record: a cleared field is removed, an unchanged one left alone. */
function MissingFollowUp({ record, onSave }: { record: CaseRecord; onSave: (missing: Record<string, unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const initial = Object.fromEntries(
    FOLLOW_UP_FIELDS.map((key) => {
      const value = record.missing?.[key];
      return [key, value ? (FOLLOW_UP_TIMES.has(key) ? isoToKarachiLocal(value) : value) : ''];
    }),
  ) as Record<(typeof FOLLOW_UP_FIELDS)[number], string>;
  const [values, setValues] = useState(initial);
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const changes: Record<string, unknown> = {};
    for (const key of FOLLOW_UP_FIELDS) {
      const value = values[key].trim();
      if (value === initial[key]) continue;
      changes[key] = value === '' ? null : FOLLOW_UP_TIMES.has(key) ? karachiLocalToIso(value) : value;
    }
    if (Object.keys(changes).length > 0) await onSave(changes).catch(() => undefined);
  }
  return (
    <form className="inline-form" noValidate onSubmit={submit} aria-label={t('caseView.missingFollowUp')}>
      <h3>{t('caseView.missingFollowUp')}</h3>
      <div className="grid">
        <Field label={t('caseForm.recoveredAt')}>{({ id }) => <input id={id} type="datetime-local" dir="ltr" value={values.recoveredAt} onChange={set('recoveredAt')} />}</Field>
        <Field label={t('caseForm.recoveredPlace')}>{({ id }) => <input id={id} value={values.recoveredPlace} onChange={set('recoveredPlace')} />}</Field>
        <Field label={t('caseForm.handedOverTo')}>{({ id }) => <input id={id} value={values.handedOverTo} onChange={set('handedOverTo')} />}</Field>
        <Field label={t('caseForm.handedOverAt')}>{({ id }) => <input id={id} type="datetime-local" dir="ltr" value={values.handedOverAt} onChange={set('handedOverAt')} />}</Field>
      </div>
      <button type="submit">{t('caseView.saveFollowUp')}</button>
    </form>
  );
}
