import { randomUUID } from "node:crypto";
import { Embeddable, Embedded, Entity, Enum, Index, PrimaryKey, Property, OptionalProps } from "@mikro-orm/core";

/** What SCIM `DELETE /Users/{id}` does for this company. */
export enum ScimDeleteMode {
  /** Set `active` false and keep the record for audit (the default, as One Model does). */
  DEACTIVATE = "deactivate",
  /** Remove the user. */
  DELETE = "delete",
}

/** Rules a password set through SCIM or GraphQL must satisfy. */
@Embeddable()
export class PasswordPolicy {
  [OptionalProps]?: "minLength" | "requireLowercase" | "requireUppercase" | "requireDigit" | "requireSymbol" | "disallowUserName";

  @Property()
  minLength: number = 12;

  @Property()
  requireLowercase: boolean = true;

  @Property()
  requireUppercase: boolean = true;

  @Property()
  requireDigit: boolean = true;

  @Property()
  requireSymbol: boolean = false;

  @Property()
  disallowUserName: boolean = true;
}

/** The tenant: one customer of the analytics platform. */
@Entity({ tableName: "company" })
@Index({ name: "company_slug_ci", expression: 'create unique index "company_slug_ci" on "company" (lower("slug"))' })
export class Company {
  [OptionalProps]?:
    | "scimEnabled"
    | "scimDeleteMode"
    | "singleCustomerRole"
    | "passwordPolicy"
    | "ssoJitProvisioning"
    | "ssoCreateUnknownGroups"
    | "ssoEnforced"
    | "invitationTtlHours"
    | "isPlatform"
    | "createdAt"
    | "updatedAt"
    | "id";

  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** Short name used at login; unique ignoring case. */
  @Property({ type: "text" })
  slug!: string;

  @Property({ type: "text" })
  name!: string;

  /** "SCIM identity management" feature flag, set by platform operators only. */
  @Property()
  scimEnabled: boolean = false;

  @Enum({ items: () => ScimDeleteMode, nativeEnumName: undefined })
  scimDeleteMode: ScimDeleteMode = ScimDeleteMode.DEACTIVATE;

  /** When true a user holds at most one SCIM-sourced customer-supplied role at a time (Pinpoint-style products). */
  @Property()
  singleCustomerRole: boolean = false;

  @Embedded(() => PasswordPolicy, { prefix: "password_" })
  passwordPolicy: PasswordPolicy = new PasswordPolicy();

  /** Whether a single sign-on by someone with no user yet creates the user ("just-in-time"); off by default. */
  @Property()
  ssoJitProvisioning: boolean = false;

  /**
   * Whether IdP groups at sign-in that name no customer-supplied role create one (unmapped, for an
   * admin to map); off by default, so a typo in the IdP cannot fill the role list.
   */
  @Property()
  ssoCreateUnknownGroups: boolean = false;

  /**
   * Single sign-on is the only way in: password sign-in is refused except for users marked
   * breakGlass, and users who could only sign in by SSO get no password invitation.
   */
  @Property()
  ssoEnforced: boolean = false;

  /** How long a password invitation's link stays valid, in hours. */
  @Property()
  invitationTtlHours: number = 72;

  /** The reserved company that holds platform operators. */
  @Property()
  isPlatform: boolean = false;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
