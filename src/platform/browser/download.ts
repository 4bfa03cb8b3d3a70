/**
 * Saves generated text as a file through the browser's download (a Blob URL on a temporary
 * `<a download>`): the CSV exports of history and shifts. The URL is revoked once the click
 * has been dispatched.
 */
export function downloadText(doc: Document, fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
