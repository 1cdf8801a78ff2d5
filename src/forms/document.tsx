import { renderToStaticMarkup } from 'react-dom/server';
import { Header, LangContext, Lines } from './kit.js';
import { FORMS, formTitle } from './registry.js';
import { formCss } from './styles.js';
import type { FormInput } from './types.js';
import { L, ROLE } from './words.js';

/**
 * One form as a complete, self-contained HTML document: fonts embedded by the caller as @font-face with data:
 * URLs, a CSP that forbids any fetch, and print CSS for A4. The Electron preview, its printToPDF, and the CLI's
 * Chromium all print this exact string. Pure: no node: imports.
 */
export function renderFormDocument(input: FormInput, options: { fontCss: string }): string {
  const spec = FORMS[input.form];
  const { record, lang } = input;
  const Body = spec.Body;
  const markup = renderToStaticMarkup(
    <LangContext.Provider value={{ lang, layout: input.layout }}>
      <div className={`form form-${input.form} lang-${lang}`}>
        <Header
          station={input.station}
          title={formTitle(input.form, record)}
          formCode={spec.code}
          basis={spec.basis}
          caseNumber={record.caseNumber}
          revision={record.revision}
          printedBy={input.printedBy.name}
          printedByRole={ROLE[input.printedBy.role]}
          printedAt={input.printedAt}
          seal={input.seal}
        />
        <Lines className="confidential" render={(lang) => `${L.confidential[lang]} ${L.timesNote[lang]}`} />
        <main>
          <Body input={input} />
        </main>
      </div>
    </LangContext.Provider>,
  );
  const htmlLang = lang === 'ur' ? 'ur' : 'en';
  const dir = lang === 'ur' ? 'rtl' : 'ltr';
  // The title becomes the PDF's metadata: form and case number only, never a name.
  const title = `${spec.code} ${input.form} ${record.caseNumber} r${record.revision}`;
  const footer = `${record.caseNumber} · ${spec.code} · rev ${record.revision}${input.seal ? '' : ' · PREVIEW'}`;
  // Continuation pages: case number, form code and English title (no names), on every page after the first.
  const header = `${record.caseNumber} · ${spec.code} ${formTitle(input.form, record).en} (continued)${input.seal ? '' : ' · PREVIEW'}`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${htmlLang}" dir="${dir}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${options.fontCss}</style>`,
    `<style>${formCss({ lang, footer, header })}</style>`,
    '</head>',
    `<body>${markup}</body>`,
    '</html>',
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
