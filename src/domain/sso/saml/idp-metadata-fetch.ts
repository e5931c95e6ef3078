import { DomainError } from "../../errors.js";
import { isLoopback } from "../sso-connection.service.js";

/** Metadata documents are a few kilobytes; Entra ID's federation metadata, the largest seen, about 20 KB. */
const MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;

/** Fetches an IdP's metadata document; a function so tests and other callers can hand in their own. */
export type IdpMetadataFetcher = (url: URL) => Promise<string>;

/**
 * An IdP metadata URL as an administrator may give it: https, or plain http on the loopback
 * interface only (an IdP on the developer's machine). The server fetches it, so nothing else is
 * accepted (no file:, no credentials in the URL).
 */
export function validMetadataUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw DomainError.invalid("idpMetadataUrl", "idpMetadataUrl must be an absolute URL, e.g. https://acme.okta.com/app/…/sso/saml/metadata");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw DomainError.invalid("idpMetadataUrl", "idpMetadataUrl must use https (http only for an IdP on 127.0.0.1 or localhost)");
  }
  if (url.username || url.password) throw DomainError.invalid("idpMetadataUrl", "idpMetadataUrl must not carry a user name or password");
  return url;
}

/**
 * GETs the metadata with a time limit and a size limit, following no redirect: the URL the
 * administrator checked is the one fetched, and a redirect cannot steer the server elsewhere.
 * Any failure is the administrator's to fix (a wrong URL, an IdP that is down), so it is a
 * BAD_USER_INPUT naming what the IdP answered.
 */
export const fetchIdpMetadata: IdpMetadataFetcher = async (url) => {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/samlmetadata+xml, application/xml, text/xml" }, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "manual" });
  } catch (err) {
    const why = err instanceof Error && err.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : "the server could not be reached";
    throw DomainError.invalid("idpMetadataUrl", `the IdP metadata at ${url.href} could not be fetched: ${why}`);
  }
  if (res.status >= 300 && res.status < 400) {
    const location = res.headers.get("location");
    throw DomainError.invalid("idpMetadataUrl", `the IdP metadata URL redirects${location ? ` to ${location.slice(0, 300)}` : ""}; give the final URL`);
  }
  if (!res.ok) throw DomainError.invalid("idpMetadataUrl", `the IdP metadata at ${url.href} answered HTTP ${res.status}`);
  const declared = Number(res.headers.get("content-length") ?? 0);
  if (declared > MAX_BYTES) throw DomainError.invalid("idpMetadataUrl", "the IdP metadata is larger than 1 MB");
  // Read up to the limit and stop there: a Content-Length may be missing or wrong.
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of (res.body ?? []) as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > MAX_BYTES) {
      await res.body?.cancel();
      throw DomainError.invalid("idpMetadataUrl", "the IdP metadata is larger than 1 MB");
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString("utf8");
};
