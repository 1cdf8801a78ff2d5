import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CLI_CONFIG, CLI_OUT, ROOT, staleness } from '../../src/cli/freshness.mjs';

/**
 * Global setup of the slow tests: the packaging check, the built bundle reader and the real `childdesk` process
 * run built code (out/main, out/cli), so build whatever is older than its sources first. `npm test` has just run
 * `npm run build`, so there this only checks; run alone (`npx vitest --project slow`) it builds what is stale,
 * once, before any test starts (no two test files rebuilding the same folder at once).
 */
export default function buildFirst(): void {
  const node = process.execPath;
  const mainReason = staleness(join(ROOT, 'out/main'));
  if (mainReason) {
    console.log(`Building the app (${mainReason})…`);
    execFileSync(node, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--config', '.config/electron.vite.config.ts'], { cwd: ROOT, stdio: 'inherit' });
  }
  const cliReason = staleness(CLI_OUT);
  if (cliReason) {
    console.log(`Building the command (${cliReason})…`);
    execFileSync(node, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', CLI_CONFIG], { cwd: ROOT, stdio: 'inherit' });
  }
}
