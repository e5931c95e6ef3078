import type { MikroORM } from "@mikro-orm/postgresql";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { ProvisioningEvent } from "../domain/provisioning/provisioning-event.entity.js";
import type { ScimResponseLocals } from "../scim/router.js";

/**
 * Issue 3 §7: every SCIM request leaves one ProvisioningEvent. A mutation records it inside its
 * own transaction (DESIGN rule 6, domain/unit-of-work.ts); for every other request (reads,
 * discovery, failures, requests with wrong credentials) it is written here, once the response has
 * finished, so it never delays or fails the response.
 */
export function scimProvisioningLog(orm: MikroORM, log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const startedAt = performance.now();
    res.on("finish", () => {
      setImmediate(() => {
        record(orm, req, res, startedAt).catch((err: unknown) => {
          log.warn({ err, requestId: req.requestId }, "could not record the SCIM provisioning event");
        });
      });
    });
    next();
  };
}

async function record(orm: MikroORM, req: Request, res: Response, startedAt: number): Promise<void> {
  const locals = res.locals as ScimResponseLocals;
  const p = locals.scimProvisioning;
  if (p?.recorded) return;
  const status = res.statusCode;
  const em = orm.em.fork();
  await em.insert(ProvisioningEvent, {
    id: req.requestId,
    company: req.principal?.companyId ?? null,
    appPassword: req.principal?.credential.appPasswordId ?? null,
    method: req.method,
    path: p?.path ?? req.originalUrl.slice(0, 2000),
    resourceType: locals.scimResource?.type ?? null,
    resourceId: validUuid(locals.scimResource?.id),
    outcome: status < 400 ? "success" : "failure",
    status,
    scimType: locals.scimError?.scimType ?? null,
    detail: locals.scimError?.detail?.slice(0, 2000) ?? null,
    durationMs: Math.round(performance.now() - (p?.startedAt ?? startedAt)),
    normalizations: p?.normalizations ?? [],
    createdAt: new Date(),
  });
}

/** The id column is text, but an id taken from a hostile URL is kept only when it can be one of ours. */
function validUuid(id: string | undefined): string | null {
  return id && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id : null;
}
