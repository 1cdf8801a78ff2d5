import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiOutput } from '../../core/api.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field } from '../components/ui.js';

type UserRow = ApiOutput<'user.list'>[number];

export function UsersScreen({ currentUser }: { currentUser: string }) {
  const { t } = useTranslation();
  const [users, setUsers] = useState<UserRow[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'desk_officer' as 'desk_officer' | 'station_incharge', passphrase: '' });
  const load = useCallback(() => call('user.list', {}).then(setUsers, setError), []);
  useEffect(() => void load(), [load]);

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await load();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  };

  async function add(event: FormEvent) {
    event.preventDefault();
    if (await run(() => call('user.add', { ...form, displayName: form.displayName || undefined }))) {
      setForm({ username: '', displayName: '', role: 'desk_officer', passphrase: '' });
    }
  }

  const remove = (user: UserRow) => {
    if (window.confirm(t('users.confirmRemove', { name: user.displayName }))) void run(() => call('user.remove', { username: user.username }));
  };
  const resetPassphrase = (user: UserRow) => {
    const passphrase = window.prompt(t('users.newPassphrase', { name: user.displayName }));
    if (passphrase) void run(() => call('user.setPassphrase', { username: user.username, passphrase }));
  };

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <ErrorBanner error={error} />
      <table className="simple">
        <thead>
          <tr><th>{t('users.username')}</th><th>{t('users.displayName')}</th><th>{t('users.role')}</th><th /></tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.username} className={user.removedAt ? 'muted' : undefined}>
              <td dir="ltr">{user.username}</td>
              <td>{user.displayName}</td>
              <td>{t(`roles.${user.role}`)}{user.removedAt && ` (${t('users.removed')})`}</td>
              <td>
                {!user.removedAt && (
                  <>
                    <button type="button" onClick={() => resetPassphrase(user)}>{t('users.resetPassphrase')}</button>{' '}
                    {user.username !== currentUser && <button type="button" onClick={() => remove(user)}>{t('users.remove')}</button>}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={add}>
        <h2>{t('users.add')}</h2>
        <div className="grid">
          <Field label={t('users.username')}>{({ id }) => <input id={id} dir="ltr" required value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />}</Field>
          <Field label={t('users.displayName')}>{({ id }) => <input id={id} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />}</Field>
          <Field label={t('users.role')}>
            {({ id }) => (
              <select id={id} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as typeof form.role })}>
                <option value="desk_officer">{t('roles.desk_officer')}</option>
                <option value="station_incharge">{t('roles.station_incharge')}</option>
              </select>
            )}
          </Field>
          <Field label={t('users.passphrase')} hint={t('setup.passphraseHint')}>
            {({ id, describedBy }) => <input id={id} type="password" autoComplete="new-password" aria-describedby={describedBy} required value={form.passphrase} onChange={(e) => setForm({ ...form, passphrase: e.target.value })} />}
          </Field>
        </div>
        <button type="submit" className="primary">{t('users.add')}</button>
      </form>
    </section>
  );
}
