import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { parseMinisignPublicKey } from '../src/core/update-signature.js';
import { at, runTimeFiles } from './runtime-files.js';
import renderer from './vite.renderer.config.js';

/**
 * The desktop app: main (ES module, Node target), the sandboxed preload (one CommonJS file: a sandboxed preload
 * cannot load ES modules or anything from node_modules) and the renderer (the same Vite config the dev server
 * and the Chromium tests use). `npm run build` writes out/; `npm run dist` packs it with electron-builder.
 */

/** `--mode release` (npm run dist) refuses a build whose embedded update key is still the placeholder. */
function requireUpdateKey(mode: string): Plugin {
  return {
    name: 'childdesk:require-update-key',
    apply: 'build',
    buildStart() {
      if (mode !== 'release') return;
      if (!parseMinisignPublicKey(readFileSync(at('resources/update-public-key.pub'), 'utf8'))) {
        throw new Error(
          'resources/update-public-key.pub holds no minisign public key. Put the province update key there (minisign -G) before building installers.',
        );
      }
    },
  };
}

export default defineConfig(({ mode }) => ({
  main: {
    // The migrations and print fonts beside the bundle (out/main/migrations, out/main/fonts), read from app.asar.
    plugins: [runTimeFiles(at('out/main'), ['.config/electron.vite.config.ts']), requireUpdateKey(mode)],
    build: {
      outDir: at('out/main'),
      emptyOutDir: true,
      // Bundle our code and its pure dependencies; load the native driver and the updater from node_modules.
      externalizeDeps: false,
      // The bundle reader's thread is its own entry: src/bundle/change-reader.ts starts it from beside index.js.
      lib: { entry: { index: at('src/main/index.ts'), 'change-reader.worker': at('src/bundle/change-reader.worker.ts') }, formats: ['es'] },
      rolldownOptions: {
        external: ['better-sqlite3', 'electron-updater'],
        output: { entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      emptyOutDir: true,
      externalizeDeps: false,
      lib: { entry: at('src/preload/index.ts'), formats: ['cjs'] },
      rolldownOptions: { output: { entryFileNames: 'index.cjs', codeSplitting: false } },
    },
  },
  renderer: {
    ...renderer,
    root: at('src/renderer'),
    build: {
      ...renderer.build,
      outDir: at('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: { input: at('src/renderer/index.html') },
    },
  },
}));
