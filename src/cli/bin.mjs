#!/usr/bin/env node
// The `childdesk` command. It runs the built CLI in out/cli (plain JavaScript: `npm run build:cli`, which `npm ci`
// runs through `prepare`), so it starts in a fraction of a second. In a checkout where a source file is newer
// than that build it rebuilds first, so edited or pulled code never runs as the old build. The packaged desktop
// app does not use this file.
import { freshCliEntry } from './freshness.mjs';

try {
  const { run } = await import(await freshCliEntry());
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`childdesk: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
