import { createHash, X509Certificate } from "node:crypto";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { SamlConnectionView } from "../../domain/sso/saml/saml-connection.service.js";
import { samlConnectionFields } from "../../domain/sso/saml/saml-connection-fields.js";
import type { ServiceProviderEndpoints } from "../../domain/sso/sso-urls.js";

@ObjectType("SamlServiceProvider", {
  description: "rolebridge as a SAML service provider for the company: the values to enter at the IdP.",
  simpleResolvers: true,
})
export class SamlServiceProviderType {
  @Field({ description: "The SP entity ID: Okta's \"Audience URI (SP Entity ID)\", Entra ID's \"Identifier (Entity ID)\"." })
  entityId!: string;

  @Field({ description: "The Assertion Consumer Service URL (HTTP-POST): Okta's \"Single sign-on URL\", Entra ID's \"Reply URL\"." })
  acsUrl!: string;

  @Field({ description: "rolebridge's SP metadata for the company, for IdPs that import it (Entra ID's \"Upload metadata file\")." })
  metadataUrl!: string;

  @Field({ description: "Where sign-in starts: Entra ID's \"Sign on URL\", Okta's \"Initiate login URI\"." })
  signInUrl!: string;
}

@ObjectType("SamlCertificate", { description: "One of the IdP's signing certificates, as read from its metadata.", simpleResolvers: true })
export class SamlCertificateType {
  @Field({ description: "The certificate's subject, e.g. CN=Microsoft Azure Federated SSO Certificate." })
  subject!: string;

  @Field({ description: "The end of the certificate's validity (rolebridge checks signatures against the key, whatever the date; the IdP rotates it)." })
  notAfter!: Date;

  @Field({ description: "SHA-256 fingerprint of the DER certificate, colon-separated hex, to compare with the IdP's console." })
  sha256Fingerprint!: string;
}

@ObjectType("SamlConnection", {
  description: "A SAML 2.0 connection's settings: the IdP as its metadata describes it, the signatures required, and the attributes read.",
  simpleResolvers: true,
})
export class SamlConnectionType {
  @Field(() => ID, { description: "The SSO connection's id." })
  id!: string;

  @Field({ description: "A name for admins." })
  name!: string;

  @Field(() => Int, { description: "Bumped on every change; send it back as expectedVersion." })
  version!: number;

  @Field(() => String, { nullable: true, description: "The metadata URL, when the metadata came by URL." })
  idpMetadataUrl!: string | null;

  @Field(() => String, { nullable: true, description: "The IdP's entity ID: every assertion's Issuer must be exactly this." })
  idpEntityId!: string | null;

  @Field(() => String, { nullable: true, description: "The IdP's single sign-on URL (HTTP-Redirect binding), where sign-in sends the browser." })
  idpSsoUrl!: string | null;

  @Field(() => [SamlCertificateType], { description: "The IdP's signing certificates; a Response verified by any of them is accepted." })
  idpCertificates!: SamlCertificateType[];

  @Field({ description: "Whether assertions must carry their own signature." })
  wantAssertionsSigned!: boolean;

  @Field({ description: "Whether the <Response> element must be signed." })
  wantResponseSigned!: boolean;

  @Field(() => String, { nullable: true, description: "The attribute read as the email address." })
  emailAttribute!: string | null;

  @Field(() => String, { nullable: true, description: "The attribute read as the given name." })
  givenNameAttribute!: string | null;

  @Field(() => String, { nullable: true, description: "The attribute read as the family name." })
  familyNameAttribute!: string | null;

  @Field(() => String, { nullable: true, description: "The attribute read as the user's groups." })
  groupsAttribute!: string | null;

  @Field(() => SamlServiceProviderType, { description: "The values to enter at the IdP: ACS URL, entity ID, metadata and sign-in URLs." })
  serviceProvider!: SamlServiceProviderType;
}

export function toSamlServiceProviderType(sp: ServiceProviderEndpoints): SamlServiceProviderType {
  return { entityId: sp.entityId, acsUrl: sp.acsUrl, metadataUrl: sp.metadataUrl, signInUrl: sp.signInUrl };
}

export function toSamlConnectionType({ connection: c, serviceProvider }: SamlConnectionView): SamlConnectionType {
  return {
    id: c.id,
    name: c.name,
    version: c.version,
    idpMetadataUrl: c.idpMetadataUrl ?? null,
    ...samlConnectionFields(c),
    idpCertificates: c.idpCertificates.flatMap(certificateOf),
    serviceProvider: toSamlServiceProviderType(serviceProvider),
  };
}

/** A stored certificate (base64 DER or PEM) described; one that cannot be read is left out rather than failing the whole connection. */
function certificateOf(stored: string): SamlCertificateType[] {
  try {
    const der = stored.includes("-----BEGIN") ? new X509Certificate(stored).raw : Buffer.from(stored, "base64");
    const cert = new X509Certificate(der);
    const fingerprint = createHash("sha256").update(der).digest("hex").toUpperCase().match(/../g)!.join(":");
    return [{ subject: cert.subject.replace(/\n/g, ", "), notAfter: new Date(cert.validTo), sha256Fingerprint: fingerprint }];
  } catch {
    return [];
  }
}
