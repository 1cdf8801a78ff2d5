import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../core/api.js';
import { call } from './api-client.js';
import { ErrorBanner, Spinner } from './components/ui.js';
import { setLanguage } from './i18n/index.js';
import { CaseFormScreen } from './screens/CaseForm.js';
import { BundlesScreen } from './screens/Bundles.js';
import { CaseView } from './screens/CaseView.js';
import { DueBoard } from './screens/DueBoard.js';
import { LoginScreen } from './screens/Login.js';
import { RegisterList } from './screens/RegisterList.js';
import { MatchesScreen } from './screens/Matches.js';
import { MonthlyReturnScreen } from './screens/MonthlyReturn.js';
import { PrintFormScreen } from './screens/PrintForm.js';
import { SettingsScreen } from './screens/Settings.js';
import { StationsScreen } from './screens/Stations.js';
import { SetupScreen } from './screens/Setup.js';
import { UsersScreen } from './screens/Users.js';

export type Route =
  | { name: 'register' }
  | { name: 'due' }
  | { name: 'new' }
  | { name: 'case'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'users' }
  | { name: 'settings' }
  | { name: 'bundles' }
  | { name: 'stations' }
  | { name: 'print'; id: string }
  | { name: 'matches' }
  | { name: 'report' };

/** Navigation that asks before throwing away unsaved form entries. */
export type Navigate = (route: Route) => void;

export function App() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<SessionInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [route, setRoute] = useState<Route>({ name: 'register' });
  const dirty = useRef(false);

  const refresh = useCallback(() => {
    call('session.status', {}).then(setStatus, setError);
  }, []);
  useEffect(refresh, [refresh]);

  // Closing the window with unsaved entries asks first.
  useEffect(() => {
    const guard = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', guard);
    return () => window.removeEventListener('beforeunload', guard);
  }, []);

  const navigate: Navigate = useCallback(
    (next) => {
      if (dirty.current && !window.confirm(t('app.unsavedLeave'))) return;
      dirty.current = false;
      setRoute(next);
    },
    [t],
  );
  // Shortcuts listen on the window: after a save the focused element is gone and focus falls back to <body>.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => globalShortcut(event, navigate);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  const setDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const toggleLanguage = () => void setLanguage(i18n.language === 'ur' ? 'en' : 'ur');
  const lock = async () => {
    if (dirty.current && !window.confirm(t('app.unsavedLeave'))) return;
    dirty.current = false;
    setStatus(await call('session.lock', {}));
    setRoute({ name: 'register' });
  };

  const languageButton = (
    <button type="button" className="link-button" onClick={toggleLanguage} title={t('app.languageName')} lang={i18n.language === 'ur' ? 'en' : 'ur'}>
      {t('app.language')}
    </button>
  );

  if (!status) {
    return <main className="centered">{error ? <ErrorBanner error={error} /> : <Spinner label={t('app.loading')} />}</main>;
  }
  if (status.state === 'no_register') {
    return <SetupScreen languageButton={languageButton} onDone={setStatus} />;
  }
  if (status.state === 'locked') {
    return <LoginScreen languageButton={languageButton} onUnlocked={setStatus} />;
  }

  const canManageUsers = status.user.role !== 'desk_officer';
  const atDistrict = status.register.kind === 'district';
  const navItem = (target: Route, label: string, shortcut?: string) => (
    <button type="button" className={route.name === target.name ? 'nav-item active' : 'nav-item'} aria-current={route.name === target.name ? 'page' : undefined} onClick={() => navigate(target)} aria-keyshortcuts={shortcut}>
      {label}
    </button>
  );

  return (
    <div className="shell">
      <a className="skip-link" href="#content">{t('app.skipToContent')}</a>
      <header className="topbar">
        <div className="brand">
          <strong>{t('app.title')}</strong>
          <span className="muted">
            {atDistrict ? t('district.kindDistrict') : `${status.register.stationName} (${status.register.stationCode})`} · {status.register.district}
          </span>
        </div>
        <nav aria-label="main">
          {navItem({ name: 'register' }, t('nav.register'))}
          {atDistrict && navItem({ name: 'stations' }, t('nav.stations'))}
          {atDistrict && navItem({ name: 'matches' }, t('nav.matches'))}
          {atDistrict && navItem({ name: 'report' }, t('nav.report'))}
          {!atDistrict && navItem({ name: 'due' }, t('nav.due'), 'Alt+D')}
          {!atDistrict && navItem({ name: 'new' }, t('nav.newCase'), 'Alt+N')}
          {canManageUsers && navItem({ name: 'users' }, t('nav.users'))}
          {status.user.role === 'station_incharge' && navItem({ name: 'bundles' }, t('nav.bundles'))}
          {status.user.role === 'station_incharge' && navItem({ name: 'settings' }, t('nav.settings'))}
        </nav>
        <div className="topbar-end">
          <span className="muted">{t('app.signedInAs', { name: status.user.displayName, role: t(`roles.${status.user.role}`) })}</span>
          {languageButton}
          <button type="button" onClick={() => void lock()}>{t('app.lock')}</button>
        </div>
      </header>
      <main id="content" className="content">
        {route.name === 'register' && <RegisterList navigate={navigate} />}
        {route.name === 'due' && <DueBoard navigate={navigate} />}
        {route.name === 'new' && <CaseFormScreen key="new" navigate={navigate} setDirty={setDirty} district={status.register.district} />}
        {route.name === 'edit' && <CaseFormScreen key={`edit-${route.id}`} caseId={route.id} navigate={navigate} setDirty={setDirty} district={status.register.district} />}
        {route.name === 'case' && <CaseView key={route.id} id={route.id} navigate={navigate} atDistrict={atDistrict} />}
        {route.name === 'stations' && <StationsScreen />}
        {route.name === 'matches' && <MatchesScreen navigate={navigate} />}
        {route.name === 'report' && <MonthlyReturnScreen />}
        {route.name === 'print' && <PrintFormScreen key={route.id} caseId={route.id} navigate={navigate} />}
        {route.name === 'users' && <UsersScreen currentUser={status.user.username} />}
        {route.name === 'settings' && <SettingsScreen />}
        {route.name === 'bundles' && <BundlesScreen />}
      </main>
    </div>
  );
}

const SHORTCUTS: Record<string, Route> = { n: { name: 'new' }, d: { name: 'due' } };

/** Keyboard-first: Alt+N opens a new case and Alt+D the due board, from anywhere. */
function globalShortcut(event: KeyboardEvent, navigate: Navigate): void {
  const target = event.altKey ? SHORTCUTS[event.key.toLowerCase()] : undefined;
  if (target) {
    event.preventDefault();
    navigate(target);
  }
}
