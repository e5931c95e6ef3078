import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

declare module "express-serve-static-core" {
  interface Request {
    /** Unique per request; also the id of the request's ProvisioningEvent. */
    requestId: string;
  }
}

/** Gives every request an id, returned as `X-Request-Id` and quoted in logs and SCIM error bodies. */
export function requestId() {
  return (req: Request, res: Response, next: NextFunction) => {
    req.requestId = randomUUID();
    res.setHeader("X-Request-Id", req.requestId);
    next();
  };
}
