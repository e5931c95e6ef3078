import { ArrayType, Entity, Enum, Index, Property } from "@mikro-orm/core";
import { TenantEntity } from "../tenant-entity.js";

/** The protocol a connection speaks with its IdP. */
export enum SsoProtocol {
  /** OpenID Connect 1.0, authorization code flow with PKCE. */
  OIDC = "oidc",
  /** SAML 2.0 Web Browser SSO profile, rolebridge as the service provider. */
  SAML = "saml",
}

/** Where a connection is in its life: signing in needs `active`, which only a successful test sign-in gives. */
export enum SsoConnectionStatus {
  /** Configured but never tested successfully; only a test sign-in runs through it. */
  DRAFT = "draft",
  /** Tested successfully; users sign in through it. */
  ACTIVE = "active",
  /** Switched off by an admin; refuses every sign-in but an administrator's test, whose success activates it again. */
  DISABLED = "disabled",
}

/**
 * A company's single sign-on connection to one IdP. The OIDC columns and the SAML columns live in
 * one table so that a company's connections list, test and activate the same way whatever the
 * protocol; the columns of the other protocol stay null.
 */
@Entity({ tableName: "sso_connection" })
@Index({ name: "sso_connection_company", properties: ["company"] })
export class SsoConnection extends TenantEntity<
  | "status"
  | "testedAt"
  | "version"
  | "createdAt"
  | "updatedAt"
  | "scopes"
  | "idpCertificates"
  | "wantAssertionsSigned"
  | "wantResponseSigned"
  | "lastTestResult"
> {
  @Enum({ items: () => SsoProtocol, columnType: "text" })
  protocol!: SsoProtocol;

  @Property({ type: "text" })
  name!: string;

  @Enum({ items: () => SsoConnectionStatus, columnType: "text" })
  status: SsoConnectionStatus = SsoConnectionStatus.DRAFT;

  /** When the last successful test sign-in ran. */
  @Property({ type: "timestamptz", nullable: true })
  testedAt?: Date | null;

  /** What the last test sign-in found (claims, user, roles), for the console to show after it. */
  @Property({ type: "json", nullable: true })
  lastTestResult?: unknown;

  /** Bumped on every change; compared with the caller's expected version. */
  @Property()
  version: number = 1;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz" })
  updatedAt: Date = new Date();

  // OpenID Connect.

  /** The issuer URL; its `/.well-known/openid-configuration` is discovered (OpenID Connect Discovery 1.0 §4). */
  @Property({ type: "text", nullable: true })
  issuer?: string | null;

  @Property({ type: "text", nullable: true })
  clientId?: string | null;

  /** AES-256-GCM ciphertext of the client secret (it must be sent on to the IdP, so it cannot be hashed); never returned. */
  @Property({ type: "text", nullable: true, hidden: true })
  clientSecret?: string | null;

  /** Scopes asked for besides `openid`. */
  @Property({ type: ArrayType, columnType: "text[]" })
  scopes: string[] = [];

  /** The claim of the ID token or UserInfo that lists the user's groups (Okta `groups`, Entra `groups` or `roles`). */
  @Property({ type: "text", nullable: true })
  groupsClaim?: string | null;

  // SAML 2.0.

  @Property({ type: "text", nullable: true })
  idpMetadataUrl?: string | null;

  @Property({ type: "text", nullable: true })
  idpMetadataXml?: string | null;

  @Property({ type: "text", nullable: true })
  idpEntityId?: string | null;

  @Property({ type: "text", nullable: true })
  idpSsoUrl?: string | null;

  /** The IdP's signing certificates (PEM or base64 DER); several during a rotation. */
  @Property({ type: ArrayType, columnType: "text[]" })
  idpCertificates: string[] = [];

  @Property()
  wantAssertionsSigned: boolean = true;

  @Property()
  wantResponseSigned: boolean = false;

  @Property({ type: "text", nullable: true })
  emailAttribute?: string | null;

  @Property({ type: "text", nullable: true })
  givenNameAttribute?: string | null;

  @Property({ type: "text", nullable: true })
  familyNameAttribute?: string | null;

  @Property({ type: "text", nullable: true })
  groupsAttribute?: string | null;
}
