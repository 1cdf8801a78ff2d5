import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../core/api.js';
import { MIN_PASSPHRASE_LENGTH } from '../../core/login-policy.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, required, useFieldChecks } from '../components/ui.js';

/** First run: create the station register and its in-charge, then show the recovery key exactly once. */
export function SetupScreen({ languageButton, onDone }: { languageButton: ReactNode; onDone: (status: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState({ stationCode: '', stationName: '', district: '', username: '', displayName: '', passphrase: '', again: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ recoveryKey: string; session: SessionInfo } | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [kind, setKind] = useState<'station' | 'district'>('station');
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues({ ...values, [key]: e.target.value });

  // Too short and mismatch show as soon as they are typed; blanks only once the officer tries to create.
  const mismatch = values.again !== '' && values.again !== values.passphrase;
  const short = values.passphrase !== '' && [...values.passphrase].length < MIN_PASSPHRASE_LENGTH;
  const station = kind === 'station';
  const checks = useFieldChecks({
    stationCode: station && required(values.stationCode),
    stationName: station && required(values.stationName),
    district: required(values.district),
    username: required(values.username),
    passphrase: required(values.passphrase),
    again: required(values.again),
  });
  const passphraseError = short ? t('errors.passphraseShort') : checks.errorOf('passphrase');
  const againError = mismatch ? t('errors.passphraseMismatch') : checks.errorOf('again');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checks.passes(event.currentTarget) || mismatch || short) return;
    setBusy(true);
    setError(null);
    try {
      const { again: _again, ...input } = values;
      const displayName = input.displayName || undefined;
      setResult(
        kind === 'station'
          ? await call('session.setupStation', { ...input, displayName })
          : await call('session.setupDistrict', { district: input.district, username: input.username, passphrase: input.passphrase, displayName }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (result) {
    return (
      <main className="centered">
        <section className="card recovery">
          <h1>{t('setup.recoveryTitle')}</h1>
          <p>{t('setup.recoveryIntro')}</p>
          <p className="recovery-key" dir="ltr" lang="en" data-testid="recovery-key">{result.recoveryKey}</p>
          <button type="button" onClick={() => window.print()}>{t('setup.print')}</button>
          <label className="checkbox">
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            {t('setup.printedConfirm')}
          </label>
          <button type="button" className="primary" disabled={!confirmed} onClick={() => onDone(result.session)}>
            {t('setup.continue')}
          </button>
        </section>
      </main>
    );
  }

  return (
    <main className="centered">
      <form className="card" onSubmit={submit} noValidate>
        <div className="card-head">
          <h1>{kind === 'station' ? t('setup.title') : t('district.setupDistrictTitle')}</h1>
          {languageButton}
        </div>
        <fieldset className="choice">
          <legend>{t('district.setupKind')}</legend>
          <label className="check"><input type="radio" name="kind" checked={kind === 'station'} onChange={() => setKind('station')} /> {t('district.kindStation')}</label>
          <label className="check"><input type="radio" name="kind" checked={kind === 'district'} onChange={() => setKind('district')} /> {t('district.kindDistrict')}</label>
        </fieldset>
        {kind === 'station' && <p>{t('setup.intro')}</p>}
        <ErrorBanner error={error} />
        <div className="grid">
          {kind === 'station' && (
            <>
              <Field label={t('setup.stationCode')} hint={t('setup.stationCodeHint')} error={checks.errorOf('stationCode')}>
                {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} aria-required dir="ltr" autoFocus value={values.stationCode} onChange={set('stationCode')} />}
              </Field>
              <Field label={t('setup.stationName')} error={checks.errorOf('stationName')}>
                {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} aria-required value={values.stationName} onChange={set('stationName')} />}
              </Field>
            </>
          )}
          <Field label={t('setup.district')} error={checks.errorOf('district')}>
            {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} aria-required value={values.district} onChange={set('district')} />}
          </Field>
          <Field label={kind === 'station' ? t('setup.username') : t('district.officer')} error={checks.errorOf('username')}>
            {({ id, describedBy, invalid }) => <input id={id} aria-describedby={describedBy} aria-invalid={invalid} aria-required dir="ltr" autoComplete="username" value={values.username} onChange={set('username')} />}
          </Field>
          <Field label={t('setup.displayName')}>{({ id }) => <input id={id} value={values.displayName} onChange={set('displayName')} />}</Field>
          <Field label={t('setup.passphrase')} hint={t('setup.passphraseHint')} error={passphraseError}>
            {({ id, describedBy, invalid }) => <input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} aria-required value={values.passphrase} onChange={set('passphrase')} />}
          </Field>
          <Field label={t('setup.passphraseAgain')} error={againError}>
            {({ id, describedBy, invalid }) => <input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} aria-invalid={invalid} aria-required value={values.again} onChange={set('again')} />}
          </Field>
        </div>
        <button type="submit" className="primary" disabled={busy}>{t('setup.create')}</button>
      </form>
    </main>
  );
}
