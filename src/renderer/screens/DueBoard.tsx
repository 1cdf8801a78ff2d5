import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DueItem } from '../../core/api.js';
import type { Navigate } from '../App.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, Spinner } from '../components/ui.js';
import { clockText, showTime } from '../format.js';
import { useNow } from './Checklist.js';

/**
 * The station's "due now" board: every overdue step and every step due soon, across open cases, most urgent
 * first. Case numbers and steps only, no names: this screen may face the room.
 */
export function DueBoard({ navigate }: { navigate: Navigate }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const [hours, setHours] = useState(24);
  const [items, setItems] = useState<DueItem[] | null>(null);
  const [loadedAt, setLoadedAt] = useState<number>(0);
  const [error, setError] = useState<unknown>(null);
  const now = useNow();
  const bucket = Math.floor(now / 60_000);
  const load = useCallback(
    () =>
      call('due.list', { withinHours: hours }).then((list) => {
        setItems(list);
        setLoadedAt(Date.now());
        setError(null);
      }, setError),
    [hours],
  );
  useEffect(() => void load(), [load, bucket]);

  return (
    <section className="due-board" aria-labelledby="due-title">
      <div className="toolbar">
        <h1 id="due-title">{t('due.title')}</h1>
        <Field label={t('due.within')}>
          {({ id }) => <input id={id} type="number" min={1} max={744} dir="ltr" value={hours} onChange={(e) => setHours(Math.max(1, Number(e.target.value) || 24))} />}
        </Field>
        {loadedAt > 0 && <span className="muted">{t('due.refreshed', { at: showTime(new Date(loadedAt).toISOString()) })}</span>}
      </div>
      <p className="muted">{t('due.explain', { hours })}</p>
      <ErrorBanner error={error} />
      {!items ? (
        <Spinner label={t('app.loading')} />
      ) : items.length === 0 ? (
        <p className="empty">{t('due.empty')}</p>
      ) : (
        <table className="due-table">
          <thead>
            <tr>
              <th>{t('due.caseNumber')}</th>
              <th>{t('due.step')}</th>
              <th>{t('due.clock')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const clock = item.dueAt ? clockText(t, item.dueAt, now) : null;
              return (
                <tr key={`${item.caseId}/${item.ruleId}`} className={`due-row step-${item.state}`} data-rule={item.ruleId} data-state={item.state}>
                  <td>
                    <button type="button" className="link-button" dir="ltr" onClick={() => navigate({ name: 'case', id: item.caseId })}>
                      {item.caseNumber}
                    </button>{' '}
                    <span className="muted">{t(`categories.${item.category}`)}</span>
                  </td>
                  <td>
                    <span className="rule-id" dir="ltr">{item.ruleId}</span> {item.title[lang]}{' '}
                    {item.status === 'unconfirmed' && <span className="status-unconfirmed">{t('checklist.statuses.unconfirmed')}</span>}
                  </td>
                  <td>
                    <span className={`badge badge-${item.state}`}>{t(`checklist.states.${item.state}`)}</span>{' '}
                    {clock && <span className={clock.overdue ? 'clock clock-overdue' : 'clock'} data-clock>{clock.text}</span>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
