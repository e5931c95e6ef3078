/**
 * Resource versions (RFC 7644 §3.14): the ETag a response carries and the preconditions a request
 * sets with it. A version is the row's optimistic-lock counter; its tag is weak, since two equal
 * versions are equivalent representations, not byte-equal ones.
 */

/** The meta.version and ETag of a resource version. */
export function etagOf(version: number): string {
  return `W/"${version}"`;
}

/** The version an entity tag names (`W/"3"` or `"3"`), or undefined for a tag this server never issues. */
function versionOfTag(tag: string): number | undefined {
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(tag);
  return m ? Number(m[1]) : undefined;
}

/**
 * The version a request demands (RFC 7644 §3.14, RFC 9110 §13.1.1): `W/"3"`, `"3"` or `*`, from an
 * If-Match header or from a Bulk operation's `version` (RFC 7644 §3.7), which means the same. A tag
 * this server never issued matches no version (-1), so the change is refused with 412.
 */
export function parseIfMatch(header: string | string[] | undefined): number | "*" | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return undefined;
  if (value.trim() === "*") return "*";
  return versionOfTag(value) ?? -1;
}

/** The version a change must find, from a parsed If-Match: `*` and no header both accept any version. */
export function expectedVersion(ifMatch: number | "*" | undefined): number | undefined {
  return typeof ifMatch === "number" ? ifMatch : undefined;
}

/** Whether an If-None-Match header names the current version, so a GET answers 304 (RFC 9110 §13.1.2). */
export function noneMatch(header: string | string[] | undefined, version: number): boolean {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (!value) return false;
  if (value.trim() === "*") return true;
  return value.split(",").some((tag) => versionOfTag(tag) === version);
}
