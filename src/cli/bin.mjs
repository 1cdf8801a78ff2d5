#!/usr/bin/env node
// The `childdesk` command. It runs the TypeScript sources through tsx, so the CLI needs no build step on the
// district's machines; the packaged desktop app does not use this file.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
