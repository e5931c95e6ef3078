import { timestampOf } from "../../db/sql.js";
import type { MembershipSource } from "../customer-roles/membership-source.js";
import type { ExtensionAttributes, User } from "./user.entity.js";
import type { UserOrigin } from "./user-origin.js";

/** One of a user's emails (RFC 7643 §4.1.2). */
export interface UserEmailView {
  value: string;
  type: string | null;
  primary: boolean;
  display: string | null;
}

/** A customer-supplied role as it is read with a user. */
export interface CustomerRoleView {
  id: string;
  displayName: string;
  externalId?: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A customer-supplied role a user holds, through one or more sources. */
export interface RoleHolding {
  customerRole: CustomerRoleView;
  sources: MembershipSource[];
}

/**
 * A user as readers see it: plain data read in one statement with its emails (and, when asked
 * for, its customer-supplied roles), never an ORM entity, since reads only serialize it.
 */
export interface UserView {
  id: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  nickName: string | null;
  title: string | null;
  userType: string | null;
  preferredLanguage: string | null;
  locale: string | null;
  timezone: string | null;
  active: boolean;
  personId: string | null;
  allowSsoLogin: boolean;
  autoAssignRoles: boolean;
  isServiceAccount: boolean;
  /** How the user arrived (SCIM, upload, admin). */
  origin: UserOrigin;
  /** May sign in with a password while the company enforces SSO; unknown on views made without it. */
  breakGlass?: boolean;
  /** Unknown when the view was made from an entity whose lazy password hash was not read. */
  hasPassword?: boolean;
  extensionAttributes: ExtensionAttributes;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  name: {
    formatted: string | null;
    familyName: string | null;
    givenName: string | null;
    middleName: string | null;
    honorificPrefix: string | null;
    honorificSuffix: string | null;
  };
  /** In the order the IdP sent them (Okta reads emails[0]). */
  emails: UserEmailView[];
  enterprise: {
    employeeNumber: string | null;
    costCenter: string | null;
    organization: string | null;
    division: string | null;
    department: string | null;
    managerId: string | null;
    managerDisplayName: string | null;
  };
  /** Present when read with the user; by displayName. */
  customerRoles?: RoleHolding[];
}

/**
 * The select list of a UserView over `user_account u`: the row, its emails as one JSON array, and
 * (with `withRoles`) the roles it holds with the sources of each, as another.
 */
export function userViewColumns(withRoles: boolean): string {
  return withRoles ? WITH_ROLES : WITHOUT_ROLES;
}

function buildColumns(withRoles: boolean): string {
  const roles = withRoles
    ? `,
       (select coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'displayName', r.display_name, 'externalId', r.external_id, 'version', r.version,
                                                     'createdAt', r.created_at, 'updatedAt', r.updated_at, 'sources', h.sources)), '[]'::jsonb)
          from (select m.customer_role_id, array_agg(m.source order by m.source) as sources
                  from membership m where m.user_id = u.id and m.company_id = u.company_id
                 group by m.customer_role_id) h
          join customer_role r on r.id = h.customer_role_id) as customer_roles`
    : "";
  return `u.id, u.user_name, u.external_id, u.display_name, u.nick_name, u.title, u.user_type, u.preferred_language, u.locale, u.timezone,
       u.active, u.person_id, u.allow_sso_login, u.auto_assign_roles, u.is_service_account, u.origin, u.break_glass, u.password_hash is not null as has_password,
       u.extension_attributes, u.version, u.created_at, u.updated_at,
       u.formatted_name, u.family_name, u.given_name, u.middle_name, u.honorific_prefix, u.honorific_suffix,
       u.employee_number, u.cost_center, u.organization, u.division, u.department, u.manager_id, u.manager_display_name,
       (select coalesce(jsonb_agg(jsonb_build_object('value', e.value, 'type', e.type, 'primary', e."primary", 'display', e.display) order by e.position), '[]'::jsonb)
          from user_email e where e.user_id = u.id) as emails${roles}`;
}

const WITH_ROLES = buildColumns(true);
const WITHOUT_ROLES = buildColumns(false);

/** A row of {@link userViewColumns}. */
export interface UserViewRow {
  id: string;
  user_name: string;
  external_id: string | null;
  display_name: string | null;
  nick_name: string | null;
  title: string | null;
  user_type: string | null;
  preferred_language: string | null;
  locale: string | null;
  timezone: string | null;
  active: boolean;
  person_id: string | null;
  allow_sso_login: boolean;
  auto_assign_roles: boolean;
  is_service_account: boolean;
  origin: UserOrigin;
  break_glass?: boolean;
  has_password: boolean;
  extension_attributes: ExtensionAttributes | null;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
  formatted_name: string | null;
  family_name: string | null;
  given_name: string | null;
  middle_name: string | null;
  honorific_prefix: string | null;
  honorific_suffix: string | null;
  employee_number: string | null;
  cost_center: string | null;
  organization: string | null;
  division: string | null;
  department: string | null;
  manager_id: string | null;
  manager_display_name: string | null;
  emails: UserView["emails"];
  customer_roles?: (Omit<CustomerRoleView, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string; sources: MembershipSource[] })[];
}

export function toUserView(row: UserViewRow): UserView {
  return {
    id: row.id,
    userName: row.user_name,
    externalId: row.external_id,
    displayName: row.display_name,
    nickName: row.nick_name,
    title: row.title,
    userType: row.user_type,
    preferredLanguage: row.preferred_language,
    locale: row.locale,
    timezone: row.timezone,
    active: row.active,
    personId: row.person_id,
    allowSsoLogin: row.allow_sso_login,
    autoAssignRoles: row.auto_assign_roles,
    isServiceAccount: row.is_service_account,
    origin: row.origin,
    ...(row.break_glass !== undefined ? { breakGlass: row.break_glass } : {}),
    hasPassword: row.has_password,
    extensionAttributes: row.extension_attributes ?? {},
    version: row.version,
    createdAt: timestampOf(row.created_at),
    updatedAt: timestampOf(row.updated_at),
    name: {
      formatted: row.formatted_name,
      familyName: row.family_name,
      givenName: row.given_name,
      middleName: row.middle_name,
      honorificPrefix: row.honorific_prefix,
      honorificSuffix: row.honorific_suffix,
    },
    emails: row.emails,
    enterprise: {
      employeeNumber: row.employee_number,
      costCenter: row.cost_center,
      organization: row.organization,
      division: row.division,
      department: row.department,
      managerId: row.manager_id,
      managerDisplayName: row.manager_display_name,
    },
    ...(row.customer_roles ? { customerRoles: holdingsOf(row.customer_roles) } : {}),
  };
}

function holdingsOf(rows: NonNullable<UserViewRow["customer_roles"]>): RoleHolding[] {
  return rows
    .map((r) => ({
      customerRole: { id: r.id, displayName: r.displayName, externalId: r.externalId, version: r.version, createdAt: new Date(r.createdAt), updatedAt: new Date(r.updatedAt) },
      sources: r.sources,
    }))
    .sort((x, y) => x.customerRole.displayName.localeCompare(y.customerRole.displayName));
}

/** The view of a user loaded as an entity (with its emails populated), for the paths that still load entities. */
export function userViewOfEntity(user: User): UserView {
  return {
    id: user.id,
    userName: user.userName,
    externalId: user.externalId ?? null,
    displayName: user.displayName ?? null,
    nickName: user.nickName ?? null,
    title: user.title ?? null,
    userType: user.userType ?? null,
    preferredLanguage: user.preferredLanguage ?? null,
    locale: user.locale ?? null,
    timezone: user.timezone ?? null,
    active: user.active,
    personId: user.personId ?? null,
    allowSsoLogin: user.allowSsoLogin,
    autoAssignRoles: user.autoAssignRoles,
    isServiceAccount: user.isServiceAccount,
    origin: user.origin,
    breakGlass: user.breakGlass,
    extensionAttributes: user.extensionAttributes ?? {},
    version: user.version,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    name: {
      formatted: user.formattedName ?? null,
      familyName: user.familyName ?? null,
      givenName: user.givenName ?? null,
      middleName: user.middleName ?? null,
      honorificPrefix: user.honorificPrefix ?? null,
      honorificSuffix: user.honorificSuffix ?? null,
    },
    emails: user.emails.getItems().map((e) => ({ value: e.value, type: e.type ?? null, primary: e.primary, display: e.display ?? null })),
    enterprise: {
      employeeNumber: user.employeeNumber ?? null,
      costCenter: user.costCenter ?? null,
      organization: user.organization ?? null,
      division: user.division ?? null,
      department: user.department ?? null,
      managerId: user.managerId ?? null,
      managerDisplayName: user.managerDisplayName ?? null,
    },
  };
}
