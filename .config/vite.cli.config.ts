import { defineConfig } from 'vite';
import { at, packageVersionOnly, runTimeFiles } from './runtime-files.js';

/**
 * The `childdesk` command as built JavaScript (out/cli), so it starts with plain Node instead of compiling
 * TypeScript at every start: `npm run build:cli`, which `npm ci` runs through `prepare`. Two entries: the CLI and
 * the bundle reader's thread (src/bundle/change-reader.ts starts it from beside the bundle). Everything is
 * bundled except the native SQLite driver and playwright-core, which the CLI loads from node_modules only when it
 * prints a PDF. src/cli/bin.mjs rebuilds first when a source is newer than the build.
 */
export default defineConfig({
  root: at('.'),
  logLevel: 'warn',
  // No public folder to copy, and no .env files to read.
  publicDir: false,
  envDir: false,
  plugins: [runTimeFiles(at('out/cli'), ['.config/vite.cli.config.ts', 'tsconfig.json']), packageVersionOnly()],
  resolve: { conditions: ['node', 'import', 'default'] },
  ssr: { target: 'node', noExternal: true, external: ['better-sqlite3', 'playwright-core'] },
  build: {
    ssr: true,
    target: 'node20',
    outDir: at('out/cli'),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: { childdesk: at('src/cli/main.ts'), 'change-reader.worker': at('src/bundle/change-reader.worker.ts') },
      external: ['better-sqlite3', 'playwright-core'],
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
