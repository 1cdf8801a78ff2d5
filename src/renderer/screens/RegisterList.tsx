import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../core/api.js';
import { CASE_CATEGORIES, CASE_STATUSES, type CaseCategory } from '../../core/case-model.js';
import type { Navigate } from '../App.js';
import { call } from '../api-client.js';
import { ErrorBanner } from '../components/ui.js';
import { maskName, showTime } from '../format.js';

const PAGE = 200;
const ROW_HEIGHT = 44;

type Filters = { search: string; category: CaseCategory | ''; status: 'open' | 'closed' | ''; overdue: boolean };

/**
 * The register: newest first, virtualised so 100k cases scroll as fast as 100, search on every keystroke
 * (answers that arrive out of order are dropped), names masked until the officer chooses to show them.
 */
export function RegisterList({ navigate }: { navigate: Navigate }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({ search: '', category: '', status: '', overdue: false });
  const [rows, setRows] = useState<CaseListItem[]>([]);
  /** The search whose answer is on screen (the bench and tests wait on it). */
  const [shownSearch, setShownSearch] = useState<string | null>(null);
  const [complete, setComplete] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [showNames, setShowNames] = useState(false);
  const latestQuery = useRef(0);
  const loadingMore = useRef(false);
  const searchBox = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const query = useCallback(
    (afterRowId?: number) => ({
      search: filters.search || undefined,
      category: filters.category || undefined,
      status: filters.status || undefined,
      overdue: filters.overdue || undefined,
      limit: PAGE,
      afterRowId,
    }),
    [filters],
  );

  useEffect(() => {
    const ticket = ++latestQuery.current;
    call('case.list', query()).then(
      (page) => {
        if (ticket !== latestQuery.current) return;
        setRows(page);
        setShownSearch(filters.search);
        setComplete(page.length < PAGE);
        setError(null);
        scroller.current?.scrollTo({ top: 0 });
      },
      (e) => ticket === latestQuery.current && setError(e),
    );
  }, [query, filters.search]);

  const loadMore = useCallback(() => {
    if (complete || loadingMore.current || rows.length === 0) return;
    loadingMore.current = true;
    const ticket = latestQuery.current;
    call('case.list', query(rows[rows.length - 1]!.rowId))
      .then((page) => {
        if (ticket !== latestQuery.current) return;
        setRows((current) => [...current, ...page]);
        setComplete(page.length < PAGE);
      }, setError)
      .finally(() => {
        loadingMore.current = false;
      });
  }, [complete, rows, query]);

  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  useEffect(() => {
    const last = items[items.length - 1];
    if (last && last.index >= rows.length - 20) loadMore();
  }, [items, rows.length, loadMore]);

  // "/" jumps to search from anywhere on the register.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/' && document.activeElement?.tagName !== 'INPUT') {
        event.preventDefault();
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="register">
      <div className="toolbar">
        <h1>{t('register.title')}</h1>
        <input
          ref={searchBox}
          type="search"
          className="search"
          aria-label={t('register.search')}
          placeholder={t('register.search')}
          title={t('register.searchHint')}
          aria-keyshortcuts="/"
          autoFocus
          value={filters.search}
          onChange={(e) => setFilters({ ...filters, search: e.target.value })}
        />
        <select aria-label={t('register.columns.category')} value={filters.category} onChange={(e) => setFilters({ ...filters, category: e.target.value as Filters['category'] })}>
          <option value="">{t('register.allCategories')}</option>
          {CASE_CATEGORIES.map((c) => <option key={c} value={c}>{t(`categories.${c}`)}</option>)}
        </select>
        <select aria-label={t('register.columns.status')} value={filters.status} onChange={(e) => setFilters({ ...filters, status: e.target.value as Filters['status'] })}>
          <option value="">{t('register.allStatuses')}</option>
          {CASE_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
        </select>
        <label className="check">
          <input type="checkbox" checked={filters.overdue} onChange={(e) => setFilters({ ...filters, overdue: e.target.checked })} /> {t('register.overdueOnly')}
        </label>
        <button type="button" aria-pressed={showNames} onClick={() => setShowNames(!showNames)}>
          {showNames ? t('register.hideNames') : t('register.showNames')}
        </button>
      </div>
      {!showNames && <p className="muted small">{t('register.namesHidden')}</p>}
      <ErrorBanner error={error} />
      <div className="table-head" role="presentation">
        <span>{t('register.columns.caseNumber')}</span>
        <span>{t('register.columns.child')}</span>
        <span>{t('register.columns.category')}</span>
        <span>{t('register.columns.status')}</span>
        <span>{t('register.columns.reportedAt')}</span>
      </div>
      <div ref={scroller} className="table-body" data-testid="register-rows" data-results-for={shownSearch ?? undefined} role="list" aria-label={t('register.title')}>
        {rows.length === 0 && !error && <p className="empty">{t('register.empty')}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <button
                key={row.id}
                type="button"
                role="listitem"
                className="table-row"
                style={{ position: 'absolute', insetInlineStart: 0, top: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => navigate({ name: 'case', id: row.id })}
              >
                <span dir="ltr" className="mono">{row.caseNumber}</span>
                <span className="child-name">{row.childName ? (showNames ? row.childName : maskName(row.childName)) : <span className="muted">{t('register.nameWithheld')}</span>}</span>
                <span>{t(`categories.${row.category}`)}</span>
                <span>{t(`statuses.${row.status}`)}</span>
                <span dir="ltr">{showTime(row.reportedAt)}</span>
              </button>
            );
          })}
        </div>
      </div>
      <p className="muted small" data-testid="row-count">{t('register.count', { count: rows.length })}</p>
    </section>
  );
}
