import QRCode from 'qrcode';
import { createContext, useContext, type ReactNode } from 'react';
import { formatKarachi } from '../core/time.js';
import type { Bilingual, BilingualLayout, FormLang } from './types.js';
import { L } from './words.js';

/**
 * The building blocks every form is made of: bilingual text, field tables, sections, the header with the QR
 * seal, and the signature and stamp boxes. Components only; the page CSS is in styles.ts.
 */

type LangSetting = { lang: FormLang; layout: BilingualLayout };
export const LangContext = createContext<LangSetting>({ lang: 'en', layout: 'stacked' });
export const useLang = () => useContext(LangContext);

/** A label or short phrase in the form's language(s). */
export function T({ t }: { t: Bilingual }) {
  const { lang, layout } = useLang();
  if (lang === 'en') return <>{t.en}</>;
  if (lang === 'ur') return <>{t.ur}</>;
  return (
    <span className={`bi bi-${layout}`}>
      <span lang="en" dir="ltr">{t.en}</span>
      <span lang="ur" dir="rtl">{t.ur}</span>
    </span>
  );
}

/** A sentence or paragraph: in 'both', English and Urdu as two columns (side) or one after the other (stacked). */
export function P({ t, className }: { t: { en: ReactNode; ur: ReactNode }; className?: string }) {
  const { lang, layout } = useLang();
  const cls = className ? ` ${className}` : '';
  if (lang === 'en') return <p className={`para${cls}`}>{t.en}</p>;
  if (lang === 'ur') return <p className={`para${cls}`}>{t.ur}</p>;
  // Each half is rendered in its own language: a T or a ChildName inside the English sentence must not
  // print its Urdu too (and the reverse).
  return (
    <div className={`para-bi para-bi-${layout}${cls}`}>
      <p className="para" lang="en" dir="ltr">
        <Only lang="en">{t.en}</Only>
      </p>
      <p className="para" lang="ur" dir="rtl">
        <Only lang="ur">{t.ur}</Only>
      </p>
    </div>
  );
}

/** Its children in one language, whatever the form's setting (the halves of a bilingual sentence or line). */
export function Only({ lang, children }: { lang: 'en' | 'ur'; children: ReactNode }) {
  const { layout } = useLang();
  return <LangContext.Provider value={{ lang, layout }}>{children}</LangContext.Provider>;
}

/**
 * A line built from words and recorded values, once per language: in 'both' the English line, then the Urdu
 * line (right to left). For lines that mix labels and values, where word-by-word stacking would not read.
 */
export function Lines({ render, className }: { render: (lang: 'en' | 'ur') => ReactNode; className?: string }) {
  const { lang } = useLang();
  if (lang !== 'both') return <div className={className}>{render(lang)}</div>;
  return (
    <div className={className}>
      <div lang="en" dir="ltr">
        <Only lang="en">{render('en')}</Only>
      </div>
      <div lang="ur" dir="rtl">
        <Only lang="ur">{render('ur')}</Only>
      </div>
    </div>
  );
}

/** The child's name, and the same name in the other script when recorded, each keeping its own direction. */
export function ChildName({ child }: { child: { name: string; altName?: string } }) {
  return (
    <>
      <V v={child.name} />
      {child.altName ? (
        <>
          {' ('}
          <V v={child.altName} />
          {')'}
        </>
      ) : null}
    </>
  );
}

const URDU_SCRIPT = /[\u0600-\u06FF]/;

/** The plain text of a bilingual phrase in one language ('both' gives "English / اردو"). */
export function plain(t: Bilingual, lang: FormLang): string {
  return lang === 'en' ? t.en : lang === 'ur' ? t.ur : `${t.en} / ${t.ur}`;
}

/**
 * A recorded value: names, numbers and dates keep their own direction inside Urdu text (bdi). An empty value
 * prints as a line to be filled in by hand.
 */
export function V({ v, wide, ltr }: { v: string | number | null | undefined; wide?: boolean; ltr?: boolean }) {
  if (v === undefined || v === null || v === '') return <span className={wide ? 'blank blank-wide' : 'blank'} />;
  // Dates and numbers have no strong direction of their own: in Urdu they would otherwise read right to left.
  if (ltr) return <bdi className="v" dir="ltr">{String(v)}</bdi>;
  // A recorded value in Urdu script (a child's name) is set in Nastaliq with its line height, even on an
  // English form, so the table cell around it leaves room for its strokes.
  return URDU_SCRIPT.test(String(v)) ? <bdi className="v" lang="ur">{String(v)}</bdi> : <bdi className="v">{String(v)}</bdi>;
}

/** "2026-11-20 23:30" in Asia/Karachi, or a blank to fill in. */
export function When({ at }: { at: string | null | undefined }) {
  return <V v={at ? formatKarachi(at) : null} ltr />;
}

export type Field = { label: Bilingual; value: ReactNode; span?: boolean };

/** Label/value pairs, two pairs to a row; `span` gives a field the whole row. */
export function Fields({ fields }: { fields: Array<Field | false | null | undefined> }) {
  const shown = fields.filter((f): f is Field => Boolean(f));
  const rows: Field[][] = [];
  for (const field of shown) {
    const last = rows[rows.length - 1];
    if (field.span || !last || last.length === 2 || last[0]!.span) rows.push([field]);
    else last.push(field);
  }
  return (
    <table className="fields">
      <colgroup>
        <col className="c-label" />
        <col className="c-value" />
        <col className="c-label" />
        <col className="c-value" />
      </colgroup>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((field, j) => (
              <Cell key={j} field={field} wide={field.span === true || row.length === 1} />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Cell({ field, wide }: { field: Field; wide: boolean }) {
  return (
    <>
      <th scope="row">
        <T t={field.label} />
      </th>
      <td colSpan={wide ? 3 : 1}>{field.value}</td>
    </>
  );
}

export function Section({ title, children, className }: { title: Bilingual; children: ReactNode; className?: string }) {
  return (
    <section className={className ? `sec ${className}` : 'sec'}>
      <h2>
        <T t={title} />
      </h2>
      {children}
    </section>
  );
}

/** A tick box, ticked or not, with its label. */
export function Tick({ on, label }: { on: boolean; label: Bilingual }) {
  return (
    <span className="tick">
      <span className={on ? 'box box-on' : 'box'} /> <T t={label} />
    </span>
  );
}

/** The QR seal as crisp SVG squares (no raster, so it prints sharp at any resolution). */
export function QrSeal({ text }: { text: string }) {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) if (modules.data[y * n + x]) d += `M${x} ${y}h1v1h-1z`;
  }
  const quiet = 4;
  return (
    <svg className="qr-svg" viewBox={`${-quiet} ${-quiet} ${n + 2 * quiet} ${n + 2 * quiet}`} shapeRendering="crispEdges" role="img" aria-label="QR">
      <rect x={-quiet} y={-quiet} width={n + 2 * quiet} height={n + 2 * quiet} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

export type HeaderProps = {
  station: { code: string; name: string | null; district: string };
  title: Bilingual;
  formCode: string;
  basis?: Bilingual;
  caseNumber: string;
  revision: number;
  printedBy: string;
  printedByRole: Bilingual;
  printedAt: string;
  seal: string | null;
};

/** Station, title, case number, who printed it and when, and the QR seal in the corner. */
export function Header(props: HeaderProps) {
  return (
    <header className="head">
      <div className="head-main">
        <div className="agency">
          <T t={L.agency} />
          <span className="form-code">{props.formCode}</span>
        </div>
        <Lines
          className="station"
          render={(lang) => (
            <>
              {L.station[lang]}: <V v={props.station.name ?? props.station.code} /> (<V v={props.station.code} />) · {L.district[lang]}: <V v={props.station.district} />
            </>
          )}
        />
        <h1>
          <T t={props.title} />
        </h1>
        {props.basis && (
          <div className="basis">
            <T t={props.basis} />
          </div>
        )}
        <table className="meta">
          <tbody>
            <tr>
              <th><T t={L.caseNumber} /></th>
              <td className="case-number"><V v={props.caseNumber} /></td>
              <th><T t={L.revision} /></th>
              <td><V v={props.revision} /></td>
            </tr>
            <tr>
              <th><T t={L.printedBy} /></th>
              <td>
                <V v={props.printedBy} /> (<T t={props.printedByRole} />)
              </td>
              <th><T t={L.printedAt} /></th>
              <td><When at={props.printedAt} /></td>
            </tr>
          </tbody>
        </table>
      </div>
      <div className="qr">
        {props.seal ? <QrSeal text={props.seal} /> : <div className="qr-preview"><T t={L.preview} /></div>}
        <div className="qr-caption">
          <T t={L.qrCaption} />
        </div>
      </div>
    </header>
  );
}

export type SignatureBox = { role: Bilingual; name?: string | null; thumb?: boolean };

/** Signature boxes (name and rank, date) and the station stamp. */
export function Signatures({ boxes, stamp = true }: { boxes: SignatureBox[]; stamp?: boolean }) {
  return (
    <div className="signs">
      {boxes.map((box, i) => (
        <div className="sign" key={i}>
          <div className="sign-role">
            <T t={box.role} />
          </div>
          <div className="sign-line">
            <T t={box.thumb ? L.thumb : L.signature} />
          </div>
          <div className="sign-line">
            <T t={L.nameRank} />
            {box.name ? (
              <>
                : <V v={box.name} />
              </>
            ) : null}
          </div>
          <div className="sign-line">
            <T t={L.date} />
          </div>
        </div>
      ))}
      {stamp && (
        <div className="stamp">
          <T t={L.stamp} />
        </div>
      )}
    </div>
  );
}

/**
 * The last section of a form together with its signature and stamp boxes: printed on one page, so the
 * signatures never land on a sheet of their own (with no header and nothing to say what they sign).
 */
export function Closing({ children, tail }: { children: ReactNode; tail?: boolean }) {
  // tail: the closing lines of a section that runs over pages, kept with that section's last rows.
  return <div className={tail ? 'closing closing-tail' : 'closing'}>{children}</div>;
}

/** The law in a line: citation and its status word from the legal reference. */
export function StatusTag({ status }: { status: Bilingual }) {
  return (
    <span className="status-tag">
      [<T t={status} />]
    </span>
  );
}
