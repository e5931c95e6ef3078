import { type EntityManager, LockMode } from "@mikro-orm/postgresql";
import { recordSystemAudit, type SystemActor } from "../audit/system-audit.js";
import { DomainError } from "../errors.js";
import { createCompanyWithDefaults, type NewCompany, PLATFORM_COMPANY_SLUG, validSlug } from "./company-setup.js";
import { Company } from "./company.entity.js";

/**
 * System-level company operations (CLI and first run: no principal; whoever runs them holds the
 * database credentials). Each runs inside the caller's transaction and leaves an AuditEvent
 * naming the system actor.
 */

/** The company with this slug (ignoring case, as logins do), or NOT_FOUND. */
export async function findCompanyBySlug(em: EntityManager, slug: string, opts: { lock?: boolean } = {}): Promise<Company> {
  const company = await em.findOne(
    Company,
    { slug: slug.trim().toLowerCase() },
    opts.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  if (!company) throw new DomainError("NOT_FOUND", `no company has the slug "${slug}"`);
  return company;
}

/** Creates a company with its default app-access roles. The platform company's slug is reserved. */
export async function createCompany(em: EntityManager, input: Omit<NewCompany, "isPlatform">, actor: SystemActor): Promise<Company> {
  const slug = validSlug(input.slug);
  // Checked up front for a message that names the slug; the unique index settles races.
  if ((await em.count(Company, { slug })) > 0) throw DomainError.conflict("slug", `a company with the slug "${slug}" already exists`);
  const company = createCompanyWithDefaults(em, { ...input, slug, isPlatform: false });
  await em.flush();
  recordSystemAudit(em, actor, {
    companyId: company.id,
    action: "company.create",
    targetType: "Company",
    targetId: company.id,
    after: { slug: company.slug, name: company.name, scimEnabled: company.scimEnabled },
  });
  return company;
}

/** The reserved company that holds platform operators, created on first use. */
export async function ensurePlatformCompany(em: EntityManager, actor: SystemActor): Promise<{ company: Company; created: boolean }> {
  const existing = await em.findOne(Company, { slug: PLATFORM_COMPANY_SLUG });
  if (existing) {
    if (!existing.isPlatform) {
      throw new DomainError("CONFLICT", `the company "${PLATFORM_COMPANY_SLUG}" exists but is not the platform company; rename it first`);
    }
    return { company: existing, created: false };
  }
  const company = createCompanyWithDefaults(em, { slug: PLATFORM_COMPANY_SLUG, name: "Platform operators", isPlatform: true });
  await em.flush();
  recordSystemAudit(em, actor, {
    companyId: company.id,
    action: "company.create",
    targetType: "Company",
    targetId: company.id,
    after: { slug: company.slug, name: company.name, isPlatform: true },
  });
  return { company, created: true };
}

/** Switches the "SCIM identity management" feature of a company on or off. */
export async function setScimEnabledBySlug(em: EntityManager, slug: string, enabled: boolean, actor: SystemActor): Promise<Company> {
  const company = await findCompanyBySlug(em, slug, { lock: true });
  if (company.isPlatform) throw DomainError.invalid("company", "the platform operators' company does not provision users over SCIM");
  if (company.scimEnabled !== enabled) {
    const before = { scimEnabled: company.scimEnabled };
    company.scimEnabled = enabled;
    recordSystemAudit(em, actor, {
      companyId: company.id,
      action: "company.setScimEnabled",
      targetType: "Company",
      targetId: company.id,
      before,
      after: { scimEnabled: enabled },
    });
  }
  return company;
}
