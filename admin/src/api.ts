/**
 * The console's only ways to the server: its cookie session (/admin/session) and /graphql, with
 * the typed documents that `npm run codegen` generates from src/operations. Every request carries
 * the CSRF header the server requires of cookie-authenticated requests.
 */
import type { TypedDocumentString } from "./generated/graphql";
import { saveFile } from "./save-file";

const CSRF = { "x-rolebridge-csrf": "1" };

/** The session is gone (expired, signed out elsewhere, or its user deactivated): back to sign-in. */
export class SessionEnded extends Error {}

/** What the sign-in page says when a session ends under a page. */
export const SESSION_ENDED = "Your session has ended (it expired or was signed out). Sign in again.";

/** A GraphQL error, with its message as the server wrote it. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables?: TVariables): Promise<TResult> {
  const res = await fetch("/graphql", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", accept: "application/json", ...CSRF },
    body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
  });
  const body = (await res.json().catch(() => null)) as GraphQLResponse<TResult> | null;
  const errors = body?.errors ?? [];
  const unauthenticated = errors.find((e) => e.extensions?.code === "UNAUTHENTICATED");
  if (unauthenticated) throw new SessionEnded(unauthenticated.message);
  if (errors.length > 0) throw new ApiError(errors.map((e) => e.message).join("; "), errors[0]!.extensions?.code);
  if (!res.ok || !body?.data) throw new ApiError(`the server answered ${res.status}`);
  return body.data;
}

export async function signIn(company: string, userName: string, password: string): Promise<void> {
  const res = await fetch("/admin/session", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", ...CSRF },
    body: JSON.stringify({ company, userName, password }),
  });
  if (res.ok) return;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new ApiError(body?.error?.message ?? `the server answered ${res.status}`);
}

export async function signOut(): Promise<void> {
  await fetch("/admin/session", { method: "DELETE", credentials: "same-origin", headers: CSRF });
}

/**
 * Downloads a file the server streams (the users-and-roles CSV) with the session cookie and CSRF
 * header, which a plain link cannot send, and hands it to the browser as a download.
 */
export async function download(path: string, fileName: string): Promise<void> {
  const res = await fetch(path, { credentials: "same-origin", headers: CSRF });
  if (res.status === 401) throw new SessionEnded(SESSION_ENDED);
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ApiError(body?.error?.message ?? `the server answered ${res.status}`);
  }
  saveFile(await res.blob(), fileName);
}

/** A platform operator's impersonated session as a company user, into the cookie (the operator's own waits aside). */
export async function startImpersonation(companyId: string, userName: string, reason: string): Promise<void> {
  const res = await fetch("/admin/session/impersonation", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json", ...CSRF },
    body: JSON.stringify({ companyId, userName, reason }),
  });
  if (res.ok) return;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string; code?: string } } | null;
  if (res.status === 401) throw new SessionEnded(body?.error?.message ?? "sign in again");
  throw new ApiError(body?.error?.message ?? `the server answered ${res.status}`, body?.error?.code);
}

/** Ends an impersonated session; true when the operator's own session is back in the cookie. */
export async function endImpersonation(): Promise<boolean> {
  const res = await fetch("/admin/session/impersonation", { method: "DELETE", credentials: "same-origin", headers: CSRF });
  const body = (await res.json().catch(() => null)) as { restored?: boolean } | null;
  return Boolean(body?.restored);
}

/** Runs an API call; a SessionEnded goes to `onSessionEnded`, any other error is returned as its message. */
export async function attempt<T>(call: () => Promise<T>, onSessionEnded: () => void): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    if (err instanceof SessionEnded) {
      onSessionEnded();
      return { ok: false, message: err.message };
    }
    return { ok: false, message: (err as Error).message };
  }
}
