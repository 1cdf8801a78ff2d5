import { renderToStaticMarkup } from 'react-dom/server';
import { cellIn, monthLabel, returnTables, type ComplianceSeries, type MonthlyReturn, type ReturnLang } from '../core/returns/index.js';
import { CategoryChart, ComplianceChart, MissingRecoveredChart } from './charts/index.js';

/**
 * The district's monthly return as one printable HTML document (A4 landscape): the same tables the CSV and
 * XLSX carry, with the charts a CPU officer would rather look at than read. Fonts come from the caller as
 * data: @font-face CSS, as for the case forms. Pure: no node: imports.
 */

const WORDS = {
  title: { en: 'Monthly return', ur: 'ماہانہ گوشوارہ' },
  district: { en: 'District', ur: 'ضلع' },
  month: { en: 'Month', ur: 'مہینہ' },
  printed: { en: 'Printed by', ur: 'پرنٹ کنندہ' },
  signature: { en: 'Signature and stamp of the CPU in-charge', ur: 'سی پی یو انچارج کے دستخط اور مہر' },
} as const;

export type ReturnDocumentInput = {
  result: MonthlyReturn;
  series: ComplianceSeries;
  lang: ReturnLang;
  printedBy: string;
  printedAt: string;
};

function ReturnBody({ result, series, lang, printedBy, printedAt }: ReturnDocumentInput) {
  const dir = lang === 'ur' ? 'rtl' : 'ltr';
  return (
    <div className={`return lang-${lang}`} dir={dir} lang={lang}>
      <header className="return-head">
        <h1>{WORDS.title[lang]}</h1>
        <p>
          {WORDS.district[lang]}: <strong>{result.district}</strong> · {WORDS.month[lang]}: <strong>{monthLabel(result.month)[lang]}</strong> ·{' '}
          {WORDS.printed[lang]}: {printedBy}, <span dir="ltr">{printedAt}</span>
        </p>
      </header>
      {/*
        Each row of charts is kept whole, but not the charts together: kept together they are taller than what
        is left of page 1 under the header (in Urdu, with Nastaliq's tall lines), and page 1 held only the title.
      */}
      <section className="charts">
        <div className="chart-row">
          <CategoryChart counts={result.total.byCategory} lang={lang} width={500} height={260} subtitle={monthLabel(result.month)[lang]} />
          <MissingRecoveredChart points={series.missing} lang={lang} width={500} height={260} />
        </div>
        <div className="chart-row">
          <ComplianceChart series={series} lang={lang} width={1020} height={360} />
        </div>
      </section>
      {returnTables(result).map((table) => (
        <section key={table.id} className="return-table">
          <h2>{table.title[lang]}</h2>
          <table>
            <thead>
              <tr>{table.columns.map((column) => <th key={column.key}>{column.label[lang]}</th>)}</tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r}>{row.map((cell, c) => <td key={c} className={table.columns[c]?.kind === 'label' ? 'label' : 'figure'}>{cellIn(cell, lang) ?? ''}</td>)}</tr>
              ))}
            </tbody>
          </table>
          {table.note[lang] && <p className="note">{table.note[lang]}</p>}
        </section>
      ))}
      <footer className="signature">
        <div>{WORDS.signature[lang]}</div>
      </footer>
    </div>
  );
}

const CSS = `
@page { size: A4 landscape; margin: 12mm; }
body { margin: 0; font-family: 'Noto Sans', sans-serif; font-size: 9.5pt; color: #000; }
.lang-ur { font-family: 'Noto Nastaliq Urdu', 'Noto Sans', serif; line-height: 2; }
h1 { font-size: 16pt; margin: 0 0 4pt; }
h2 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
.return-head { break-after: avoid; }
.lang-ur .return-head { line-height: 1.6; }
.charts { break-inside: auto; }
.chart-row { display: flex; flex-wrap: wrap; gap: 8pt; margin-bottom: 8pt; break-inside: avoid; }
.charts svg { border: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: 2pt 4pt; text-align: start; vertical-align: top; }
th { background: #eee; }
td.figure { font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.note { font-size: 8pt; color: #333; margin: 2pt 0; }
.return-table { break-inside: auto; }
.signature { margin-top: 28pt; display: flex; justify-content: flex-end; }
.signature div { border-top: 1px solid #000; padding-top: 4pt; min-width: 70mm; text-align: center; }
`;

export function renderReturnDocument(input: ReturnDocumentInput, options: { fontCss: string }): string {
  const markup = renderToStaticMarkup(<ReturnBody {...input} />);
  const csp = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";
  return `<!doctype html><html lang="${input.lang}" dir="${input.lang === 'ur' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><title>${WORDS.title.en} ${input.result.month}</title><style>${options.fontCss}${CSS}</style></head><body>${markup}</body></html>`;
}
