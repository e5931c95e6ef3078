import { Router, type Response } from "express";
import { resolvePrincipal } from "../auth/resolve-principal.js";
import { hasPermission } from "../domain/authorization.js";
import { DomainError } from "../domain/errors.js";
import { csvRecord } from "../domain/reports/csv.js";
import { REPORT_READERS, type UsersAndRolesRow } from "../domain/reports/users-and-roles.report.js";
import type { Scope } from "../domain/scope.js";
import { TENANT_FILTER } from "../domain/tenant.js";
import type { Services } from "../services.js";

export const USERS_AND_ROLES_CSV_HEADER = [
  "id",
  "userName",
  "givenName",
  "familyName",
  "displayName",
  "active",
  "customerRoles",
  "dataAccessRoles",
  "appAccessRoles",
] as const;

/** Bytes gathered before one res.write: fewer syscalls than a write per row, still small. */
const CHUNK_BYTES = 64 * 1024;

/**
 * `GET /reports/users-and-roles.csv`: the users-and-roles report as RFC 4180 CSV, for the
 * admin's backup before switching SCIM on. Authenticated like /graphql (a bearer session token,
 * or the admin console's session cookie with its CSRF header), and readable by
 * CanConfigureCompany or CanViewAuditLog.
 *
 * It streams: users are read in keyset batches of 1,000, each written out before the next is read,
 * and a write that the socket buffers (res.write returns false) waits for 'drain'. Memory stays
 * flat whether the company has 100 users or 100,000 (test/bench/report.ts measures it).
 */
export function reportRoutes(services: Services): Router {
  const router = Router();
  router.get("/reports/users-and-roles.csv", resolvePrincipal(services.orm, services.tokens, { sessionCookie: true }), async (req, res, next) => {
    const principal = req.principal;
    if (!principal) {
      const error = req.authError ?? new DomainError("UNAUTHENTICATED", "authentication required: send Authorization: Bearer <session token>");
      res.status(401).set("WWW-Authenticate", 'Bearer realm="rolebridge"').json({ error: { code: error.code, message: error.message } });
      return;
    }
    const em = services.orm.em.fork();
    em.setFilterParams(TENANT_FILTER, { companyId: principal.companyId });
    const scope: Scope = { em: em as Scope["em"], principal };
    if (!hasPermission(scope, ...REPORT_READERS)) {
      res.status(403).json({ error: { code: "FORBIDDEN", message: `this requires the permission ${REPORT_READERS.join(" or ")}` } });
      return;
    }
    const closed = watchClose(res);
    try {
      const batches = services.usersAndRolesReport.batches(scope);
      res.status(200);
      res.setHeader("Content-Type", "text/csv; charset=utf-8; header=present");
      res.setHeader("Content-Disposition", `attachment; filename="users-and-roles-${new Date().toISOString().slice(0, 10)}.csv"`);
      res.setHeader("Cache-Control", "no-store");
      let chunk = csvRecord(USERS_AND_ROLES_CSV_HEADER);
      for await (const batch of batches) {
        for (const row of batch) {
          chunk += toCsv(row);
          if (chunk.length >= CHUNK_BYTES) {
            if (!(await write(res, chunk, closed))) return;
            chunk = "";
          }
        }
      }
      if (chunk && !(await write(res, chunk, closed))) return;
      res.end();
    } catch (err) {
      // Once the first bytes are out the status cannot change: cut the body short, so the client
      // sees a failed download rather than a report that looks complete.
      if (res.headersSent) res.destroy(err instanceof Error ? err : new Error(String(err)));
      else next(err);
    }
  });
  return router;
}

function toCsv(r: UsersAndRolesRow): string {
  return csvRecord([
    r.userId,
    r.userName,
    r.givenName,
    r.familyName,
    r.displayName,
    r.active,
    // "Sales (scim-group); Support (scim-group, upload)": who owns each membership.
    r.customerRoles.map((c) => `${c.displayName} (${c.sources.join(", ")})`).join("; "),
    r.dataAccessRoles.join("; "),
    r.appAccessRoles.join("; "),
  ]);
}

/** Resolves once the client has gone, so a pending drain does not wait forever. */
function watchClose(res: Response): Promise<void> {
  return new Promise((resolve) => res.once("close", () => resolve()));
}

/** Writes a chunk, honouring backpressure: false when the client went away. */
async function write(res: Response, chunk: string, closed: Promise<void>): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  let drained = false;
  await Promise.race([new Promise<void>((r) => res.once("drain", () => ((drained = true), r()))), closed]);
  return drained && !res.destroyed;
}
