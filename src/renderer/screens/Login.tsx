import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../core/api.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, required, useFieldChecks } from '../components/ui.js';

export function LoginScreen({ languageButton, onUnlocked }: { languageButton: ReactNode; onUnlocked: (status: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const checks = useFieldChecks({ username: required(username), passphrase: required(passphrase) });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checks.passes(event.currentTarget)) return;
    setBusy(true);
    setError(null);
    try {
      onUnlocked(await call('session.login', { username: username.trim().toLowerCase(), passphrase }));
    } catch (e) {
      setError(e);
      setPassphrase('');
      checks.reset(); // the emptied passphrase is not the officer's mistake: the banner says what was wrong
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="centered">
      <form className="card narrow" onSubmit={submit} noValidate>
        <div className="card-head">
          <h1>{t('login.title')}</h1>
          {languageButton}
        </div>
        <ErrorBanner error={error} />
        <Field label={t('login.username')} error={checks.errorOf('username')}>
          {({ id, describedBy, invalid }) => <input id={id} dir="ltr" autoFocus autoComplete="username" aria-required aria-invalid={invalid} aria-describedby={describedBy} value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label={t('login.passphrase')} error={checks.errorOf('passphrase')}>
          {({ id, describedBy, invalid }) => <input id={id} type="password" autoComplete="current-password" aria-required aria-invalid={invalid} aria-describedby={describedBy} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
        </Field>
        <button type="submit" className="primary" disabled={busy}>{busy ? t('login.unlocking') : t('login.unlock')}</button>
      </form>
    </main>
  );
}
