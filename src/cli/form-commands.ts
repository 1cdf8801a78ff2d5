import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { BILINGUAL_LAYOUTS, FORM_LANGS, FORM_NAMES, formFileName } from '../forms/types.js';
import type { FormRequest } from '../services/forms.js';
import { db, services, numberOption, positional, required, user, withSession, type Command, type Values } from './command.js';

/** `childdesk form` prints case forms to PDF (or HTML); `childdesk verify-print` checks a paper copy's QR. */

function oneOf<T extends string>(values: Values, name: string, allowed: readonly T[], fallback?: T): T {
  const value = values[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new AppError('USAGE', `--${name} must be one of ${allowed.join(', ')}.`);
  }
  return value as T;
}

export const FORM_COMMANDS: Record<string, Command> = {
  form: {
    usage: `form --db FILE [--user NAME] (CASE_ID... | --all-open) --form ${FORM_NAMES.join('|')} [--lang ${FORM_LANGS.join('|')}] [--layout ${BILINGUAL_LAYOUTS.join('|')}] [--referral N] [--html] --out FILE.pdf|DIR`,
    options: {
      ...db,
      ...user,
      form: { type: 'string' },
      lang: { type: 'string' },
      layout: { type: 'string' },
      referral: { type: 'string' },
      out: { type: 'string' },
      'all-open': { type: 'boolean' },
      html: { type: 'boolean' },
    },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { FormPrinter, openCasesFor, printForms, renderFormHtml } = await services();
        const form = oneOf(v, 'form', FORM_NAMES);
        const lang = oneOf(v, 'lang', FORM_LANGS, 'en');
        const layout = oneOf(v, 'layout', BILINGUAL_LAYOUTS, 'stacked');
        const referral = numberOption(v, 'referral');
        if (referral !== undefined && !(Number.isInteger(referral) && referral >= 1)) throw new AppError('USAGE', '--referral must be a whole number from 1.');
        const out = required(v, 'out');
        const targets = v['all-open'] ? openCasesFor(session, form).map((c) => c.id) : args.length ? args : [positional(args, 0, 'CASE_ID')];
        if (targets.length === 0) return { json: [], text: `No open case needs the ${form} form.` };
        const single = targets.length === 1 && !v['all-open'] && out.toLowerCase().endsWith(v.html ? '.html' : '.pdf');
        const requests: FormRequest[] = targets.map((caseId) => ({ caseId, form, lang, layout, referral }));
        const named = (caseNumber: string) => (single ? out : join(out, formFileName(caseNumber, form, lang, referral, v.html ? 'html' : 'pdf')));
        if (v.html) {
          const written = requests.map((request) => {
            const html = renderFormHtml(session, request.caseId, form, lang, { layout, referral });
            const caseNumber = /<title>\S+ \S+ (\S+) r\d+<\/title>/.exec(html)?.[1] ?? request.caseId;
            const path = named(caseNumber);
            try {
              writeFileSync(path, html);
            } catch (error) {
              throw new AppError('PRINT_FAILED', `${path}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`);
            }
            return { caseNumber, path };
          });
          return { json: written, text: written.map((w) => `${w.caseNumber}  ${w.path}`).join('\n') };
        }
        // One warm browser for the whole batch.
        const printer = await FormPrinter.launch({ env: io.env });
        const printed = await printForms(session, requests.map((request) => ({ request, out: named })), { printer }).finally(() => printer.close());
        const json = printed.map(({ layout: _layout, ...p }) => p);
        return { json, text: printed.map((p) => `${p.caseNumber}  ${p.form} (${p.lang}, revision ${p.revision}, ${p.pages} page${p.pages === 1 ? '' : 's'})  ${p.path}`).join('\n') };
      }),
  },
  'verify-print': {
    usage: 'verify-print --db FILE [--user NAME] "QR TEXT"   (the text of a printed form\'s QR code; exit 0 only when it matches the register now)',
    options: { ...db, ...user },
    run: (v, args, io) =>
      withSession(v, io, async (session) => {
        const { verifyPrint } = await services();
        const result = verifyPrint(session, positional(args, 0, 'QR TEXT'));
        return { json: result, text: result.en, exitCode: result.ok ? 0 : 1 };
      }),
  },
};
