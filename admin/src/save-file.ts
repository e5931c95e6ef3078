/** Hands the browser a file to save (a download) from memory, as a link with `download` would. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The download holds its own reference to the data by now.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
