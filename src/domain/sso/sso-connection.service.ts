import { LockMode } from "@mikro-orm/postgresql";
import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { requirePermission } from "../authorization.js";
import { DomainError } from "../errors.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { samlConnectionFields } from "./saml/saml-connection-fields.js";
import { isUuid } from "../uuid.js";
import { SsoConnection, SsoConnectionStatus, SsoProtocol } from "./sso-connection.entity.js";
import type { SsoSecretBox } from "./sso-secret-box.js";

/** An OIDC connection's settings as an admin enters them; on update, a field left out is kept. */
export interface OidcConnectionInput {
  name?: string | null;
  issuer?: string | null;
  clientId?: string | null;
  /** Write-only: encrypted at rest, never returned. */
  clientSecret?: string | null;
  scopes?: readonly string[] | null;
  groupsClaim?: string | null;
}

/** Who may read and change SSO connections: they decide who signs in, so configuring the company. */
const CONFIGURE = Permission.CanConfigureCompany;

const MAX_NAME = 200;
const MAX_URL = 2000;
const MAX_VALUE = 500;

/**
 * A company's SSO connections: the OIDC ones here, with their client secrets sealed by
 * {@link SsoSecretBox}; the protocol-independent life of every connection (list, disable, delete)
 * for SAML ones as well. Every change is audited, without the secret.
 */
export class SsoConnectionService {
  constructor(private readonly secrets: SsoSecretBox) {}

  async list(scope: Scope): Promise<SsoConnection[]> {
    requirePermission(scope, CONFIGURE);
    return scope.em.find(SsoConnection, { company: scope.principal.companyId }, { orderBy: { createdAt: "asc", id: "asc" } });
  }

  async byId(scope: Scope, id: string): Promise<SsoConnection> {
    requirePermission(scope, CONFIGURE);
    const connection = isUuid(id) ? await scope.em.findOne(SsoConnection, { id, company: scope.principal.companyId }) : null;
    if (!connection) throw DomainError.notFound("SsoConnection", id);
    return connection;
  }

  /** A new OIDC connection, in `draft` until a test sign-in through it succeeds. */
  async createOidc(scope: Scope, input: OidcConnectionInput): Promise<SsoConnection> {
    requirePermission(scope, CONFIGURE);
    const fields = validOidc(input, "create");
    return inTransaction(scope, async (em) => {
      const connection = em.create(SsoConnection, {
        company: scope.principal.companyId,
        protocol: SsoProtocol.OIDC,
        name: fields.name!,
        issuer: fields.issuer!,
        clientId: fields.clientId!,
        scopes: fields.scopes ? [...fields.scopes] : ["email", "profile"],
        groupsClaim: fields.groupsClaim ?? "groups",
      });
      connection.clientSecret = await this.secrets.seal(em, fields.clientSecret!, connection.id);
      await em.flush();
      recordAudit(em, scope, { action: "ssoConnection.create", targetType: "SsoConnection", targetId: connection.id, after: snapshot(connection) });
      return connection;
    });
  }

  /**
   * Changes an OIDC connection. A new issuer or client ID is another IdP as far as sign-in is
   * concerned, so an active connection goes back to `draft` until it is tested again; a new
   * client secret alone (a rotation) keeps it active.
   */
  async updateOidc(scope: Scope, id: string, input: OidcConnectionInput, expectedVersion?: number | null): Promise<SsoConnection> {
    requirePermission(scope, CONFIGURE);
    const fields = validOidc(input, "update");
    return inTransaction(scope, async (em) => {
      const connection = await this.locked(em, scope, id, expectedVersion);
      if (connection.protocol !== SsoProtocol.OIDC) throw DomainError.invalid("id", "this is not an OIDC connection");
      const before = snapshot(connection);
      const identityChanged =
        (fields.issuer !== undefined && fields.issuer !== connection.issuer) || (fields.clientId !== undefined && fields.clientId !== connection.clientId);
      if (fields.name !== undefined) connection.name = fields.name!;
      if (fields.issuer !== undefined) connection.issuer = fields.issuer;
      if (fields.clientId !== undefined) connection.clientId = fields.clientId;
      if (fields.scopes !== undefined) connection.scopes = [...(fields.scopes ?? [])];
      if (fields.groupsClaim !== undefined) connection.groupsClaim = fields.groupsClaim;
      if (fields.clientSecret !== undefined) connection.clientSecret = await this.secrets.seal(em, fields.clientSecret!, connection.id);
      if (identityChanged && connection.status === SsoConnectionStatus.ACTIVE) connection.status = SsoConnectionStatus.DRAFT;
      touch(connection);
      await em.flush();
      recordAudit(em, scope, {
        action: "ssoConnection.update",
        targetType: "SsoConnection",
        targetId: connection.id,
        before,
        after: { ...snapshot(connection), ...(fields.clientSecret !== undefined ? { clientSecretChanged: true } : {}) },
      });
      return connection;
    });
  }

  /** Stops every sign-in through the connection at once; a successful test sign-in activates it again. */
  async disable(scope: Scope, id: string): Promise<SsoConnection> {
    requirePermission(scope, CONFIGURE);
    return inTransaction(scope, async (em) => {
      const connection = await this.locked(em, scope, id);
      if (connection.status === SsoConnectionStatus.DISABLED) return connection;
      const before = { status: connection.status };
      connection.status = SsoConnectionStatus.DISABLED;
      touch(connection);
      await em.flush();
      recordAudit(em, scope, { action: "ssoConnection.disable", targetType: "SsoConnection", targetId: connection.id, before, after: { status: connection.status } });
      return connection;
    });
  }

  /** Deletes the connection and releases the email domains claimed for it. */
  async delete(scope: Scope, id: string): Promise<string> {
    requirePermission(scope, CONFIGURE);
    return inTransaction(scope, async (em) => {
      const connection = await this.locked(em, scope, id);
      const before = snapshot(connection);
      em.remove(connection);
      await em.flush();
      recordAudit(em, scope, { action: "ssoConnection.delete", targetType: "SsoConnection", targetId: id, before });
      return id;
    });
  }

  /** The client secret in clear, for the token request to the IdP only (OIDC Core §9, client_secret_basic / _post). */
  async clientSecretOf(scope: Pick<Scope, "em">, connection: SsoConnection): Promise<string> {
    if (!connection.clientSecret) throw new DomainError("BAD_USER_INPUT", "the connection has no client secret; enter one", { field: "clientSecret" });
    return this.secrets.open(scope.em, connection.clientSecret, connection.id);
  }

  private async locked(em: Scope["em"], scope: Scope, id: string, expectedVersion?: number | null): Promise<SsoConnection> {
    const connection = isUuid(id)
      ? await em.findOne(SsoConnection, { id, company: scope.principal.companyId }, { lockMode: LockMode.PESSIMISTIC_WRITE })
      : null;
    if (!connection) throw DomainError.notFound("SsoConnection", id);
    if (expectedVersion != null && expectedVersion !== connection.version) throw DomainError.versionMismatch("SsoConnection", expectedVersion, connection.version);
    return connection;
  }
}

/** Records a change of the connection: its version (the optimistic-lock counter callers send back) and time. */
export function touch(connection: SsoConnection): void {
  connection.version++;
  connection.updatedAt = new Date();
}

/**
 * What the audit history keeps of a connection, whatever its protocol: everything but an OIDC
 * client secret and a SAML metadata document (its URL and what was read from it stay).
 */
export function snapshot(c: SsoConnection): Record<string, unknown> {
  return {
    protocol: c.protocol,
    name: c.name,
    status: c.status,
    ...(c.protocol === SsoProtocol.OIDC ? { issuer: c.issuer, clientId: c.clientId, scopes: c.scopes, groupsClaim: c.groupsClaim } : {}),
    ...(c.protocol === SsoProtocol.SAML
      ? {
          idpMetadataUrl: c.idpMetadataUrl ?? null,
          ...samlConnectionFields(c),
          idpCertificateCount: c.idpCertificates.length,
        }
      : {}),
  };
}

function validOidc(input: OidcConnectionInput, mode: "create" | "update"): OidcConnectionInput {
  const out: OidcConnectionInput = {};
  const required = (field: keyof OidcConnectionInput) => {
    if (mode === "create" && (input[field] == null || input[field] === "")) throw DomainError.invalid(field, `${field} is required`);
    if (mode === "update" && input[field] === null) throw DomainError.invalid(field, `${field} cannot be cleared`);
  };
  for (const field of ["name", "issuer", "clientId", "clientSecret"] as const) required(field);
  if (input.name != null) out.name = text(input.name, "name", MAX_NAME);
  if (input.issuer != null) out.issuer = validIssuer(input.issuer);
  if (input.clientId != null) out.clientId = text(input.clientId, "clientId", MAX_VALUE);
  if (input.clientSecret != null) out.clientSecret = text(input.clientSecret, "clientSecret", MAX_URL);
  if (input.scopes !== undefined) {
    const scopes = [...new Set((input.scopes ?? []).map((s) => s.trim()).filter((s) => s && s !== "openid"))];
    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
    const bad = scopes.find((s) => !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(s));
    if (bad !== undefined) throw DomainError.invalid("scopes", `"${bad}" is not a valid scope (RFC 6749 §3.3: no spaces, quotes or backslashes)`);
    if (scopes.length > 20) throw DomainError.invalid("scopes", "at most 20 scopes");
    out.scopes = scopes;
  }
  if (input.groupsClaim !== undefined) out.groupsClaim = input.groupsClaim === null || input.groupsClaim.trim() === "" ? null : text(input.groupsClaim, "groupsClaim", MAX_VALUE);
  return out;
}

function text(value: string, field: string, max: number): string {
  const clean = value.trim();
  if (!clean) throw DomainError.invalid(field, `${field} must not be empty`);
  if (clean.length > max) throw DomainError.invalid(field, `${field} must be at most ${max} characters`);
  if (clean.includes("\u0000")) throw DomainError.invalid(field, `${field} must not contain NUL characters`);
  return clean;
}

/**
 * An issuer is an https URL without query or fragment (OpenID Connect Discovery 1.0 §2, §4.1);
 * plain http only on the loopback interface, for an IdP on the developer's own machine.
 */
export function validIssuer(value: string): string {
  const clean = text(value, "issuer", MAX_URL);
  let url: URL;
  try {
    url = new URL(clean);
  } catch {
    throw DomainError.invalid("issuer", "issuer must be an absolute URL, e.g. https://acme.okta.com");
  }
  if (url.search || url.hash) throw DomainError.invalid("issuer", "issuer must not have a query or fragment (OpenID Connect Discovery 1.0 §2)");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    throw DomainError.invalid("issuer", "issuer must use https (http only for an IdP on 127.0.0.1 or localhost)");
  }
  // Kept exactly as entered: discovery compares the issuer the IdP states with it, character for character.
  return clean;
}

export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}
