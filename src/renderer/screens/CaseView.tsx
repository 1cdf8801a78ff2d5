import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_PARTNERS, type CaseRecord } from '../../core/case-model.js';
import { isoToKarachiLocal, karachiLocalToIso } from '../../core/time.js';
import type { Navigate } from '../App.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, Spinner } from '../components/ui.js';
import { showTime } from '../format.js';
import { DistrictMessagesPanel, DistrictNotesPanel } from './CaseNotes.js';
import { ChecklistPanel } from './Checklist.js';

/** `atDistrict`: the consolidated copy of a station's case, read-only, with the CPU's own notes beside it. */
export function CaseView({ id, navigate, atDistrict = false }: { id: string; navigate: Navigate; atDistrict?: boolean }) {
  const { t } = useTranslation();
  const [record, setRecord] = useState<CaseRecord | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => call('case.get', { id }).then(setRecord, setError), [id]);
  useEffect(() => void load(), [load]);

  /** Every change goes through case.update with the revision we saw, so nobody's change is silently lost. */
  const patch = async (changes: Record<string, unknown>) => {
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
  const notRecorded = <span className="muted">{t('caseView.notRecorded')}</span>;
  const row = (label: string, value: ReactNode, ltr = false) => (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd dir={ltr ? 'ltr' : undefined}>{value || notRecorded}</dd>
    </div>
  );

  return (
    <section className="case-view">
      <div className="toolbar">
        <button type="button" className="link-button" onClick={() => navigate({ name: 'register' })}>{t('caseView.back')}</button>
        <h1>
          <span dir="ltr">{record.caseNumber}</span> · {t(`categories.${record.category}`)}
        </h1>
        <span className="muted">
          {t('caseView.revision', { revision: record.revision })} · {t('caseView.reported', { at: showTime(record.reportedAt) })}
        </span>
        {atDistrict ? <span className="badge">{t('district.readOnly')}</span> : <button type="button" onClick={() => navigate({ name: 'edit', id: record.id })}>{t('caseView.edit')}</button>}
        <button type="button" onClick={() => navigate({ name: 'print', id: record.id })}>{t('caseView.print')}</button>
      </div>
      <ErrorBanner error={error} />
      {atDistrict ? <DistrictNotesPanel caseId={record.id} /> : <DistrictMessagesPanel caseId={record.id} />}
      <ChecklistPanel caseId={record.id} revision={record.revision} readOnly={atDistrict} />
      <div className="columns">
        <section className="panel">
          <h2>{t('caseView.details')}</h2>
          <dl>
            {row(t('caseForm.childName'), record.child.name)}
            {row(t('caseForm.altName'), record.child.altName)}
            {row(t('caseForm.fatherName'), record.child.fatherName)}
            {row(t('caseForm.gender'), t(`genders.${record.child.gender}`))}
            {row(t('caseForm.dateOfBirth'), record.child.dateOfBirth, true)}
            {row(t('caseForm.claimedAge'), record.child.claimedAge?.toString(), true)}
            {row(t('caseForm.guardianName'), record.guardian && `${record.guardian.name} (${record.guardian.relation})`)}
            {row(t('caseForm.phone'), record.guardian?.phone, true)}
            {record.offence && row(t('caseForm.firNumber'), record.offence.firNumber, true)}
            {record.offence && row(t('caseForm.offenceSections'), record.offence.sections.join(', '), true)}
            {record.custody && row(t('caseForm.arrestedAt'), showTime(record.custody.arrestedAt), true)}
            {record.custody && row(t('caseForm.custodyPlace'), record.custody.place && t(`custodyPlaces.${record.custody.place}`))}
            {record.custody && row(t('caseForm.producedAt'), showTime(record.custody.producedAt), true)}
            {record.custody && row(t('caseForm.releasedAt'), showTime(record.custody.releasedAt), true)}
          </dl>
        </section>
        <section className="panel">
          <h2>{t('caseView.referrals')}</h2>
          {record.referrals.length === 0 ? (
            <p className="muted">{t('caseView.noReferrals')}</p>
          ) : (
            <ul className="plain">
              {record.referrals.map((r, i) => (
                <li key={i}>
                  <strong>{t(`partners.${r.to}`)}</strong> {r.toName} · <span dir="ltr">{showTime(r.referredAt)}</span>
                  {r.outcome && <div className="muted">{r.outcome}</div>}
                </li>
              ))}
            </ul>
          )}
          {!atDistrict && <ReferralForm onAdd={(referral) => patch({ referrals: [...record.referrals, referral] })} />}
          {!atDistrict && (record.category === 'missing' || record.category === 'found') && (
            <MissingFollowUp record={record} onSave={(missing) => patch({ missing })} />
          )}
        </section>
      </div>
    </section>
  );
}

function nowLocal(): string {
  return isoToKarachiLocal(new Date().toISOString());
}

function ReferralForm({ onAdd }: { onAdd: (referral: Record<string, unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [toName, setToName] = useState('');
  const [at, setAt] = useState(nowLocal());
  const [outcome, setOutcome] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!to) return;
    await onAdd({ to, toName: toName || undefined, referredAt: karachiLocalToIso(at), outcome: outcome || undefined }).then(
      () => {
        setTo('');
        setToName('');
        setOutcome('');
      },
      () => undefined,
    );
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <h3>{t('caseView.addReferral')}</h3>
      <div className="grid">
        <Field label={t('caseView.referralTo')}>
          {({ id }) => (
            <select id={id} required value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">{t('caseForm.choose')}</option>
              {REFERRAL_PARTNERS.map((p) => <option key={p} value={p}>{t(`partners.${p}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('caseView.referralName')}>{({ id }) => <input id={id} value={toName} onChange={(e) => setToName(e.target.value)} />}</Field>
        <Field label={t('caseView.referredAt')}>{({ id }) => <input id={id} type="datetime-local" dir="ltr" value={at} onChange={(e) => setAt(e.target.value)} />}</Field>
        <Field label={t('caseView.outcome')}>{({ id }) => <input id={id} value={outcome} onChange={(e) => setOutcome(e.target.value)} />}</Field>
      </div>
      <button type="submit">{t('caseView.addReferral')}</button>
    </form>
  );
}

function MissingFollowUp({ record, onSave }: { record: CaseRecord; onSave: (missing: Record<string, unknown>) => Promise<void> }) {
  const { t } = useTranslation();
  const [recoveredAt, setRecoveredAt] = useState('');
  const [handedOverTo, setHandedOverTo] = useState(record.missing?.handedOverTo ?? '');
  const [handedOverAt, setHandedOverAt] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    await onSave({
      ...(recoveredAt ? { recoveredAt: karachiLocalToIso(recoveredAt) } : {}),
      ...(handedOverTo ? { handedOverTo } : {}),
      ...(handedOverAt ? { handedOverAt: karachiLocalToIso(handedOverAt) } : {}),
    }).catch(() => undefined);
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <h3>{t('caseView.missingFollowUp')}</h3>
      <dl>
        <div className="detail-row"><dt>{t('caseForm.lastSeenAt')}</dt><dd dir="ltr">{showTime(record.missing?.lastSeenAt)}</dd></div>
        <div className="detail-row"><dt>{t('caseForm.recoveredAt')}</dt><dd dir="ltr">{showTime(record.missing?.recoveredAt)}</dd></div>
        <div className="detail-row"><dt>{t('caseForm.handedOverTo')}</dt><dd>{record.missing?.handedOverTo}</dd></div>
      </dl>
      <div className="grid">
        <Field label={t('caseForm.recoveredAt')}>{({ id }) => <input id={id} type="datetime-local" dir="ltr" value={recoveredAt} onChange={(e) => setRecoveredAt(e.target.value)} />}</Field>
        <Field label={t('caseForm.handedOverTo')}>{({ id }) => <input id={id} value={handedOverTo} onChange={(e) => setHandedOverTo(e.target.value)} />}</Field>
        <Field label={t('caseForm.handedOverAt')}>{({ id }) => <input id={id} type="datetime-local" dir="ltr" value={handedOverAt} onChange={(e) => setHandedOverAt(e.target.value)} />}</Field>
      </div>
      <button type="submit">{t('caseView.saveFollowUp')}</button>
    </form>
  );
}
