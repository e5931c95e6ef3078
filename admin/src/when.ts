/** A server time in the browser's locale and time zone; empty for none. */
export function when(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "";
}
