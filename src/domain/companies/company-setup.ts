import type { EntityManager } from "@mikro-orm/postgresql";
import { AppAccessRole } from "../access-roles/app-access-role.entity.js";
import { Permission } from "../access-roles/permission.js";
import { DomainError } from "../errors.js";
import { Company } from "./company.entity.js";

/** App-access roles every new company starts with, so its first admin and service account can be set up. */
export const DEFAULT_APP_ACCESS_ROLES: { name: string; description: string; permissions: Permission[] }[] = [
  {
    name: "Company Administrator",
    description: "Configures the company, its users, roles and role mapping, and reads the logs.",
    permissions: [Permission.CanConfigureCompany, Permission.CanManageUsers, Permission.CanViewUsers, Permission.CanViewAuditLog],
  },
  {
    name: "SCIM Provisioner",
    description: "For the IdP's dedicated service account: calls SCIM and manages its own app password.",
    permissions: [Permission.CanProvisionUsersAsSCIM, Permission.CanCreateAppPasswords],
  },
  {
    name: "Viewer",
    description: "Reads users, customer-supplied roles and effective access.",
    permissions: [Permission.CanViewUsers],
  },
];

export const PLATFORM_COMPANY_SLUG = "platform";

export interface NewCompany {
  slug: string;
  name: string;
  scimEnabled?: boolean;
  isPlatform?: boolean;
}

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** Creates a company with its default app-access roles (no principal: CLI, first run, platform operators). */
/** The slug as stored (lowercase), or BAD_USER_INPUT: malformed, or the platform's reserved slug. */
export function validSlug(raw: string, isPlatform = false): string {
  const slug = raw.trim().toLowerCase();
  if (!SLUG.test(slug)) {
    throw DomainError.invalid("slug", "slug must be 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
  }
  if (slug === PLATFORM_COMPANY_SLUG && !isPlatform) {
    throw DomainError.invalid("slug", `"${PLATFORM_COMPANY_SLUG}" is reserved for the platform operators' company`);
  }
  return slug;
}

export function createCompanyWithDefaults(em: EntityManager, input: NewCompany): Company {
  const slug = validSlug(input.slug, input.isPlatform);
  if (!input.name.trim()) throw DomainError.invalid("name", "name must not be empty");
  const company = em.create(Company, {
    slug,
    name: input.name.trim(),
    scimEnabled: input.scimEnabled ?? false,
    isPlatform: input.isPlatform ?? false,
  });
  for (const role of DEFAULT_APP_ACCESS_ROLES) {
    em.create(AppAccessRole, { company, name: role.name, description: role.description, permissions: role.permissions });
  }
  return company;
}

export async function findAppAccessRoleByName(em: EntityManager, company: Company, name: string): Promise<AppAccessRole> {
  const role = await em.findOne(AppAccessRole, { company, name }, { filters: false });
  if (!role) throw DomainError.notFound("AppAccessRole", name);
  return role;
}
