import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictMessage, DistrictNote } from '../../core/api.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, required, useFieldChecks } from '../components/ui.js';
import { showTime } from '../format.js';

/** District side: the CPU's own notes on a station's case, kept apart from the station's record. */
export function DistrictNotesPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [notes, setNotes] = useState<DistrictNote[]>([]);
  const [kind, setKind] = useState<'follow_up' | 'referral_outcome'>('follow_up');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const checks = useFieldChecks({ text: required(text) });
  const load = useCallback(() => call('district.notes', { caseId }).then(setNotes, setError), [caseId]);
  useEffect(() => void load(), [load]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!checks.passes(event.currentTarget)) return;
    setError(null);
    try {
      await call('district.addNote', { caseId, kind, text });
      setText('');
      checks.reset();
      await load();
    } catch (e) {
      setError(e); // the typed note stays in the box
    }
  }

  return (
    <section className="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">{t('district.notes')}</h2>
      <p className="muted">{t('district.notesExplain')}</p>
      {notes.length === 0 ? (
        <p className="muted">{t('district.noNotes')}</p>
      ) : (
        <ul className="plain">
          {notes.map((n) => (
            <li key={n.id} data-note={n.id}>
              <strong>{t(`district.kinds.${n.kind}`)}</strong> · {n.createdBy} · <span dir="ltr">{showTime(n.createdAt)}</span> · <span className="muted">{n.sent ? t('district.sent') : t('district.notSent')}</span>
              <div>{n.text}</div>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" noValidate onSubmit={submit}>
        <ErrorBanner error={error} />
        <div className="grid">
          <Field label={t('district.noteKind')}>
            {({ id }) => (
              <select id={id} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                <option value="follow_up">{t('district.kinds.follow_up')}</option>
                <option value="referral_outcome">{t('district.kinds.referral_outcome')}</option>
              </select>
            )}
          </Field>
          <Field label={t('district.noteText')} wide error={checks.errorOf('text')}>
            {({ id, describedBy, invalid }) => <textarea id={id} aria-required aria-invalid={invalid} aria-describedby={describedBy} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
        </div>
        <button type="submit">{t('district.addNote')}</button>
      </form>
    </section>
  );
}

/** Station side: what the district sent back about this case (its notes, matches with other stations). */
export function DistrictMessagesPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<DistrictMessage[]>([]);
  useEffect(() => void call('case.messages', { id: caseId }).then(setMessages, () => setMessages([])), [caseId]);
  if (messages.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="messages-title">
      <h2 id="messages-title">{t('district.fromDistrict')}</h2>
      <ul className="plain">
        {messages.map((m) => (
          <li key={m.id} data-message={m.kind}>
            <strong>{t(`district.kinds.${m.kind}`)}</strong> · <span dir="ltr">{showTime(m.at)}</span>
            <div>{m.kind === 'match' ? t('district.matchLine', { caseNumber: m.otherCaseNumber, station: m.otherStation }) : m.text}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
