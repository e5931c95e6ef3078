/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF (§2.1–2.2); a field containing a
 * comma, a double quote, CR or LF is enclosed in double quotes, with each quote doubled (§2.6–2.7).
 *
 * A field that begins with =, +, -, @, TAB or CR is also prefixed with a single quote, so a
 * spreadsheet opening the report does not run a formula an IdP (or anyone able to name a user or
 * a role) planted in it (OWASP "CSV injection"). Everything else is written as it is.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, CRLF-terminated. */
export function csvRecord(fields: readonly (string | number | boolean | null | undefined)[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}
