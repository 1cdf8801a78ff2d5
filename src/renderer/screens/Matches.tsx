import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FoundWithSuggestions, MatchSuggestion } from '../../core/api.js';
import type { Navigate } from '../App.js';
import { call } from '../api-client.js';
import { ErrorBanner, Spinner } from '../components/ui.js';

/**
 * Missing and found children across stations: for each found child, the missing children it may be, with why.
 * A person confirms or rejects; decided pairs are never shown again and confirmed ones go to both stations.
 */
export function MatchesScreen({ navigate }: { navigate: Navigate }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const [list, setList] = useState<FoundWithSuggestions[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(() => call('match.suggestions', {}).then(setList, setError), []);
  useEffect(() => void load(), [load]);

  async function decide(foundCaseId: string, suggestion: MatchSuggestion, decision: 'confirmed' | 'rejected') {
    setError(null);
    try {
      await call('match.decide', { missingCaseId: suggestion.caseId, foundCaseId, decision, score: suggestion.score });
      setMessage(decision === 'confirmed' ? t('matches.confirmedNote') : t('matches.rejectedNote'));
      await load();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="matches-title">
      <h1 id="matches-title">{t('matches.title')}</h1>
      <p className="muted">{t('matches.explain')}</p>
      <ErrorBanner error={error} />
      {message && <div className="banner banner-ok" role="status">{message}</div>}
      {!list ? (
        <Spinner label={t('app.loading')} />
      ) : list.length === 0 ? (
        <p className="empty">{t('matches.none')}</p>
      ) : (
        <ol className="steps">
          {list.map(({ found, suggestions }) => (
            <li key={found.caseId} className="step" data-found={found.caseNumber}>
              <div className="step-head">
                <strong>{t('matches.found')}</strong>
                <button type="button" className="link-button" dir="ltr" onClick={() => navigate({ name: 'case', id: found.caseId })}>{found.caseNumber}</button>
                <span className="muted">{t(`categories.${found.category}`)}</span>
              </div>
              <ul className="plain">
                {suggestions.map((s) => (
                  <li key={s.caseId} className="suggestion" data-missing={s.caseNumber}>
                    <div className="step-head">
                      <span>{t('matches.mayBe')}</span>
                      <button type="button" className="link-button" dir="ltr" onClick={() => navigate({ name: 'case', id: s.caseId })}>{s.caseNumber}</button>
                      <span className="badge" dir="ltr">{Math.round(s.score * 100)}%</span>
                      <button type="button" onClick={() => void decide(found.caseId, s, 'confirmed')}>{t('matches.confirm')}</button>
                      <button type="button" className="link-button" onClick={() => void decide(found.caseId, s, 'rejected')}>{t('matches.reject')}</button>
                    </div>
                    <p className="muted small">{s.reasons.map((r) => r[lang]).join(' · ')}</p>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
