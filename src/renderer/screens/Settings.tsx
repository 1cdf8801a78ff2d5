import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSettings } from '../../core/settings.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, required, Spinner, useFieldChecks } from '../components/ui.js';

/** The in-charge's station settings; every change is audited by the services. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<StationSettings | null>(null);
  const [hours, setHours] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const hoursValue = Number(hours);
  const checks = useFieldChecks({ hours: required(hours) ?? (Number.isFinite(hoursValue) && hoursValue >= 0.5 && hoursValue <= 72 ? undefined : 'errors.asapRange') });
  useEffect(() => {
    call('settings.get', {}).then((s) => {
      setSettings(s);
      setHours(String(s.asapTargetHours));
    }, setError);
  }, []);

  async function save(changes: Partial<StationSettings>) {
    setError(null);
    setSaved(false);
    try {
      setSettings(await call('settings.set', changes));
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  }

  if (!settings) return error ? <ErrorBanner error={error} /> : <Spinner label={t('app.loading')} />;
  return (
    <section className="narrow-page">
      <h1>{t('settings.title')}</h1>
      <ErrorBanner error={error} />
      {saved && <p className="banner banner-ok" role="status">{t('settings.saved')}</p>}
      <div className="panel">
        <h2>{t('settings.unconfirmedTitle')}</h2>
        <p className="muted">{t('settings.unconfirmedExplain')}</p>
        <label className="checkbox">
          <input type="checkbox" checked={settings.unconfirmedRules === 'on'} onChange={(e) => void save({ unconfirmedRules: e.target.checked ? 'on' : 'off' })} />
          {t('settings.unconfirmedShow')}
        </label>
      </div>
      <form
        className="panel"
        noValidate
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          if (checks.passes(e.currentTarget)) void save({ asapTargetHours: hoursValue });
        }}
      >
        <h2>{t('settings.asapTitle')}</h2>
        <p className="muted">{t('settings.asapExplain')}</p>
        <Field label={t('settings.asapHours')} error={checks.errorOf('hours')}>
          {({ id, describedBy, invalid }) => <input id={id} type="number" min={0.5} max={72} step={0.5} dir="ltr" aria-invalid={invalid} aria-describedby={describedBy} value={hours} onChange={(e) => setHours(e.target.value)} />}
        </Field>
        <button type="submit">{t('settings.save')}</button>
      </form>
    </section>
  );
}
