import { type EntityManager, LockMode } from "@mikro-orm/postgresql";
import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { requirePermission, requirePlatformOperator } from "../authorization.js";
import { AppAccessRole } from "../access-roles/app-access-role.entity.js";
import { PLATFORM_COMPANY_SLUG, validSlug } from "./company-slug.js";
import { Company, type PasswordPolicy, type ScimDeleteMode } from "./company.entity.js";
import { DEFAULT_APP_ACCESS_ROLES } from "./default-app-access-roles.js";
import { sqlOf } from "../../db/sql.js";
import { requireBreakGlassAdministrator } from "../sso-enforcement/sso-enforcement.service.js";

export interface NewCompany {
  slug: string;
  name: string;
  scimEnabled?: boolean;
}

export interface CompanySettingsInput {
  scimDeleteMode?: ScimDeleteMode;
  singleCustomerRole?: boolean;
  passwordPolicy?: Partial<PasswordPolicy>;
  name?: string;
  ssoJitProvisioning?: boolean | null;
  ssoCreateUnknownGroups?: boolean | null;
  /** SSO becomes the only way in, except for break-glass accounts; refused unless a break-glass administrator keeps a password. */
  ssoEnforced?: boolean;
  /** How long invitation links stay valid, in hours (1 to 720). */
  invitationTtlHours?: number;
}

/** Companies and their settings. */
export class CompanyService {
  /** The caller's own company. */
  async current(scope: Scope): Promise<Company> {
    return this.byId(scope.em, scope.principal.companyId);
  }

  async byId(em: EntityManager, id: string): Promise<Company> {
    const company = await em.findOne(Company, { id });
    if (!company) throw DomainError.notFound("Company", id);
    return company;
  }

  async updateSettings(scope: Scope, input: CompanySettingsInput): Promise<Company> {
    requirePermission(scope, Permission.CanConfigureCompany);
    if (input.passwordPolicy?.minLength !== undefined && (input.passwordPolicy.minLength < 8 || input.passwordPolicy.minLength > 256)) {
      throw DomainError.invalid("passwordPolicy.minLength", "minLength must be between 8 and 256");
    }
    if (input.name !== undefined && !input.name.trim()) throw DomainError.invalid("name", "name must not be empty");
    if (input.invitationTtlHours !== undefined && (!Number.isInteger(input.invitationTtlHours) || input.invitationTtlHours < 1 || input.invitationTtlHours > 720)) {
      throw DomainError.invalid("invitationTtlHours", "invitationTtlHours must be a whole number of hours between 1 and 720 (30 days)");
    }
    return inTransaction(scope, async (em) => {
      const company = await em.findOneOrFail(Company, { id: scope.principal.companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const before = settingsOf(company);
      if (input.name !== undefined) company.name = input.name.trim();
      if (input.scimDeleteMode !== undefined) company.scimDeleteMode = input.scimDeleteMode;
      if (input.singleCustomerRole !== undefined) company.singleCustomerRole = input.singleCustomerRole;
      if (input.ssoJitProvisioning != null) company.ssoJitProvisioning = input.ssoJitProvisioning;
      if (input.ssoCreateUnknownGroups != null) company.ssoCreateUnknownGroups = input.ssoCreateUnknownGroups;
      if (input.passwordPolicy) Object.assign(company.passwordPolicy, stripUndefined(input.passwordPolicy));
      if (input.invitationTtlHours !== undefined) company.invitationTtlHours = input.invitationTtlHours;
      if (input.ssoEnforced !== undefined && input.ssoEnforced !== company.ssoEnforced) {
        // Under the company's lock, so a concurrent unmarking of the last break-glass administrator waits for this.
        if (input.ssoEnforced) await requireBreakGlassAdministrator(sqlOf(em), company.id, null, "Enforcing SSO");
        company.ssoEnforced = input.ssoEnforced;
      }
      company.updatedAt = new Date();
      recordAudit(em, scope, { action: "company.updateSettings", targetType: "Company", targetId: company.id, before, after: settingsOf(company) });
      return company;
    });
  }

  /** Platform operators only: a company by its slug, ignoring case as logins do; NOT_FOUND naming the slug. */
  async bySlug(scope: Scope, slug: string): Promise<Company> {
    requirePlatformOperator(scope);
    const company = await scope.em.findOne(Company, { slug: slug.trim().toLowerCase() });
    if (!company) throw new DomainError("NOT_FOUND", `no company has the slug "${slug}"`);
    return company;
  }

  /** Platform operators only: a company with its default app-access roles. The platform company's slug is reserved. */
  async createCompany(scope: Scope, input: NewCompany): Promise<Company> {
    requirePlatformOperator(scope);
    const slug = validSlug(input.slug);
    const name = validName(input.name);
    return inTransaction(scope, async (em) => {
      // Checked up front for a message that names the slug; the unique index settles races.
      if ((await em.count(Company, { slug })) > 0) throw DomainError.conflict("slug", `a company with the slug "${slug}" already exists`);
      const company = await insertCompany(em, { slug, name, scimEnabled: input.scimEnabled ?? false, isPlatform: false });
      recordAudit(em, scope, { companyId: company.id, action: "company.create", targetType: "Company", targetId: company.id, after: { slug, name, scimEnabled: company.scimEnabled } });
      return company;
    });
  }

  /** Platform operators only: the reserved company that holds platform operators, created on first use. */
  async ensurePlatformCompany(scope: Scope): Promise<{ company: Company; created: boolean }> {
    requirePlatformOperator(scope);
    return inTransaction(scope, async (em) => {
      const existing = await em.findOne(Company, { slug: PLATFORM_COMPANY_SLUG });
      if (existing) {
        if (!existing.isPlatform) {
          throw new DomainError("CONFLICT", `the company "${PLATFORM_COMPANY_SLUG}" exists but is not the platform company; rename it first`);
        }
        return { company: existing, created: false };
      }
      const company = await insertCompany(em, { slug: PLATFORM_COMPANY_SLUG, name: "Platform operators", scimEnabled: false, isPlatform: true });
      recordAudit(em, scope, { companyId: company.id, action: "company.create", targetType: "Company", targetId: company.id, after: { slug: company.slug, name: company.name, isPlatform: true } });
      return { company, created: true };
    });
  }

  /**
   * Platform operators only: the "SCIM identity management" feature flag. The platform company
   * provisions no users; switching to the state a company is in already changes and records nothing.
   */
  async setScimEnabled(scope: Scope, companyId: string, enabled: boolean): Promise<Company> {
    requirePlatformOperator(scope);
    return inTransaction(scope, async (em) => {
      const company = await em.findOne(Company, { id: companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!company) throw DomainError.notFound("Company", companyId);
      if (company.isPlatform) throw DomainError.invalid("company", "the platform operators' company does not provision users over SCIM");
      if (company.scimEnabled === enabled) return company;
      const before = { scimEnabled: company.scimEnabled };
      company.scimEnabled = enabled;
      company.updatedAt = new Date();
      recordAudit(em, scope, { companyId, action: "company.setScimEnabled", targetType: "Company", targetId: companyId, before, after: { scimEnabled: enabled } });
      return company;
    });
  }

  /** Platform operators list every company. */
  async list(scope: Scope): Promise<Company[]> {
    requirePlatformOperator(scope);
    return scope.em.find(Company, {}, { orderBy: { slug: "asc" } });
  }
}

/** The one place a company is made: the row and the default app-access roles its first admin and service account need. */
async function insertCompany(em: EntityManager, fields: Required<NewCompany> & { isPlatform: boolean }): Promise<Company> {
  const company = em.create(Company, fields);
  for (const role of DEFAULT_APP_ACCESS_ROLES) {
    em.create(AppAccessRole, { company, name: role.name, description: role.description, permissions: role.permissions });
  }
  await em.flush();
  return company;
}

function validName(name: string): string {
  const clean = name.trim();
  if (!clean) throw DomainError.invalid("name", "name must not be empty");
  return clean;
}

function settingsOf(c: Company) {
  return {
    name: c.name,
    scimDeleteMode: c.scimDeleteMode,
    singleCustomerRole: c.singleCustomerRole,
    passwordPolicy: { ...c.passwordPolicy },
    ssoJitProvisioning: c.ssoJitProvisioning,
    ssoCreateUnknownGroups: c.ssoCreateUnknownGroups,
    ssoEnforced: c.ssoEnforced,
    invitationTtlHours: c.invitationTtlHours,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
