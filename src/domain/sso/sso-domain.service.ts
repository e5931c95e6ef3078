import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { Company } from "../companies/company.entity.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { isUuid } from "../uuid.js";
import type { EntityManager } from "@mikro-orm/postgresql";
import { SsoConnection, SsoConnectionStatus } from "./sso-connection.entity.js";
import { SsoDomain } from "./sso-domain.entity.js";

/** Where an email address signs in: the company that claimed its domain, and that company's connection. */
export interface SsoDiscovery {
  companySlug: string;
  connectionId: string;
}

/**
 * Email domains a company claims for single sign-on, and the email-first discovery that uses
 * them. A domain belongs to one company at most (a unique index settles two claiming it at once).
 */
export class SsoDomainService {
  async list(scope: Scope): Promise<SsoDomain[]> {
    requirePermission(scope, Permission.CanConfigureCompany);
    return scope.em.find(SsoDomain, { company: scope.principal.companyId }, { orderBy: { domain: "asc" }, populate: ["connection"] });
  }

  async claim(scope: Scope, connectionId: string, domain: string): Promise<SsoDomain> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const name = validDomain(domain);
    return inTransaction(scope, async (em) => {
      const connection = isUuid(connectionId) ? await em.findOne(SsoConnection, { id: connectionId, company: scope.principal.companyId }) : null;
      if (!connection) throw DomainError.notFound("SsoConnection", connectionId);
      // Checked up front for a message naming the domain, across companies (the filter would hide another's claim).
      if ((await em.count(SsoDomain, { domain: name }, { filters: false })) > 0) throw DomainError.conflict("domain", `the domain ${name} is already claimed`);
      const claimed = em.create(SsoDomain, { company: scope.principal.companyId, domain: name, connection });
      await em.flush();
      recordAudit(em, scope, { action: "ssoDomain.claim", targetType: "SsoConnection", targetId: connection.id, after: { domain: name } });
      return claimed;
    });
  }

  async release(scope: Scope, domain: string): Promise<string> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const name = domain.trim().toLowerCase();
    return inTransaction(scope, async (em) => {
      const claimed = await em.findOne(SsoDomain, { domain: name, company: scope.principal.companyId });
      if (!claimed) throw new DomainError("NOT_FOUND", `the domain ${name} is not claimed by this company`);
      em.remove(claimed);
      await em.flush();
      recordAudit(em, scope, { action: "ssoDomain.release", targetType: "SsoConnection", targetId: claimed.connection.id, before: { domain: name } });
      return name;
    });
  }

  /**
   * Anyone's question before signing in: does this address's domain sign in through an IdP? Only
   * an active connection answers; anything else (no claim, a draft or disabled connection, no
   * email at all) is null, and the caller falls back to the password sign-in.
   */
  async discover(em: EntityManager, email: string): Promise<SsoDiscovery | null> {
    const at = email.trim().lastIndexOf("@");
    if (at < 1) return null;
    const domain = email.trim().slice(at + 1).toLowerCase();
    if (!domain) return null;
    const claimed = await em.findOne(SsoDomain, { domain }, { filters: false, populate: ["connection"] });
    if (!claimed || claimed.connection.status !== SsoConnectionStatus.ACTIVE) return null;
    const company = await em.findOneOrFail(Company, { id: claimed.company.id }, { filters: false });
    return { companySlug: company.slug, connectionId: claimed.connection.id };
  }
}

/** A DNS name (RFC 1035 §2.3.1, as lower-case labels), at least two labels. */
function validDomain(value: string): string {
  const name = value.trim().toLowerCase().replace(/^@/, "");
  if (name.length > 253 || !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(name)) {
    throw DomainError.invalid("domain", `"${value}" is not a domain name such as acme.example`);
  }
  return name;
}
