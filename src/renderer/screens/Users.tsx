import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../core/api.js';
import { MIN_PASSPHRASE_LENGTH } from '../../core/login-policy.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, required, useFieldChecks, type Check } from '../components/ui.js';

type UserRow = ApiOutput<'user.list'>[number];

/** A new passphrase and its repetition: blank, too short and different are all told beside the field. */
function passphraseChecks(passphrase: string, again: string): { passphrase: Check; again: Check } {
  return {
    passphrase: required(passphrase) ?? ([...passphrase].length < MIN_PASSPHRASE_LENGTH ? 'errors.passphraseShort' : undefined),
    again: required(again) ?? (again !== passphrase ? 'errors.passphraseMismatch' : undefined),
  };
}

const EMPTY_FORM = { username: '', displayName: '', role: 'desk_officer' as 'desk_officer' | 'station_incharge', passphrase: '', again: '' };

export function UsersScreen({ currentUser }: { currentUser: string }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [resetting, setResetting] = useState<string | null>(null);
  const [form, setForm] = useState(EMPTY_FORM);
  const checks = useFieldChecks({ username: required(form.username), ...passphraseChecks(form.passphrase, form.again) });
  const load = useCallback(() => call('user.list', {}).then(setUsers, setError), []);
  useEffect(() => void load(), [load]);

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    setNotice('');
    try {
      await work();
      await load();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checks.passes(event.currentTarget)) return;
    const { again: _again, ...input } = form;
    if (await run(() => call('user.add', { ...input, displayName: input.displayName || undefined }))) {
      setForm(EMPTY_FORM);
      checks.reset();
    }
  }

  const remove = (user: UserRow) => {
    if (window.confirm(t('users.confirmRemove', { name: user.displayName }))) void run(() => call('user.remove', { username: user.username }));
  };

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <ErrorBanner error={error} />
      {notice && <p className="banner banner-ok" role="status">{notice}</p>}
      <table className="simple">
        <thead>
          <tr><th>{t('users.username')}</th><th>{t('users.displayName')}</th><th>{t('users.role')}</th><th /></tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.username} className={user.removedAt ? 'muted' : undefined} data-user={user.username}>
              <td dir="ltr">{user.username}</td>
              <td>{user.displayName}</td>
              <td>{t(`roles.${user.role}`)}{user.removedAt && ` (${t('users.removed')})`}</td>
              <td>
                {!user.removedAt && resetting !== user.username && (
                  <>
                    <button type="button" onClick={() => setResetting(user.username)}>{t('users.resetPassphrase')}</button>{' '}
                    {user.username !== currentUser && <button type="button" onClick={() => remove(user)}>{t('users.remove')}</button>}
                  </>
                )}
                {resetting === user.username && (
                  <ResetPassphraseForm
                    user={user}
                    onCancel={() => setResetting(null)}
                    onSet={async (passphrase) => {
                      if (await run(() => call('user.setPassphrase', { username: user.username, passphrase }))) {
                        setResetting(null);
                        setNotice(t('users.passphraseSet', { name: user.displayName }));
                      }
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={add} noValidate aria-label={t('users.add')}>
        <h2>{t('users.add')}</h2>
        <div className="grid">
          <Field label={t('users.username')} error={checks.errorOf('username')}>
            {({ id, describedBy, invalid }) => <input id={id} dir="ltr" aria-required aria-invalid={invalid} aria-describedby={describedBy} value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />}
          </Field>
          <Field label={t('users.displayName')}>{({ id }) => <input id={id} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />}</Field>
          <Field label={t('users.role')}>
            {({ id }) => (
              <select id={id} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as typeof form.role })}>
                <option value="desk_officer">{t('roles.desk_officer')}</option>
                <option value="station_incharge">{t('roles.station_incharge')}</option>
              </select>
            )}
          </Field>
          <Field label={t('users.passphrase')} hint={t('setup.passphraseHint')} error={checks.errorOf('passphrase')}>
            {({ id, describedBy, invalid }) => <input id={id} type="password" autoComplete="new-password" aria-required aria-invalid={invalid} aria-describedby={describedBy} value={form.passphrase} onChange={(e) => setForm({ ...form, passphrase: e.target.value })} />}
          </Field>
          <Field label={t('setup.passphraseAgain')} error={checks.errorOf('again')}>
            {({ id, describedBy, invalid }) => <input id={id} type="password" autoComplete="new-password" aria-required aria-invalid={invalid} aria-describedby={describedBy} value={form.again} onChange={(e) => setForm({ ...form, again: e.target.value })} />}
          </Field>
        </div>
        <button type="submit" className="primary">{t('users.add')}</button>
      </form>
    </section>
  );
}

/** Setting another user's passphrase, inline: typed twice, nothing changes until both agree. */
function ResetPassphraseForm({ user, onSet, onCancel }: { user: UserRow; onSet: (passphrase: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const checks = useFieldChecks(passphraseChecks(passphrase, again));
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (checks.passes(event.currentTarget)) await onSet(passphrase);
  }
  return (
    <form className="inline-form reset-form" noValidate onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onCancel()} aria-label={t('users.newPassphrase', { name: user.displayName })}>
      <Field label={t('users.newPassphrase', { name: user.displayName })} hint={t('setup.passphraseHint')} error={checks.errorOf('passphrase')}>
        {({ id, describedBy, invalid }) => <input id={id} type="password" autoFocus autoComplete="new-password" aria-required aria-invalid={invalid} aria-describedby={describedBy} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />}
      </Field>
      <Field label={t('setup.passphraseAgain')} error={checks.errorOf('again')}>
        {({ id, describedBy, invalid }) => <input id={id} type="password" autoComplete="new-password" aria-required aria-invalid={invalid} aria-describedby={describedBy} value={again} onChange={(e) => setAgain(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary">{t('users.resetPassphrase')}</button>
        <button type="button" className="link-button" onClick={onCancel}>{t('checklist.cancel')}</button>
      </div>
    </form>
  );
}
