import { Entity, Index, Property, Unique } from "@mikro-orm/core";
import { TenantEntity } from "../../tenant-entity.js";

/**
 * An assertion ID a SAML connection has already accepted. SAML 2.0 Profiles §4.1.4.5 asks the
 * service provider to keep each bearer assertion's ID until it expires and refuse it a second time,
 * so a Response copied from a browser or a log cannot sign anyone in again.
 */
@Entity({ tableName: "saml_assertion_use" })
@Unique({ name: "saml_assertion_use_connection_assertion", properties: ["connectionId", "assertionId"] })
@Index({ name: "saml_assertion_use_expires_at", properties: ["expiresAt"] })
export class SamlAssertionUse extends TenantEntity<"createdAt"> {
  @Property({ type: "uuid" })
  connectionId!: string;

  /** The Assertion's `ID` attribute, as the IdP sent it. */
  @Property({ type: "text" })
  assertionId!: string;

  /** Past the assertion's own NotOnOrAfter (plus the accepted clock skew) it is refused anyway, so the row may go. */
  @Property({ type: "timestamptz" })
  expiresAt!: Date;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}
