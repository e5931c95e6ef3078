import type { NextFunction, Request, Response } from "express";
import { requestStateOf } from "./request-state.js";

/** One SCIM request as the facade reports it to the provisioning log. */
export interface ScimRequestRecord {
  /** The request id (X-Request-Id, quoted in error bodies). */
  id: string;
  companyId: string | null;
  appPasswordId: string | null;
  method: string;
  path: string;
  resourceType: string | null;
  resourceId: string | null;
  status: number;
  scimType: string | null;
  detail: string | null;
  durationMs: number;
  normalizations: string[];
  createdAt: Date;
}

/**
 * Every SCIM request leaves one ProvisioningEvent. A request whose change committed has written
 * its event in the change's own transaction; every other request (reads, discovery, failures,
 * requests with wrong credentials) is reported to `record` once its response has finished, which
 * keeps it off the request path (the core writes such events in batches). Mounted first, so
 * requests refused before the router (rate limits, bodies too large) are reported too.
 *
 * A Bulk request (RFC 7644 §3.7) is recorded as its operations: one event per operation, with its
 * own id, method, path, resource and status, exactly as its single request would leave (a
 * committed change in its transaction, the rest here as each operation ends). The POST /Bulk
 * that carried them leaves no event of its own once it is answered with its BulkResponse: that
 * 200 says only that the message was read, and counted as a success it would hide that every
 * operation in it may have failed (the provisioning summary's success count and last success).
 * A Bulk refused as a whole (401, 413, a malformed BulkRequest) ran no operation and is recorded
 * like any refused request.
 */
export function recordScimRequests(record: (request: ScimRequestRecord) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const state = requestStateOf(res);
    const credentialOf = () => {
      const owner = req.principal ?? req.credentialOwner;
      return { companyId: owner?.companyId ?? null, appPasswordId: req.principal?.credential.appPasswordId ?? req.credentialOwner?.appPasswordId ?? null };
    };
    state.recordOperation = (op) => {
      if (op.changeCommitted) return;
      record({
        id: op.id,
        ...credentialOf(),
        method: op.method,
        path: op.path,
        resourceType: op.resource.type,
        resourceId: op.resource.id ?? null,
        status: op.status,
        scimType: op.error?.scimType ?? null,
        detail: op.error?.detail ?? null,
        durationMs: op.durationMs,
        normalizations: [...op.normalizations],
        createdAt: op.finishedAt,
      });
    };
    res.on("finish", () => {
      if (state.runner?.changeCommitted) return;
      if (state.bulk && res.statusCode === 200) return;
      record({
        id: req.requestId,
        ...credentialOf(),
        method: req.method,
        path: req.originalUrl.slice(0, 2000),
        resourceType: state.resource?.type ?? null,
        resourceId: state.resource?.id ?? null,
        status: res.statusCode,
        scimType: state.error?.scimType ?? null,
        detail: state.error?.detail ?? null,
        durationMs: performance.now() - state.startedAt,
        normalizations: [...state.notes],
        createdAt: new Date(),
      });
    });
    next();
  };
}
