/**
 * The version a request demands (RFC 7644 §3.14, RFC 7232 §3.1): `W/"3"`, `"3"` or `*`, from an
 * If-Match header or from a Bulk operation's `version` (RFC 7644 §3.7), which means the same. A tag
 * this server never issued matches no version (-1), so the change is refused with 412.
 */
export function parseIfMatch(header: string | string[] | undefined): number | "*" | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return undefined;
  if (value.trim() === "*") return "*";
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(value);
  return m ? Number(m[1]) : -1;
}
