// Lint enforces the layering of DESIGN.md: dependencies point one way,
// core <- store/bundle/forms <- services <- {main, cli, devserver}; renderer -> core and forms only.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Every Node built-in, bare or with a sub-path ('fs/promises'), with or without the node: prefix.
const nodeBuiltins = ['node:*', ...builtinModules.flatMap((name) => [name, `${name}/*`])];
// Browser and Node globals that would tie core to one platform.
const platformGlobals = [
  'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'location', 'fetch',
  'XMLHttpRequest', 'globalThis', 'self', 'process', 'Buffer', 'require', '__dirname', '__filename',
];
const banned = (patterns, message) => ({ group: patterns, message });

const layer = (files, groups) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: groups }] },
});

const store = ['**/store/**', '**/store'];
const bundle = ['**/bundle/**', '**/bundle'];
const services = ['**/services/**', '**/services'];
const shells = ['**/main/**', '**/preload/**', '**/cli/**', '**/devserver/**', '**/renderer/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'src/store/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  layer(['src/core/**'], [
    banned(nodeBuiltins, 'src/core is pure: no Node built-ins (move I/O to store, bundle or services).'),
    banned(['electron', 'react', 'react-dom', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'], 'src/core is pure: no platform libraries.'),
    banned([...store, ...bundle, ...services, '**/forms/**', ...shells], 'src/core depends on nothing else in src.'),
  ]),
  {
    files: ['src/core/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...platformGlobals],
    },
  },
  {
    // The renderer is a sandboxed page: Node's globals do not exist there.
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'],
    },
  },
  layer(['src/store/**', 'src/bundle/**', 'src/forms/**'], [
    banned(['electron'], 'Only src/main may import electron.'),
    banned([...services, ...shells], 'store, bundle and forms may depend only on core (and each other below services).'),
  ]),
  layer(['src/services/**'], [
    banned(['electron'], 'Only src/main may import electron.'),
    banned(shells, 'services must not depend on the shells that call them.'),
  ]),
  layer(['src/cli/**', 'src/devserver/**'], [
    banned(['electron'], 'Only src/main may import electron.'),
    banned(['**/main/**', '**/preload/**', '**/renderer/**'], 'Shells do not import each other.'),
  ]),
  layer(['src/renderer/**'], [
    banned(nodeBuiltins, 'The renderer runs sandboxed: no Node built-ins.'),
    banned(['electron', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'], 'The renderer talks only to the typed API client.'),
    banned([...store, ...bundle, ...services, '**/main/**', '**/cli/**', '**/devserver/**'], 'The renderer may import only core and forms.'),
  ]),
  layer(['src/preload/**'], [
    banned([...store, ...bundle, ...services, '**/renderer/**', '**/cli/**', '**/devserver/**'], 'Preload exposes one typed object and imports nothing but electron and core.'),
  ]),
);
