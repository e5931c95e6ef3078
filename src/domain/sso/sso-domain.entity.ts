import { Entity, Index, ManyToOne, Property } from "@mikro-orm/core";
import { TenantEntity } from "../tenant-entity.js";
import { SsoConnection } from "./sso-connection.entity.js";

/**
 * An email domain a company has claimed for single sign-on: the console's email-first sign-in
 * sends anyone whose address ends in it to the company's IdP. One company per domain, so a
 * domain never leads two ways.
 */
@Entity({ tableName: "sso_domain" })
@Index({ name: "sso_domain_domain_ci", expression: 'create unique index "sso_domain_domain_ci" on "sso_domain" (lower("domain"))' })
export class SsoDomain extends TenantEntity<"createdAt"> {
  /** Lower-case, without `@`, e.g. `acme.example`. */
  @Property({ type: "text" })
  domain!: string;

  /** The connection the domain leads to; deleting the connection releases the domain. */
  @ManyToOne(() => SsoConnection, { deleteRule: "cascade", index: true })
  connection!: SsoConnection;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();
}
