import type { MikroORM } from "@mikro-orm/postgresql";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { ProvisioningEvent } from "../domain/provisioning/provisioning-event.entity.js";
import type { ScimResponseLocals } from "../scim/router.js";
import { parseBasicAuthorization } from "../auth/basic.js";
import { classifyBearer, parseBearerAuthorization } from "../auth/bearer.js";
import type { TokenService } from "../auth/jwt.js";

/**
 * Issue 3 §7: every SCIM request leaves one ProvisioningEvent. A mutation records it inside its
 * own transaction (DESIGN rule 6, domain/unit-of-work.ts); for every other request (reads,
 * discovery, failures, requests with wrong credentials) it is written here, once the response has
 * finished, so it never delays or fails the response.
 */
export function scimProvisioningLog(orm: MikroORM, log: Logger, tokens?: TokenService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const startedAt = performance.now();
    res.on("finish", () => {
      setImmediate(() => {
        record(orm, req, res, startedAt, tokens).catch((err: unknown) => {
          log.warn({ err, requestId: req.requestId }, "could not record the SCIM provisioning event");
        });
      });
    });
    next();
  };
}

async function record(orm: MikroORM, req: Request, res: Response, startedAt: number, tokens?: TokenService): Promise<void> {
  const locals = res.locals as ScimResponseLocals;
  const p = locals.scimProvisioning;
  if (p?.recorded) return;
  const status = res.statusCode;
  const em = orm.em.fork();
  const rejected = req.principal ? null : await rejectedCredential(orm, req, tokens);
  await em.insert(ProvisioningEvent, {
    id: req.requestId,
    company: req.principal?.companyId ?? rejected?.companyId ?? null,
    appPassword: req.principal?.credential.appPasswordId ?? rejected?.appPasswordId ?? null,
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

/**
 * Issue 6 §1: a request refused for its credentials still belongs to a company when it named one
 * of the company's Client IDs (HTTP Basic or the `<clientId>.<secret>` bearer token), or carried
 * an access token that rolebridge signed for one of its app passwords (SailPoint's OAuth flow,
 * refused once that app password is revoked), so the admin sees "revoked" or "wrong secret" in
 * their own log (seed 001: "provisioning has suddenly stopped: this is most often a revoked
 * token"). An unknown Client ID, or a token whose signature does not verify, names no company.
 */
async function rejectedCredential(orm: MikroORM, req: Request, tokens?: TokenService): Promise<{ companyId: string; appPasswordId: string } | null> {
  if (!req.authError) return null;
  let clientId: string | null = null;
  let jwt: string | null = null;
  try {
    const basic = parseBasicAuthorization(req.headers.authorization);
    const bearer = basic ? null : parseBearerAuthorization(req.headers.authorization);
    const credential = bearer ? classifyBearer(bearer) : null;
    clientId = basic?.clientId ?? (credential?.kind === "app-password" ? credential.clientId : null);
    jwt = credential?.kind === "jwt" ? credential.token : null;
  } catch {
    return null;
  }
  const conn = orm.em.fork().getConnection();
  if (jwt && tokens) {
    const claims = await tokens.verify(jwt).catch(() => null);
    const appPasswordId = claims?.typ === "access" ? claims.app_password : undefined;
    if (!claims || !appPasswordId || !UUID.test(appPasswordId)) return null;
    const [row]: { id: string; company_id: string }[] = await conn.execute("select id, company_id from app_password where id = ? and company_id = ?", [
      appPasswordId,
      claims.company,
    ]);
    return row ? { companyId: row.company_id, appPasswordId: row.id } : null;
  }
  if (!clientId || clientId.length > 200) return null;
  const [row]: { id: string; company_id: string }[] = await conn.execute("select id, company_id from app_password where client_id = ?", [clientId]);
  return row ? { companyId: row.company_id, appPasswordId: row.id } : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
