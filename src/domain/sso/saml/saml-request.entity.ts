import { Entity, Index, Property } from "@mikro-orm/core";
import { TenantEntity } from "../../tenant-entity.js";

/**
 * A SAML AuthnRequest rolebridge sent and has not yet seen answered. The IdP's Response must name
 * its id in `InResponseTo` (SAML 2.0 Core §3.2.2, Profiles §4.1.4.3): the row is taken once, so a
 * Response answers one request, of this company's connection, before `expiresAt`. Kept in the
 * database so the instance that receives the Response need not be the one that sent the request.
 */
@Entity({ tableName: "saml_request" })
@Index({ name: "saml_request_expires_at", properties: ["expiresAt"] })
export class SamlRequest extends TenantEntity<"createdAt" | "testerUserId" | "returnTo"> {
  /** The AuthnRequest's `ID` attribute, which the Response's `InResponseTo` must repeat. */
  @Property({ type: "text", unique: true })
  requestId!: string;

  /** The SSO connection the request went out through (a Response is checked against that one). */
  @Property({ type: "uuid" })
  connectionId!: string;

  /** Where the browser goes once signed in: a path of this server, never another origin. */
  @Property({ type: "text", nullable: true })
  returnTo?: string | null;

  /** For a test sign-in, the administrator who started it: the ACS reports what would happen and changes nothing. */
  @Property({ type: "uuid", nullable: true })
  testerUserId?: string | null;

  @Property({ type: "timestamptz" })
  expiresAt!: Date;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}
