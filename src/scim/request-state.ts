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
  /**
   * Set once a Bulk request's operations start (RFC 7644 §3.7): from then on the request is
   * recorded as its operations, each as a request of its own.
   */
  bulk = false;
  /**
   * Records one operation of a Bulk request as soon as it has run, so none is lost to a client
   * that disconnects before the BulkResponse; request-record.ts, the one writer of the records a
   * change did not write itself, puts it here.
   */
  recordOperation?: (operation: ScimOperationOutcome) => void;
}

/** One operation of a Bulk request, as the provisioning log records it: like a request of its own. */
export interface ScimOperationOutcome {
  /** Its ProvisioningEvent id, quoted in the error body of its result. */
  id: string;
  method: string;
  /** The path its single request would have had, e.g. /scim/v2/Users/{id}. */
  path: string;
  resource: { type: string; id?: string };
  status: number;
  error?: { scimType?: string; detail: string };
  durationMs: number;
  normalizations: ReadonlySet<string>;
  finishedAt: Date;
  /** Whether its change committed, and so wrote its ProvisioningEvent in its own transaction. */
  changeCommitted: boolean;
}

/** The state of the request `res` answers (created on first use). */
export function requestStateOf(res: Response): ScimRequestState {
  const locals = res.locals as { scim?: ScimRequestState };
  return (locals.scim ??= new ScimRequestState());
}
