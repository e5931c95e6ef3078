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
 */
export function recordScimRequests(record: (request: ScimRequestRecord) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    const state = requestStateOf(res);
    res.on("finish", () => {
      if (state.runner?.changeCommitted) return;
      const owner = req.principal ?? req.credentialOwner;
      record({
        id: req.requestId,
        companyId: owner?.companyId ?? null,
        appPasswordId: req.principal?.credential.appPasswordId ?? req.credentialOwner?.appPasswordId ?? null,
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
