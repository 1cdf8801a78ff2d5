/**
 * Hands a file the services made (base64, as report.file and the PDF methods return it) to the officer: the
 * browser build downloads it. The desktop app's downloads go through the file door (host's save targets) instead.
 */
export function saveFile(fileName: string, base64: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes], { type: mime }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
