import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: '.config/eslint.config.js' });

async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('the layering of DESIGN.md is enforced by lint', () => {
  it.each([
    ['src/core/x.ts', "import { readFileSync } from 'node:fs'; export const x = readFileSync;"],
    ['src/core/x.ts', "import { Register } from '../store/register.js'; export type X = Register;"],
    ['src/core/x.ts', 'export const x = process.env;'],
    ['src/core/x.ts', "import { Buffer } from 'buffer'; export const x = Buffer;"],
    ['src/core/x.ts', "import { EventEmitter } from 'events'; export const x = EventEmitter;"],
    ['src/core/x.ts', "import { readFile } from 'fs/promises'; export const x = readFile;"],
    ['src/core/x.ts', 'export const x = navigator.language;'],
    ['src/core/x.ts', "export const x = localStorage.getItem('k');"],
    ['src/core/x.ts', 'export const x = globalThis.document;'],
    ['src/renderer/x.ts', "import { request } from 'http'; export const x = request;"],
    ['src/renderer/x.ts', 'export const x = process.env;'],
    ['src/renderer/x.ts', "import { Register } from '../store/register.js'; export type X = Register;"],
    ['src/renderer/x.ts', "import { readFileSync } from 'node:fs'; export const x = readFileSync;"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron'; export const x = ipcRenderer;"],
    ['src/services/x.ts', "import { app } from 'electron'; export const x = app;"],
    ['src/store/x.ts', "import { createCase } from '../services/cases.js'; export const x = createCase;"],
    ['src/cli/x.ts', "import { app } from 'electron'; export const x = app;"],
  ])('%s may not: %s', async (file, code) => {
    expect(await violations(file, code)).not.toHaveLength(0);
  });

  it.each([
    ['src/core/x.ts', "import { z } from 'zod'; export const x = z.string();"],
    ['src/renderer/x.ts', "import { caseInputSchema } from '../core/case-model.js'; export const x = caseInputSchema;"],
    ['src/services/x.ts', "import { Register } from '../store/register.js'; export type X = Register;"],
    ['src/main/x.ts', "import { app } from 'electron'; export const x = app;"],
  ])('%s may: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
