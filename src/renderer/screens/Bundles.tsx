import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleStatus, ExportSummary } from '../../core/api.js';
import type { PickedFile } from '../../core/files.js';
import { call } from '../api-client.js';
import { FilePick } from '../components/FilePick.js';
import { ErrorBanner, Spinner } from '../components/ui.js';
import { showTime } from '../format.js';

/**
 * The in-charge's link to the district: the station key to enroll, the district key to pin (fingerprints read
 * aloud over the phone), exporting a bundle for the USB stick, and importing the district's receipt.
 */
export function BundlesScreen() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<BundleStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [exported, setExported] = useState<ExportSummary | null>(null);
  const load = useCallback(() => call('bundle.status', {}).then(setStatus, setError), []);
  useEffect(() => void load(), [load]);

  const run = async (label: string, work: () => Promise<string>) => {
    setBusy(label);
    setError(null);
    setMessage(null);
    try {
      setMessage(await work());
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const downloadStationKey = () =>
    run('key', async () => {
      const file = await call('bundle.stationKeyFile', {});
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([file.content], { type: 'application/json' }));
      link.download = file.fileName;
      link.click();
      URL.revokeObjectURL(link.href);
      return t('bundles.keySaved', { fingerprint: file.fingerprint });
    });

  // Picked files arrive as handles (renderer/files.ts); the services read them.
  const pin = ([picked]: PickedFile[]) => void run('pin', async () => t('bundles.pinned', await call('bundle.pinDistrict', { file: picked!.handle })));
  const importReceipt = ([picked]: PickedFile[]) => void run('receipt', async () => t('bundles.receiptImported', await call('receipt.import', { file: picked!.handle })));

  const exportNow = () =>
    run('export', async () => {
      const result = await call('bundle.export', {});
      setExported(result);
      return t('bundles.exported', { sequence: result.sequence, cases: result.cases });
    });

  if (!status) return error ? <ErrorBanner error={error} /> : <Spinner label={t('app.loading')} />;
  return (
    <section className="bundles" aria-labelledby="bundles-title">
      <h1 id="bundles-title">{t('bundles.title')}</h1>
      <p className="muted">{t('bundles.explain')}</p>
      <ErrorBanner error={error} />
      {message && <div className="banner banner-ok" role="status">{message}</div>}
      {busy && <Spinner label={t(`bundles.busy.${busy}`)} />}
      <div className="columns">
        <section className="panel">
          <h2>{t('bundles.keys')}</h2>
          <dl>
            <div className="detail-row"><dt>{t('bundles.stationFingerprint')}</dt><dd dir="ltr" data-testid="station-fingerprint">{status.stationKey.fingerprint}</dd></div>
            <div className="detail-row">
              <dt>{t('bundles.district')}</dt>
              <dd>{status.district ? <>{status.district.name} · <span dir="ltr">{status.district.fingerprint}</span></> : <span className="muted">{t('bundles.noDistrict')}</span>}</dd>
            </div>
          </dl>
          <p className="hint">{t('bundles.fingerprintHint')}</p>
          <div className="form-actions">
            <button type="button" onClick={() => void downloadStationKey()} disabled={busy !== null}>{t('bundles.saveStationKey')}</button>
            <FilePick purpose="districtKey" label={t('bundles.pinDistrict')} onPicked={pin} onError={setError} disabled={busy !== null} />
          </div>
        </section>
        <section className="panel">
          <h2>{t('bundles.exchange')}</h2>
          <dl>
            <div className="detail-row"><dt>{t('bundles.lastExport')}</dt><dd>{status.lastExport ? t('bundles.exportLine', { sequence: status.lastExport.sequence, cases: status.lastExport.cases, at: showTime(status.lastExport.createdAt) }) : t('bundles.never')}</dd></div>
            <div className="detail-row"><dt>{t('bundles.lastReceipt')}</dt><dd>{status.lastReceipt ? t('bundles.receiptLine', { through: status.lastReceipt.throughSequence, at: showTime(status.lastReceipt.issuedAt) }) : t('bundles.never')}</dd></div>
          </dl>
          <div className="form-actions">
            <button type="button" onClick={() => void exportNow()} disabled={busy !== null || !status.district}>{t('bundles.export')}</button>
            <FilePick purpose="receipt" label={t('bundles.importReceipt')} onPicked={importReceipt} onError={setError} disabled={busy !== null || !status.district} />
          </div>
          {exported && (
            <p data-testid="export-path">
              {t('bundles.savedAt')} <code dir="ltr">{exported.path}</code>
            </p>
          )}
        </section>
      </div>
    </section>
  );
}
