import { type EntityManager, LockMode } from "@mikro-orm/postgresql";
import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { requirePermission, requirePlatformOperator } from "../authorization.js";
import { createCompanyWithDefaults, type NewCompany } from "./company-setup.js";
import { Company, type PasswordPolicy, type ScimDeleteMode } from "./company.entity.js";

export interface CompanySettingsInput {
  scimDeleteMode?: ScimDeleteMode;
  singleCustomerRole?: boolean;
  passwordPolicy?: Partial<PasswordPolicy>;
  name?: string;
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
    return inTransaction(scope, async (em) => {
      const company = await em.findOneOrFail(Company, { id: scope.principal.companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const before = settingsOf(company);
      if (input.name !== undefined) company.name = input.name.trim();
      if (input.scimDeleteMode !== undefined) company.scimDeleteMode = input.scimDeleteMode;
      if (input.singleCustomerRole !== undefined) company.singleCustomerRole = input.singleCustomerRole;
      if (input.passwordPolicy) Object.assign(company.passwordPolicy, stripUndefined(input.passwordPolicy));
      company.updatedAt = new Date();
      recordAudit(em, scope, { action: "company.updateSettings", targetType: "Company", targetId: company.id, before, after: settingsOf(company) });
      return company;
    });
  }

  /** Platform operators only. */
  async createCompany(scope: Scope, input: NewCompany): Promise<Company> {
    requirePlatformOperator(scope);
    return inTransaction(scope, async (em) => {
      const company = createCompanyWithDefaults(em, { ...input, isPlatform: false });
      await em.flush();
      recordAudit(em, scope, { companyId: company.id, action: "company.create", targetType: "Company", targetId: company.id, after: { slug: company.slug, name: company.name, scimEnabled: company.scimEnabled } });
      return company;
    });
  }

  /** Platform operators only: the "SCIM identity management" feature flag. */
  async setScimEnabled(scope: Scope, companyId: string, enabled: boolean): Promise<Company> {
    requirePlatformOperator(scope);
    return inTransaction(scope, async (em) => {
      const company = await em.findOne(Company, { id: companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!company) throw DomainError.notFound("Company", companyId);
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

function settingsOf(c: Company) {
  return { name: c.name, scimDeleteMode: c.scimDeleteMode, singleCustomerRole: c.singleCustomerRole, passwordPolicy: { ...c.passwordPolicy } };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
