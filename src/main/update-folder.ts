import { copyFile, lstat, mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isPlainFileName, manifestNameFor, parseUpdateManifest, pickInstaller } from '../core/security/update-manifest.js';
import { checkUpdate, parseMinisignPublicKey, UPDATE_REFUSAL_TEXT } from '../core/update-signature.js';
import { digestFile } from './file-digest.js';

/**
 * "Update from a USB stick" for offline stations, without Electron (so it is tested in Node): the province
 * copies its release folder (latest.yml or latest-linux.yml, the installer, the installer's .minisig) to a
 * stick; this reads the folder, copies the installer into a private staging folder first (the stick can be
 * swapped or pulled after the check), and checks THE COPY: size and sha512 against latest.yml, then the
 * minisign signature, version binding and no-downgrade rule of src/core/update-signature.ts. Only a copy that
 * passes is handed back to be run.
 */

export type FolderUpdateRefusal = keyof typeof UPDATE_REFUSAL_TEXT;
export type PreparedUpdate =
  | { ok: true; installer: string; stagingDir: string; version: string; trustedComment: string }
  | { ok: false; reason: FolderUpdateRefusal };

export type FolderUpdateOptions = {
  folder: string;
  platform: string;
  /** `.deb` when the running app was installed from a deb, `.AppImage` when it runs as one. */
  preferredExtension?: string;
  currentVersion: string;
  publicKeyText: string;
  /** Where the private staging folder is made (the app's temp folder). */
  stagingRoot: string;
};

const MAX_MANIFEST_BYTES = 64 * 1024;
const MAX_SIGNATURE_BYTES = 4 * 1024;
const MAX_INSTALLER_BYTES = 2 * 1024 ** 3;

/** A regular file (not a link, folder or device) no larger than `limit`, as text; null otherwise. */
async function readSmallFile(path: string, limit: number): Promise<string | null> {
  try {
    const stat = await lstat(path);
    if (!stat.isFile() || stat.size > limit) return null;
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(limit + 1);
      const { bytesRead } = await handle.read(buffer, 0, limit + 1, 0);
      return bytesRead > limit ? null : buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

export async function prepareUpdateFromFolder(options: FolderUpdateOptions): Promise<PreparedUpdate> {
  if (!parseMinisignPublicKey(options.publicKeyText)) return { ok: false, reason: 'NO_UPDATE_KEY' };
  const manifestName = manifestNameFor(options.platform);
  if (!manifestName) return { ok: false, reason: 'NO_INSTALLER' };
  const manifestText = await readSmallFile(join(options.folder, manifestName), MAX_MANIFEST_BYTES);
  const manifest = manifestText === null ? null : parseUpdateManifest(manifestText);
  const file = manifest && pickInstaller(manifest, options.platform, options.preferredExtension);
  if (!manifest || !file || !isPlainFileName(file.url)) return { ok: false, reason: 'NO_INSTALLER' };

  const source = join(options.folder, file.url);
  try {
    const stat = await lstat(source);
    if (!stat.isFile()) return { ok: false, reason: 'NO_INSTALLER' };
    if (stat.size > MAX_INSTALLER_BYTES) return { ok: false, reason: 'DAMAGED_COPY' };
  } catch {
    return { ok: false, reason: 'NO_INSTALLER' };
  }
  const signatureText = await readSmallFile(`${source}.minisig`, MAX_SIGNATURE_BYTES);
  if (signatureText === null) return { ok: false, reason: 'MALFORMED_SIGNATURE' };

  const stagingDir = await mkdtemp(join(options.stagingRoot, 'childdesk-update-'));
  const refuse = async (reason: FolderUpdateRefusal): Promise<PreparedUpdate> => {
    await rm(stagingDir, { recursive: true, force: true });
    return { ok: false, reason };
  };
  const installer = join(stagingDir, file.url);
  try {
    await copyFile(source, installer);
  } catch {
    return refuse('DAMAGED_COPY');
  }
  const digests = await digestFile(installer);
  if ((file.sha512 !== null && digests.sha512Base64 !== file.sha512) || (file.size !== null && digests.size !== file.size)) {
    return refuse('DAMAGED_COPY');
  }
  const verdict = checkUpdate({
    digest: digests.blake2b512,
    signatureText,
    publicKeyText: options.publicKeyText,
    offeredVersion: manifest.version,
    currentVersion: options.currentVersion,
  });
  if (!verdict.ok) return refuse(verdict.reason);
  return { ok: true, installer, stagingDir, version: manifest.version, trustedComment: verdict.trustedComment };
}
