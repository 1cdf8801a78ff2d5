import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../core/case-model.js';
import { formFileName, FORM_NAMES, type FormName } from '../../forms/types.js';
import type { Navigate } from '../App.js';
import { call } from '../api-client.js';
import { deliver, saveTarget } from '../files.js';
import { ErrorBanner, Field, Spinner } from '../components/ui.js';

type Lang = 'en' | 'ur' | 'both';
type Layout = 'stacked' | 'side';

/**
 * Print a form: an unsigned preview first (not audited), then "Print" fetches the signed copy (audited, with
 * the QR seal of this revision) and opens the system print dialog on exactly that document.
 */
export function PrintFormScreen({ caseId, navigate }: { caseId: string; navigate: Navigate }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<FormName>('intake');
  const [lang, setLang] = useState<Lang>(i18n.language === 'ur' ? 'ur' : 'en');
  const [layout, setLayout] = useState<Layout>('stacked');
  // Which referral a referral letter is for (from 1), when the case has several.
  const [referral, setReferral] = useState(1);
  const [referrals, setReferrals] = useState<CaseRecord['referrals']>([]);
  const [caseNumber, setCaseNumber] = useState<string | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    call('case.get', { id: caseId }).then((record) => {
      setReferrals(record.referrals);
      setCaseNumber(record.caseNumber);
    }, setError);
  }, [caseId]);

  const request = { caseId, form, lang, ...(lang === 'both' ? { layout } : {}), ...(form === 'referral' ? { referral } : {}) };

  useEffect(() => {
    setHtml(null);
    setError(null);
    call('form.html', { ...request, preview: true }).then((r) => setHtml(r.html), setError);
    // `request` is rebuilt each render from exactly these values.
  }, [caseId, form, lang, layout, referral]);

  async function print() {
    setPrinting(true);
    setError(null);
    try {
      const { html: signed } = await call('form.html', { ...request, preview: false });
      const target = frame.current!;
      target.onload = () => {
        target.onload = null;
        target.contentWindow?.print();
        setPrinting(false);
      };
      target.srcdoc = signed;
    } catch (e) {
      setError(e);
      setPrinting(false);
    }
  }

  // Save as PDF: the same signed copy, printed by the shell's Chromium (the desktop app's own) into the file the
  // officer chooses (the file door: a native dialog on the desktop, a download in the browser build), audited.
  const [savingPdf, setSavingPdf] = useState(false);
  const [savedPdf, setSavedPdf] = useState<string | null>(null);
  async function savePdf() {
    setSavingPdf(true);
    setSavedPdf(null);
    setError(null);
    try {
      const suggestedName = formFileName(caseNumber ?? 'case', form, lang, form === 'referral' ? referral : null, 'pdf');
      const target = await saveTarget({ purpose: 'report', suggestedName });
      if (!target) return; // the officer cancelled the dialog
      const saved = await call('form.pdf', { ...request, target: target.handle });
      await deliver(target.handle);
      setSavedPdf(t('savePdf.saved', { name: saved.name, pages: saved.pages }));
    } catch (e) {
      setError(e);
    } finally {
      setSavingPdf(false);
    }
  }

  return (
    <section className="print-form" aria-labelledby="print-title">
      <div className="toolbar">
        <button type="button" className="link-button" onClick={() => navigate({ name: 'case', id: caseId })}>{t('print.back')}</button>
        <h1 id="print-title">{t('print.title')}</h1>
        <Field label={t('print.form')}>
          {({ id }) => (
            <select id={id} value={form} onChange={(e) => setForm(e.target.value as FormName)}>
              {FORM_NAMES.map((name) => <option key={name} value={name}>{t(`print.forms.${name}`)}</option>)}
            </select>
          )}
        </Field>
        <Field label={t('print.language')}>
          {({ id }) => (
            <select id={id} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
              <option value="en">English</option>
              <option value="ur">اردو</option>
              <option value="both">{t('print.both')}</option>
            </select>
          )}
        </Field>
        {lang === 'both' && (
          <Field label={t('print.layout')}>
            {({ id }) => (
              <select id={id} value={layout} onChange={(e) => setLayout(e.target.value as Layout)}>
                <option value="stacked">{t('print.layouts.stacked')}</option>
                <option value="side">{t('print.layouts.side')}</option>
              </select>
            )}
          </Field>
        )}
        {form === 'referral' && referrals.length > 1 && (
          <Field label={t('print.referral')}>
            {({ id }) => (
              <select id={id} value={referral} onChange={(e) => setReferral(Number(e.target.value))}>
                {referrals.map((r, index) => (
                  <option key={index} value={index + 1}>{`${index + 1}. ${t(`partners.${r.to}`)}${r.toName ? ` (${r.toName})` : ''}`}</option>
                ))}
              </select>
            )}
          </Field>
        )}
        <button type="button" className="primary" disabled={!html || printing} onClick={() => void print()}>{t('print.print')}</button>
        <button type="button" disabled={!html || savingPdf} onClick={() => void savePdf()} data-testid="form-save-pdf">{savingPdf ? t('savePdf.saving') : t('savePdf.button')}</button>
      </div>
      <p className="muted">{t('print.explain')} {t('savePdf.explainForm')}</p>
      {savedPdf && <p role="status" className="muted" data-testid="form-pdf-saved">{savedPdf}</p>}
      <ErrorBanner error={error} />
      {!html && !error && <Spinner label={t('app.loading')} />}
      {/* The form is its own document (embedded fonts, its own strict CSP); sandboxed, scripts off. */}
      <iframe ref={frame} className="form-preview" title={t('print.preview')} sandbox="allow-same-origin allow-modals" srcDoc={html ?? ''} hidden={!html} />
    </section>
  );
}
