/**
 * Files the officer picks or saves (TEAM contract 2): the page never names a path and never sends a big file
 * through JSON. It holds a handle, a random string the services resolve through the host's file registry.
 *
 * Each purpose says how big its file may be, what the file chooser should offer, and where the browser build
 * keeps an uploaded copy until the services use it: `disk` (in a private 0700 folder removed at close) only for
 * files that are encrypted or public anyway (bundles, backups, public keys); `memory` for anything that may hold
 * a child's data in the clear (a photo, a receipt with the district's notes, a return), so it never touches
 * the disk of the machine running the dev server.
 */
export const FILE_PURPOSES = {
  bundles: { maxBytes: 64 * 1024 * 1024, keep: 'disk', accept: '.chd' },
  stationKey: { maxBytes: 64 * 1024, keep: 'memory', accept: '.pub,.json' },
  districtKey: { maxBytes: 64 * 1024, keep: 'memory', accept: '.pub,.json' },
  receipt: { maxBytes: 4 * 1024 * 1024, keep: 'memory', accept: '.json' },
  rotation: { maxBytes: 64 * 1024, keep: 'memory', accept: '.json' },
  backup: { maxBytes: 4 * 1024 * 1024 * 1024, keep: 'disk', accept: '.chdbackup,.backup' },
  photo: { maxBytes: 10 * 1024 * 1024, keep: 'memory', accept: 'image/jpeg,image/png' },
  report: { maxBytes: 64 * 1024 * 1024, keep: 'memory', accept: '.csv,.xlsx,.pdf,.html' },
  folder: { maxBytes: 64 * 1024 * 1024, keep: 'disk', accept: '' },
} as const satisfies Record<string, { maxBytes: number; keep: 'disk' | 'memory'; accept: string }>;

export type FilePurpose = keyof typeof FILE_PURPOSES;
export const FILE_PURPOSE_NAMES = Object.keys(FILE_PURPOSES) as [FilePurpose, ...FilePurpose[]];

export function isFilePurpose(value: unknown): value is FilePurpose {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FILE_PURPOSES, value);
}

/** What a pick gives the page: the handle to pass to a service, and the name and size to show. */
export type PickedFile = { handle: string; name: string; size: number };
/** Where a service will write what the officer saves. */
export type SaveTarget = { handle: string; name: string };

/** Handles are `f_` and 22 base64url characters (128 random bits); anything else is refused before a lookup. */
export const FILE_HANDLE_PATTERN = /^f_[A-Za-z0-9_-]{22}$/;

/**
 * The last part of a file name the officer gave, safe to show and to use as a file name in a private folder:
 * no folders, no control characters, no leading dots, at most 120 characters.
 */
export function safeFileName(name: string, fallback = 'file'): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim().slice(-120);
  return cleaned === '' ? fallback : cleaned;
}

/** The file-name endings a purpose's chooser offers (`['chd']`); empty: any file. MIME types are left to the browser. */
export function fileExtensionsFor(purpose: FilePurpose): string[] {
  return FILE_PURPOSES[purpose].accept
    .split(',')
    .filter((item) => item.startsWith('.'))
    .map((item) => item.slice(1));
}

/** Whether a file found in a folder the officer picked belongs to the purpose (a USB stick holds other files too). */
export function fitsPurpose(purpose: FilePurpose, fileName: string): boolean {
  const extensions = fileExtensionsFor(purpose);
  if (extensions.length === 0) return true;
  const lower = fileName.toLowerCase();
  return extensions.some((extension) => lower.endsWith(`.${extension}`));
}

/** What a file chooser says it is for, in both languages (native dialogs show one title). */
export const FILE_PURPOSE_TITLES: Record<FilePurpose, { en: string; ur: string }> = {
  bundles: { en: 'Station bundles', ur: 'تھانوں کے بنڈل' },
  stationKey: { en: 'Station key file', ur: 'تھانے کی کلید کی فائل' },
  districtKey: { en: 'District key file', ur: 'ضلع کی کلید کی فائل' },
  receipt: { en: 'Receipt', ur: 'رسید' },
  rotation: { en: 'Key rotation statement', ur: 'کلید کی تبدیلی کا بیان' },
  backup: { en: 'Backup', ur: 'بیک اپ' },
  photo: { en: 'Photo', ur: 'تصویر' },
  report: { en: 'Report', ur: 'رپورٹ' },
  folder: { en: 'Folder', ur: 'فولڈر' },
};
