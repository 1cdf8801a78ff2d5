import type { FilePurpose, PickedFile } from '../../core/files.js';
import { FILE_PURPOSES } from '../../core/files.js';
import { inDesktopApp } from '../api-client.js';
import { pickFiles, uploadFiles } from '../files.js';

type Props = {
  purpose: FilePurpose;
  label: string;
  multiple?: boolean;
  /** Pick a folder: every file in it that fits the purpose (a USB stick of bundles). */
  directory?: boolean;
  disabled?: boolean;
  /** The picked files as handles, never called with none. */
  onPicked: (files: PickedFile[]) => void;
  onError: (error: unknown) => void;
};

/**
 * "Choose a file" for both shells, answering handles (renderer/files.ts): in the desktop app a button that opens
 * the native dialog; in the browser build a labelled `<input type=file>` whose files are uploaded to the dev
 * server (so Playwright's setInputFiles on the label drives it).
 */
export function FilePick({ purpose, label, multiple, directory, disabled, onPicked, onError }: Props) {
  const deliver = async (pick: () => Promise<PickedFile[]>) => {
    try {
      const picked = await pick();
      if (picked.length > 0) onPicked(picked);
    } catch (error) {
      onError(error);
    }
  };
  if (inDesktopApp()) {
    return (
      <button type="button" className="file-button" disabled={disabled} onClick={() => void deliver(() => pickFiles({ purpose, multiple, directory }))}>
        {label}
      </button>
    );
  }
  return (
    <label className="file-button">
      {label}
      <input
        type="file"
        accept={directory ? undefined : FILE_PURPOSES[purpose].accept}
        multiple={multiple || directory}
        {...(directory ? { webkitdirectory: '' } : {})}
        disabled={disabled}
        data-file-purpose={purpose}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          void deliver(() => uploadFiles(files, purpose, directory));
        }}
      />
    </label>
  );
}
