/**
 * The two small YAML files of an electron-builder release, read without a YAML library: `latest.yml`
 * (`latest-linux.yml` on Linux), which names the installer, its version and sha512, and the app's own
 * `app-update.yml`, which names the province's update server. Both are written by electron-builder (js-yaml,
 * one line per value), so only that shape is read: top-level `key: value`, and the `files:` list of
 * `- url: ...` items. Anything else is ignored; anything odd in the parts we need is refused.
 *
 * Pure: main reads the files; the decisions about names and URLs are made here.
 */

export type UpdateFile = { url: string; sha512: string | null; size: number | null };
export type UpdateManifest = { version: string; files: UpdateFile[]; path: string | null; sha512: string | null };

function unquote(raw: string): string | null {
  const value = raw.trim();
  if (value.startsWith("'")) {
    if (!value.endsWith("'") || value.length < 2) return null;
    return value.slice(1, -1).replace(/''/g, "'");
  }
  if (value.startsWith('"')) {
    if (!value.endsWith('"') || value.length < 2) return null;
    const inner = value.slice(1, -1);
    // js-yaml uses double quotes only for strings with special characters; none of ours need escapes.
    return inner.includes('\\') ? null : inner;
  }
  const comment = value.indexOf(' #');
  return (comment >= 0 ? value.slice(0, comment) : value).trim();
}

/** Top-level scalars and the `files:` list of a latest.yml / app-update.yml. */
function readYaml(text: string): { top: Map<string, string>; files: Array<Map<string, string>> } {
  const top = new Map<string, string>();
  const files: Array<Map<string, string>> = [];
  let inFiles = false;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const topLevel = /^([A-Za-z0-9_]+):(?:\s+(.*))?$/.exec(line);
    if (topLevel) {
      inFiles = topLevel[1] === 'files' && (topLevel[2] ?? '') === '';
      const value = topLevel[2] === undefined ? null : unquote(topLevel[2]);
      if (!inFiles && value !== null && !top.has(topLevel[1]!)) top.set(topLevel[1]!, value);
      continue;
    }
    if (!inFiles) continue;
    const item = /^\s*-\s+([A-Za-z0-9_]+):\s*(.*)$/.exec(line);
    const field = /^\s+([A-Za-z0-9_]+):\s*(.*)$/.exec(line);
    if (item) files.push(new Map());
    const match = item ?? field;
    const current = files[files.length - 1];
    if (!match || !current) continue;
    const value = unquote(match[2]!);
    if (value !== null && !current.has(match[1]!)) current.set(match[1]!, value);
  }
  return { top, files };
}

/**
 * A plain file name in the update folder: no directory part, no traversal, no drive letters or streams, nothing
 * hidden. latest.yml comes from the server or a USB stick, so its names are not trusted to stay in the folder.
 */
export function isPlainFileName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) return false;
  }
  return (
    !/[/\\:*?"<>|]/.test(name) &&
    !name.startsWith('.') &&
    !name.endsWith('.') &&
    !name.endsWith(' ') &&
    !/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)
  );
}

const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/;

/** latest.yml as electron-builder writes it, or null when it lacks a version or any usable file. */
export function parseUpdateManifest(text: string): UpdateManifest | null {
  const { top, files } = readYaml(text);
  const version = top.get('version');
  if (!version) return null;
  const sha = (value: string | undefined) => (value && SHA512_BASE64.test(value) ? value : null);
  const parsed: UpdateFile[] = [];
  for (const entry of files) {
    const url = entry.get('url');
    if (!url) continue;
    const size = entry.has('size') ? Number(entry.get('size')) : null;
    parsed.push({ url, sha512: sha(entry.get('sha512')), size: size !== null && Number.isSafeInteger(size) && size >= 0 ? size : null });
  }
  const path = top.get('path') ?? null;
  if (parsed.length === 0 && path) parsed.push({ url: path, sha512: sha(top.get('sha512')), size: null });
  if (parsed.length === 0) return null;
  return { version, files: parsed, path, sha512: sha(top.get('sha512')) };
}

/** The release file electron-builder writes for a platform: latest.yml (Windows), latest-linux.yml. */
export function manifestNameFor(platform: string): string | null {
  if (platform === 'win32') return 'latest.yml';
  if (platform === 'linux') return 'latest-linux.yml';
  return null;
}

/** The installer kinds this platform's app can install, in order of preference. */
export function installerExtensions(platform: string): string[] {
  if (platform === 'win32') return ['.exe'];
  if (platform === 'linux') return ['.AppImage', '.deb'];
  return [];
}

/**
 * The installer in a USB update folder for this platform: the first file of latest.yml with an installer
 * extension the platform takes (preferring `preferred`, e.g. `.deb` when the app was installed from a deb),
 * whose name is a plain file name. Null when there is none.
 */
export function pickInstaller(manifest: UpdateManifest, platform: string, preferred?: string): UpdateFile | null {
  const extensions = installerExtensions(platform);
  const order = preferred && extensions.includes(preferred) ? [preferred, ...extensions.filter((e) => e !== preferred)] : extensions;
  for (const extension of order) {
    const file = manifest.files.find((f) => isPlainFileName(f.url) && f.url.toLowerCase().endsWith(extension.toLowerCase()));
    if (file) return file;
  }
  return null;
}

/** The update server named in the packaged app's app-update.yml (generic provider), with a trailing slash. */
export function feedUrlFromAppUpdateConfig(text: string): string | null {
  const { top } = readYaml(text);
  if (top.get('provider') !== 'generic') return null;
  const url = top.get('url');
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    if (parsed.username || parsed.password) return null;
    return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
  } catch {
    return null;
  }
}

/**
 * Where the signature of a downloaded installer is: `<installer URL>.minisig`, resolved against the feed as
 * electron-updater resolves the installer, and only on the feed's own origin (latest.yml cannot send us elsewhere).
 */
export function signatureUrlFor(feedUrl: string, fileUrl: string): string | null {
  try {
    const feed = new URL(feedUrl);
    const signature = new URL(`${fileUrl}.minisig`, feed);
    if (signature.origin !== feed.origin || signature.username || signature.password) return null;
    if (!signature.pathname.startsWith(feed.pathname.replace(/[^/]*$/, ''))) return null;
    signature.hash = '';
    return signature.href;
  } catch {
    return null;
  }
}
