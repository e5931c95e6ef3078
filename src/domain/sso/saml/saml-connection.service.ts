import { X509Certificate } from "node:crypto";
import { LockMode } from "@mikro-orm/postgresql";
import { Permission } from "../../access-roles/permission.js";
import { recordAudit } from "../../audit/audit.service.js";
import { requirePermission } from "../../authorization.js";
import { Company } from "../../companies/company.entity.js";
import { DomainError } from "../../errors.js";
import type { Scope } from "../../scope.js";
import { inTransaction } from "../../unit-of-work.js";
import { isUuid } from "../../uuid.js";
import { SsoConnection, SsoConnectionStatus, SsoProtocol } from "../sso-connection.entity.js";
import { snapshot, touch } from "../sso-connection.service.js";
import { fetchIdpMetadata, type IdpMetadataFetcher, validMetadataUrl } from "./idp-metadata-fetch.js";
import { IdpMetadataError, type IdpMetadata, parseIdpMetadata } from "./idp-metadata.js";
import { type ServiceProviderEndpoints, serviceProviderEndpoints } from "../sso-urls.js";

/**
 * A SAML connection's settings as an administrator enters them; on update, a field left out is
 * kept. The IdP comes from its metadata, by URL (fetched by the server, again at every update that
 * names it, which is how a rotated certificate is picked up) or pasted as XML.
 */
export interface SamlConnectionInput {
  name?: string | null;
  idpMetadataUrl?: string | null;
  idpMetadataXml?: string | null;
  wantAssertionsSigned?: boolean | null;
  wantResponseSigned?: boolean | null;
  emailAttribute?: string | null;
  givenNameAttribute?: string | null;
  familyNameAttribute?: string | null;
  groupsAttribute?: string | null;
}

/** A SAML connection with the service-provider values an administrator copies into the IdP. */
export interface SamlConnectionView {
  connection: SsoConnection;
  serviceProvider: ServiceProviderEndpoints;
}

/**
 * The attribute names a new connection reads when none are given: Okta's attribute statements as
 * the README's set-up names them. Entra ID sends claim URIs instead
 * (http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress …), which the admin enters.
 */
const DEFAULT_ATTRIBUTES = { emailAttribute: "email", givenNameAttribute: "firstName", familyNameAttribute: "lastName", groupsAttribute: "groups" } as const;

const MAX_NAME = 200;
const MAX_ATTRIBUTE = 500;
const MAX_METADATA = 1024 * 1024;
const ATTRIBUTES = ["emailAttribute", "givenNameAttribute", "familyNameAttribute", "groupsAttribute"] as const;

/**
 * Configures a company's SAML 2.0 connections (rolebridge as the service provider). Needs
 * CanConfigureCompany, since a connection decides who signs in. Every change is audited.
 */
export class SamlConnectionService {
  constructor(private readonly fetchMetadata: IdpMetadataFetcher = fetchIdpMetadata) {}

  /**
   * `baseUrl` is the server's public base URL (PUBLIC_BASE_URL, or the request's), under which the
   * SP's entity ID and ACS live, as the /sso routes compute it.
   */
  async byId(scope: Scope, baseUrl: string, id: string): Promise<SamlConnectionView> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const connection = isUuid(id) ? await scope.em.findOne(SsoConnection, { id, company: scope.principal.companyId, protocol: SsoProtocol.SAML }) : null;
    if (!connection) throw DomainError.notFound("SAML connection", id);
    return this.view(scope, baseUrl, connection);
  }

  /** The service-provider values of the caller's company, to enter at the IdP before any connection exists. */
  async serviceProvider(scope: Scope, baseUrl: string): Promise<ServiceProviderEndpoints> {
    requirePermission(scope, Permission.CanConfigureCompany);
    return serviceProviderEndpoints(baseUrl, await this.slugOf(scope));
  }

  /** A new SAML connection, `draft` until a test sign-in through it succeeds. */
  async create(scope: Scope, baseUrl: string, input: SamlConnectionInput): Promise<SamlConnectionView> {
    requirePermission(scope, Permission.CanConfigureCompany);
    const name = text(input.name, "name", MAX_NAME);
    if (!name) throw DomainError.invalid("name", "name is required");
    if (!input.idpMetadataUrl?.trim() && !input.idpMetadataXml?.trim()) {
      throw DomainError.invalid("idpMetadataUrl", "give the IdP's metadata: its URL (idpMetadataUrl) or the XML itself (idpMetadataXml)");
    }
    const signing = validSigning(input, { wantAssertionsSigned: true, wantResponseSigned: false });
    const attributes = validAttributes(input);
    // Fetched before the transaction: no row stays locked while another server answers.
    const metadata = await this.metadataOf(input);
    const connection = await inTransaction(scope, async (em) => {
      const created = em.create(SsoConnection, {
        company: scope.principal.companyId,
        protocol: SsoProtocol.SAML,
        name,
        ...metadata!.columns,
        ...signing,
        ...DEFAULT_ATTRIBUTES,
        ...attributes,
      });
      await em.flush();
      recordAudit(em, scope, { action: "ssoConnection.create", targetType: "SsoConnection", targetId: created.id, after: snapshot(created) });
      return created;
    });
    return this.view(scope, baseUrl, connection);
  }

  /**
   * Changes a SAML connection. Another IdP entity ID or sign-on URL is another IdP as far as
   * sign-in is concerned, so an active connection goes back to `draft` until tested again; new
   * certificates alone (the IdP's key rollover) keep it active.
   */
  async update(scope: Scope, baseUrl: string, id: string, input: SamlConnectionInput, expectedVersion?: number | null): Promise<SamlConnectionView> {
    requirePermission(scope, Permission.CanConfigureCompany);
    if (input.name === null || (input.name !== undefined && !input.name.trim())) throw DomainError.invalid("name", "name cannot be cleared");
    const name = text(input.name, "name", MAX_NAME);
    const attributes = validAttributes(input);
    const metadata = await this.metadataOf(input);
    const connection = await inTransaction(scope, async (em) => {
      const found = isUuid(id)
        ? await em.findOne(SsoConnection, { id, company: scope.principal.companyId, protocol: SsoProtocol.SAML }, { lockMode: LockMode.PESSIMISTIC_WRITE })
        : null;
      if (!found) throw DomainError.notFound("SAML connection", id);
      if (expectedVersion != null && expectedVersion !== found.version) throw DomainError.versionMismatch("SAML connection", expectedVersion, found.version);
      const before = snapshot(found);
      const signing = validSigning(input, found);
      const idpChanged = metadata !== null && (metadata.columns.idpEntityId !== found.idpEntityId || metadata.columns.idpSsoUrl !== found.idpSsoUrl);
      if (name) found.name = name;
      if (metadata) Object.assign(found, metadata.columns);
      Object.assign(found, signing, attributes);
      if (idpChanged && found.status === SsoConnectionStatus.ACTIVE) found.status = SsoConnectionStatus.DRAFT;
      touch(found);
      await em.flush();
      recordAudit(em, scope, { action: "ssoConnection.update", targetType: "SsoConnection", targetId: found.id, before, after: snapshot(found) });
      return found;
    });
    return this.view(scope, baseUrl, connection);
  }

  /** The IdP's metadata from the URL or the XML of the input, as columns; null when the input names neither. */
  private async metadataOf(input: SamlConnectionInput): Promise<{ columns: MetadataColumns } | null> {
    const url = input.idpMetadataUrl?.trim();
    const xml = input.idpMetadataXml?.trim();
    if (url && xml) throw DomainError.invalid("idpMetadataXml", "give the IdP's metadata by URL or as XML, not both");
    if (url) {
      const parsed = validMetadataUrl(url);
      const document = await this.fetchMetadata(parsed);
      return { columns: { ...columnsOf(parse(document, "idpMetadataUrl")), idpMetadataUrl: parsed.href, idpMetadataXml: document } };
    }
    if (xml) {
      if (xml.length > MAX_METADATA) throw DomainError.invalid("idpMetadataXml", "idpMetadataXml must be at most 1 MB");
      return { columns: { ...columnsOf(parse(xml, "idpMetadataXml")), idpMetadataUrl: null, idpMetadataXml: xml } };
    }
    return null;
  }

  private async view(scope: Scope, baseUrl: string, connection: SsoConnection): Promise<SamlConnectionView> {
    return { connection, serviceProvider: serviceProviderEndpoints(baseUrl, await this.slugOf(scope)) };
  }

  private async slugOf(scope: Scope): Promise<string> {
    const company = await scope.em.findOneOrFail(Company, { id: scope.principal.companyId }, { filters: false });
    return company.slug;
  }
}

interface MetadataColumns {
  idpMetadataUrl: string | null;
  idpMetadataXml: string;
  idpEntityId: string;
  idpSsoUrl: string;
  idpCertificates: string[];
}

function parse(document: string, field: "idpMetadataUrl" | "idpMetadataXml"): IdpMetadata {
  try {
    return parseIdpMetadata(document);
  } catch (err) {
    if (err instanceof IdpMetadataError) throw DomainError.invalid(field, err.message);
    throw err;
  }
}

/** The metadata's certificates, each checked to be an X.509 certificate node:crypto can read. */
function columnsOf(metadata: IdpMetadata): Omit<MetadataColumns, "idpMetadataUrl" | "idpMetadataXml"> {
  for (const certificate of metadata.certificates) {
    try {
      new X509Certificate(Buffer.from(certificate, "base64"));
    } catch {
      throw DomainError.invalid("idpMetadataXml", "a signing certificate in the IdP metadata is not a readable X.509 certificate");
    }
  }
  return { idpEntityId: metadata.entityId, idpSsoUrl: metadata.ssoUrl, idpCertificates: metadata.certificates };
}

/**
 * At least one signature is required: an assertion nobody signed could have been written by the
 * browser that POSTs it (SAML 2.0 Profiles §4.1.3.5 requires the assertion or the Response signed).
 */
function validSigning(
  input: SamlConnectionInput,
  current: { wantAssertionsSigned: boolean; wantResponseSigned: boolean },
): { wantAssertionsSigned: boolean; wantResponseSigned: boolean } {
  const out = {
    wantAssertionsSigned: input.wantAssertionsSigned ?? current.wantAssertionsSigned,
    wantResponseSigned: input.wantResponseSigned ?? current.wantResponseSigned,
  };
  if (!out.wantAssertionsSigned && !out.wantResponseSigned) {
    throw DomainError.invalid("wantAssertionsSigned", "require a signed assertion, a signed Response, or both: an unsigned assertion proves nothing");
  }
  return out;
}

/** Attribute names given in the input; an empty one clears it (that value is then not read). */
function validAttributes(input: SamlConnectionInput): Partial<Record<(typeof ATTRIBUTES)[number], string | null>> {
  const out: Partial<Record<(typeof ATTRIBUTES)[number], string | null>> = {};
  for (const field of ATTRIBUTES) {
    if (input[field] === undefined) continue;
    out[field] = text(input[field], field, MAX_ATTRIBUTE);
  }
  return out;
}

function text(value: string | null | undefined, field: string, max: number): string | null {
  const clean = value?.trim();
  if (!clean) return null;
  if (clean.length > max) throw DomainError.invalid(field, `${field} must be at most ${max} characters`);
  if (/[\u0000-\u001f]/.test(clean)) throw DomainError.invalid(field, `${field} must not contain control characters`);
  return clean;
}
