import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withCaseJsonTable } from '../../src/cli/case-schema-doc.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents the case JSON exactly as the zod schema accepts it (run npm run schema:doc)', () => {
    expect(withCaseJsonTable(readme)).toBe(readme);
  });

  it('opens with exactly two set-up commands: install-and-run, then the tests', () => {
    const setUp = readme.slice(readme.indexOf('## Set up'), readme.indexOf('\n## ', readme.indexOf('## Set up') + 1));
    const commands = [...setUp.matchAll(/```sh\n([^`]+)```/g)].map((m) => m[1]!.trim());
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci && /);
    expect(commands[1]).toBe('npm test');
  });
});
