import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationStatus } from '../../core/api.js';
import { call } from '../api-client.js';
import { ErrorBanner, Field, Spinner } from '../components/ui.js';

/** The district's station status board: who has reported, what is missing or held back, and what to do. */
export function StationsScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const [silentDays, setSilentDays] = useState(14);
  const [board, setBoard] = useState<StationStatus[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void call('district.status', { silentDays }).then(setBoard, setError), [silentDays]);

  return (
    <section aria-labelledby="stations-title">
      <div className="toolbar">
        <h1 id="stations-title">{t('district.stations')}</h1>
        <Field label={t('district.silentAfter')}>
          {({ id }) => <input id={id} type="number" dir="ltr" min={1} max={365} value={silentDays} onChange={(e) => setSilentDays(Math.max(1, Number(e.target.value) || 14))} />}
        </Field>
      </div>
      <p className="muted">{t('district.stationsExplain')}</p>
      <ErrorBanner error={error} />
      {!board ? (
        <Spinner label={t('app.loading')} />
      ) : (
        <table className="due-table">
          <thead>
            <tr>
              <th>{t('district.station')}</th>
              <th>{t('district.cases')}</th>
              <th>{t('district.lastBundle')}</th>
              <th>{t('district.todo')}</th>
            </tr>
          </thead>
          <tbody>
            {board.map((s) => (
              <tr key={s.stationCode} data-station={s.stationCode} className={s.advice.length ? 'step-overdue' : 'step-done'}>
                <td><strong dir="ltr">{s.stationCode}</strong> <span className="muted">{s.stationName}</span></td>
                <td dir="ltr">{s.cases.toLocaleString('en-US')}</td>
                <td>{s.lastBundle ? t('district.lastBundleLine', { sequence: s.lastBundle.sequence, days: s.daysSilent }) : t('district.noBundle')}</td>
                <td>
                  {s.advice.length === 0 ? (
                    <span className="badge badge-done">{t('district.allWell')}</span>
                  ) : (
                    <ul className="plain">{s.advice.map((a) => <li key={a.code} data-advice={a.code}>{a[lang]}</li>)}</ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
