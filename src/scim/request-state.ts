import type { Response } from "express";
import type { OperationRunner } from "./execute.js";

/**
 * What the facade learns while it serves one request, kept on the response for the provisioning
 * record written when the response is finished (request-record.ts).
 */
export class ScimRequestState {
  readonly startedAt = performance.now();
  /** IdP dialect normalisations applied while reading the request (Entra capitalised ops…). */
  readonly notes = new Set<string>();
  /** The resource the request addressed, once known. */
  resource?: { type: string; id?: string };
  /** The SCIM error the request was answered with, if any. */
  error?: { status: number; scimType?: string; detail: string };
  /** The operations of the request; it knows whether a change committed (and so recorded itself). */
  runner?: OperationRunner;
}

/** The state of the request `res` answers (created on first use). */
export function requestStateOf(res: Response): ScimRequestState {
  const locals = res.locals as { scim?: ScimRequestState };
  return (locals.scim ??= new ScimRequestState());
}
