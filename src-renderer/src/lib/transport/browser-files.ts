/**
 * File access through the browser: uploads with a file input, downloads with a link.
 * The browser shell never sends a server path to the renderer or back.
 */

import { FILE_TYPES, type FileKind, type PickedFile } from './transport';

/** Largest file of each kind the renderer reads, in bytes: the backend's request limits. */
export const MAX_UPLOAD_BYTES: Record<FileKind, number> = {
  csv: 32 * 1024 * 1024,
  model: 64 * 1024 * 1024,
  project: 4 * 1024 * 1024,
};

/**
 * Opens the browser's file chooser and reads the chosen file as UTF-8 text. Resolves null
 * when the user cancels; rejects when the file is too large or cannot be read.
 */
export function uploadFile(kind: FileKind): Promise<PickedFile | null> {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = FILE_TYPES[kind].accept;
  input.hidden = true;
  document.body.append(input);

  return new Promise<PickedFile | null>((resolve, reject) => {
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });

    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (file === undefined) {
        resolve(null);
        return;
      }
      const limit = MAX_UPLOAD_BYTES[kind];
      if (file.size > limit) {
        const megabytes = (file.size / 1024 / 1024).toFixed(1);
        reject(new Error(`${file.name} is ${megabytes} MB; Wiregrad reads files of this kind up to ${limit / 1024 / 1024} MB.`));
        return;
      }
      file.text().then((text) => resolve({ name: file.name, text }), reject);
    });

    input.click();
  });
}

/** Offers `text` as a download named `fileName`. */
export function downloadFile(fileName: string, text: string): void {
  const blob = new Blob([text], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();

  // The download has started once click() returns, but revoking at once cancels it in
  // some browsers, so the URL is released a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
