import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonthlyReport } from '../../core/api.js';
import { cellIn, returnFileName, returnTables } from '../../core/returns/index.js';
import { CategoryChart, ComplianceChart, MissingRecoveredChart } from '../../forms/charts/index.js';
import { call } from '../api-client.js';
import { deliver, saveTarget } from '../files.js';
import { ErrorBanner, Field, Spinner } from '../components/ui.js';
import { isoToKarachiLocal } from '../../core/time.js';

function thisMonth(): string {
  return isoToKarachiLocal(new Date().toISOString()).slice(0, 7);
}

function download(fileName: string, base64: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes], { type: mime }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** The district's monthly return on screen: charts first, then the same tables the CSV, XLSX and print carry. */
export function MonthlyReturnScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ur' ? 'ur' : 'en';
  const [month, setMonth] = useState(thisMonth);
  const [report, setReport] = useState<MonthlyReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setReport(null);
    if (/^\d{4}-\d{2}$/.test(month)) call('report.monthly', { month }).then(setReport, setError);
  }, [month]);

  const save = (format: 'csv' | 'xlsx') =>
    call('report.file', { month, format, lang }).then((file) => download(file.fileName, file.base64, file.mime), setError);

  // Save as PDF: the printed return, printed by the shell's Chromium (the desktop app's own) into the file the
  // officer chooses (the file door: a native dialog on the desktop, a download in the browser build), audited.
  const [savingPdf, setSavingPdf] = useState(false);
  const [savedPdf, setSavedPdf] = useState<string | null>(null);
  async function savePdf(district: string) {
    setSavingPdf(true);
    setSavedPdf(null);
    setError(null);
    try {
      const target = await saveTarget({ purpose: 'report', suggestedName: returnFileName(district, month, lang, 'pdf') });
      if (!target) return; // the officer cancelled the dialog
      const saved = await call('report.pdf', { month, lang, target: target.handle });
      await deliver(target.handle);
      setSavedPdf(t('savePdf.saved', { name: saved.name, pages: saved.pages }));
    } catch (e) {
      setError(e);
    } finally {
      setSavingPdf(false);
    }
  }

  // The printed return is the same document the CLI's --pdf prints, opened in the system print dialog (which
  // also saves it as PDF), as a case form is printed (PrintForm): its own sandboxed document, scripts off. The
  // frame has no size on screen (display: none would leave Chromium nothing laid out to print).
  const frame = useRef<HTMLIFrameElement>(null);
  const [printing, setPrinting] = useState(false);
  async function print() {
    setPrinting(true);
    setError(null);
    try {
      const { html } = await call('report.html', { month, lang, preview: false });
      const target = frame.current!;
      target.onload = () => {
        target.onload = null;
        target.contentWindow?.print();
        setPrinting(false);
      };
      target.srcdoc = html;
    } catch (e) {
      setError(e);
      setPrinting(false);
    }
  }

  return (
    <section className="monthly-return" aria-labelledby="return-title">
      <div className="toolbar">
        <h1 id="return-title">{t('report.title')}</h1>
        <Field label={t('report.month')}>{({ id }) => <input id={id} type="month" dir="ltr" value={month} onChange={(e) => setMonth(e.target.value)} />}</Field>
        <button type="button" onClick={() => void save('csv')} disabled={!report}>{t('report.csv')}</button>
        <button type="button" onClick={() => void save('xlsx')} disabled={!report}>{t('report.xlsx')}</button>
        <button type="button" className="primary" onClick={() => void print()} disabled={!report || printing} data-testid="return-print">{t('returnPrint.print')}</button>
        <button type="button" onClick={() => report && void savePdf(report.result.district)} disabled={!report || savingPdf} data-testid="return-save-pdf">{savingPdf ? t('savePdf.saving') : t('savePdf.button')}</button>
      </div>
      <iframe ref={frame} className="return-print-frame" title={t('returnPrint.title')} sandbox="allow-same-origin allow-modals" data-testid="return-print-frame" style={{ position: 'absolute', width: 0, height: 0, border: 0 }} aria-hidden="true" tabIndex={-1} />
      <p className="muted">{t('report.explain')}</p>
      {savedPdf && <p role="status" className="muted" data-testid="return-pdf-saved">{savedPdf}</p>}
      <ErrorBanner error={error} />
      {!report ? (
        <Spinner label={t('app.loading')} />
      ) : (
        <>
          <div className="charts" data-testid="return-charts">
            <CategoryChart counts={report.result.total.byCategory} lang={lang} width={520} height={280} />
            <MissingRecoveredChart points={report.series.missing} lang={lang} width={520} height={280} />
            <ComplianceChart series={report.series} lang={lang} width={1060} height={380} />
          </div>
          {returnTables(report.result).map((table) => (
            <section key={table.id} className="panel return-table">
              <h2>{table.title[lang]}</h2>
              <div className="table-scroll">
                <table className="due-table">
                  <thead>
                    <tr>{table.columns.map((c) => <th key={c.key}>{c.label[lang]}</th>)}</tr>
                  </thead>
                  <tbody>
                    {table.rows.map((row, r) => (
                      <tr key={r}>{row.map((cell, c) => <td key={c}>{cellIn(cell, lang) ?? ''}</td>)}</tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {table.note[lang] && <p className="muted small">{table.note[lang]}</p>}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
