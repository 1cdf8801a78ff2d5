/**
 * Switches that would let someone at the keyboard (or a doctored shortcut) read the register from outside the
 * window: a debugger on the main process or the page, or a renderer without the same-origin policy. Electron's
 * fuses already ignore Node's --inspect family and NODE_OPTIONS in the packaged app; Chromium's switches are
 * not covered by a fuse, so the packaged app refuses to start with any of these.
 */
const REFUSED = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-publish-uid',
  'js-flags',
  'disable-web-security',
  'disable-site-isolation-trials',
  'allow-file-access-from-files',
];

/** The first refused switch in argv (`--name` or `--name=value`, any case), or null. Stops at `--`. */
export function refusedSwitch(argv: readonly string[]): string | null {
  for (const arg of argv) {
    if (arg === '--') return null;
    const match = /^--?([A-Za-z0-9-]+)(?:=.*)?$/s.exec(arg);
    const name = match?.[1]?.toLowerCase();
    if (name && REFUSED.includes(name)) return name;
  }
  return null;
}
