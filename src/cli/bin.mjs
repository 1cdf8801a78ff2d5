#!/usr/bin/env node
// The `childdesk` command. It runs the TypeScript sources through tsx, so the CLI needs no build step on the
// district's machines; the packaged desktop app does not use this file.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Name the repository's tsconfig: tsx otherwise looks for one from the current folder, and a district officer
// running the command from their documents folder would get the wrong JSX settings ("React is not defined").
register({ tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)) });
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
