import { Cascade, Collection, Entity, Enum, Index, ManyToMany, OneToMany, Property } from "@mikro-orm/core";
import { AppAccessRole } from "../access-roles/app-access-role.entity.js";
import { DataAccessRole } from "../access-roles/data-access-role.entity.js";
import { VersionedEntity } from "../versioned-entity.js";
import { UserEmail } from "./user-email.entity.js";
import { UserOrigin } from "./user-origin.js";

/** Extension attributes rolebridge does not model, kept exactly as the IdP sent them (schema URN → object). */
export type ExtensionAttributes = Record<string, unknown>;

/** A person (or service account) of a company, the SCIM User resource (RFC 7643 §4.1). */
@Entity({ tableName: "user_account" })
// RFC 7643 §4.1.1: userName is caseExact false, so uniqueness ignores case.
@Index({
  name: "user_account_user_name_ci",
  expression: 'create unique index "user_account_user_name_ci" on "user_account" ("company_id", lower("user_name"))',
})
@Index({ name: "user_account_external_id", properties: ["company", "externalId"] })
@Index({ name: "user_account_updated_at", properties: ["company", "updatedAt"] })
// A console search is a prefix of userName or a name part, ignoring case (lower(col) like 'x%'):
// text_pattern_ops lets a btree serve that LIKE whatever the database's collation, so a search
// among 100,000 users reads only the matching index range.
@Index({
  name: "user_account_user_name_prefix",
  expression: 'create index "user_account_user_name_prefix" on "user_account" ("company_id", lower("user_name") text_pattern_ops)',
})
@Index({
  name: "user_account_given_name_prefix",
  expression: 'create index "user_account_given_name_prefix" on "user_account" ("company_id", lower("given_name") text_pattern_ops)',
})
@Index({
  name: "user_account_family_name_prefix",
  expression: 'create index "user_account_family_name_prefix" on "user_account" ("company_id", lower("family_name") text_pattern_ops)',
})
export class User extends VersionedEntity<"active" | "extensionAttributes" | "allowSsoLogin" | "autoAssignRoles" | "isServiceAccount" | "isPlatformOperator" | "origin" | "breakGlass"> {
  @Property({ type: "text" })
  userName!: string;

  /** The IdP's own identifier, stored exactly as sent (RFC 7643 §3.1, caseExact). */
  @Property({ type: "text", nullable: true })
  externalId?: string | null;

  @Property({ type: "text", nullable: true })
  formattedName?: string | null;

  @Property({ type: "text", nullable: true })
  givenName?: string | null;

  @Property({ type: "text", nullable: true })
  familyName?: string | null;

  @Property({ type: "text", nullable: true })
  middleName?: string | null;

  @Property({ type: "text", nullable: true })
  honorificPrefix?: string | null;

  @Property({ type: "text", nullable: true })
  honorificSuffix?: string | null;

  @Property({ type: "text", nullable: true })
  displayName?: string | null;

  @Property({ type: "text", nullable: true })
  nickName?: string | null;

  @Property({ type: "text", nullable: true })
  title?: string | null;

  @Property({ type: "text", nullable: true })
  userType?: string | null;

  @Property({ type: "text", nullable: true })
  preferredLanguage?: string | null;

  @Property({ type: "text", nullable: true })
  locale?: string | null;

  @Property({ type: "text", nullable: true })
  timezone?: string | null;

  @OneToMany(() => UserEmail, (e) => e.user, { cascade: [Cascade.ALL], orphanRemoval: true, orderBy: { position: "asc" } })
  emails = new Collection<UserEmail>(this);

  @Property()
  active: boolean = true;

  /** argon2id hash; never returned by any API. */
  @Property({ type: "text", nullable: true, hidden: true, lazy: true })
  passwordHash?: string | null;

  /** `urn:ietf:params:scim:schemas:extension:custom:2.0:User:personId`, used for contextual security. */
  @Property({ type: "text", nullable: true })
  personId?: string | null;

  // RFC 7643 §4.3 enterprise extension.
  @Property({ type: "text", nullable: true })
  employeeNumber?: string | null;

  @Property({ type: "text", nullable: true })
  costCenter?: string | null;

  @Property({ type: "text", nullable: true })
  organization?: string | null;

  @Property({ type: "text", nullable: true })
  division?: string | null;

  @Property({ type: "text", nullable: true })
  department?: string | null;

  /** The manager's id (`manager.value`); not a foreign key, since IdPs may send it before the manager exists. */
  @Property({ type: "text", nullable: true })
  managerId?: string | null;

  @Property({ type: "text", nullable: true })
  managerDisplayName?: string | null;

  /** Attributes and extensions rolebridge does not model, kept and returned as sent. */
  @Property({ type: "json" })
  extensionAttributes: ExtensionAttributes = {};

  /** "Allow log in via Single Sign On" (set for users created through SCIM). */
  @Property()
  allowSsoLogin: boolean = false;

  /** "On login automatically assign roles from the customer-supplied role mapping" (set for SCIM users). */
  @Property()
  autoAssignRoles: boolean = false;

  /** A dedicated non-human account, such as the one an IdP uses for SCIM. */
  @Property()
  isServiceAccount: boolean = false;

  /**
   * A break-glass account: may still sign in with a password when the company enforces SSO, so an
   * outage of the IdP cannot lock the company's administrators out.
   */
  @Property()
  breakGlass: boolean = false;

  /** Staff of the platform itself; lives in the reserved platform company. */
  @Property()
  isPlatformOperator: boolean = false;

  /** How the user arrived: SCIM, an upload or an admin; set once, at creation. */
  @Enum({ items: () => UserOrigin, nativeEnumName: undefined })
  origin: UserOrigin = UserOrigin.MANUAL;

  @ManyToMany(() => DataAccessRole, undefined, { pivotTable: "user_direct_data_access_role" })
  directDataAccessRoles = new Collection<DataAccessRole>(this);

  @ManyToMany(() => AppAccessRole, undefined, { pivotTable: "user_direct_app_access_role" })
  directAppAccessRoles = new Collection<AppAccessRole>(this);
}
