import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { FONTS_FOLDER_NAME } from '../src/forms/font-loader.js';
import { FONT_FILES } from '../src/forms/fonts.js';

/**
 * What built code reads from files at run time, copied beside its bundle by every build that bundles the
 * services (the desktop app's main, the CLI): the register migrations (read by drizzle's migrator from
 * `migrations/`) and the print fonts (read by src/forms/font-loader.ts from `fonts/`). Everything else a run needs
 * is inside the bundle or a declared dependency (better-sqlite3, electron-updater; playwright-core for the CLI).
 *
 * The plugin also writes `build-info.json`: when the build started and which repository files went into it, so
 * a stale build is noticed (src/cli/freshness.mjs) instead of silently running old code.
 */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const at = (path: string) => join(ROOT, path);
const require = createRequire(import.meta.url);

export const BUILD_INFO = 'build-info.json';

export function copyRunTimeFiles(outDir: string): void {
  cpSync(at('src/store/migrations'), join(outDir, 'migrations'), { recursive: true });
  mkdirSync(join(outDir, FONTS_FOLDER_NAME), { recursive: true });
  for (const font of FONT_FILES) copyFileSync(require.resolve(`${font.pkg}/files/${font.file}`), join(outDir, FONTS_FOLDER_NAME, font.file));
}

/** The files of this repository that fed a build (sources and configs), relative to the root. */
function repositoryInputs(moduleIds: Iterable<string>): string[] {
  const inputs = new Set<string>();
  for (const id of moduleIds) {
    const path = id.replace(/^\0+/, '').split('?')[0]!;
    const rel = relative(ROOT, path).split('\\').join('/');
    const inRepository = rel !== '' && !rel.startsWith('..') && !rel.startsWith('node_modules/') && !rel.startsWith('/');
    if (inRepository && existsSync(path)) inputs.add(rel);
  }
  return [...inputs].sort();
}

/**
 * Copies the run-time files beside the bundle and records the build's inputs. `alsoInputs`: files that shape the
 * build without being modules in it (its config, the lock file, the migrations it copies).
 */
export function runTimeFiles(outDir: string, alsoInputs: string[]): Plugin {
  const modules = new Set<string>();
  // When the build started: a source saved while it ran is newer than the build, so the next check rebuilds.
  let startedAt = Date.now();
  return {
    name: 'childdesk:run-time-files',
    apply: 'build',
    buildStart() {
      startedAt = Date.now();
      modules.clear();
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk') for (const id of chunk.moduleIds) modules.add(id);
    },
    closeBundle() {
      copyRunTimeFiles(outDir);
      const migrations = readdirSync(at('src/store/migrations'), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'));
      const inputs = [...repositoryInputs(modules), ...alsoInputs, ...migrations, 'package-lock.json', '.config/runtime-files.ts'].sort();
      writeFileSync(join(outDir, BUILD_INFO), `${JSON.stringify({ builtAt: startedAt, inputs: [...new Set(inputs)] }, null, 2)}\n`);
    },
  };
}

/**
 * The services read the app version from package.json (`import packageJson from '../../package.json' with { type:
 * 'json' }`: Node's own loader allows only the whole object). In a bundle, only the version is kept: the rest of
 * package.json (scripts, the development tools it lists) has no business in the app's code.
 */
export function packageVersionOnly(): Plugin {
  const packageJson = at('package.json');
  return {
    name: 'childdesk:package-version-only',
    enforce: 'pre',
    transform(code, id) {
      if (id.split('?')[0] !== packageJson) return null;
      return { code: JSON.stringify({ version: (JSON.parse(code) as { version: string }).version }), map: null };
    },
  };
}
