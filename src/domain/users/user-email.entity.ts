import { randomUUID } from "node:crypto";
import { Entity, Filter, Index, ManyToOne, PrimaryKey, Property, type Rel, OptionalProps } from "@mikro-orm/core";
import { Company } from "../companies/company.entity.js";
import { tenantFilter } from "../tenant.js";
import { User } from "./user.entity.js";

/** One value of a user's multi-valued `emails` attribute (RFC 7643 §4.1.2). */
@Entity({ tableName: "user_email" })
@Filter(tenantFilter)
@Index({
  name: "user_email_value_ci",
  expression: 'create index "user_email_value_ci" on "user_email" ("company_id", lower("value"))',
})
export class UserEmail {
  [OptionalProps]?: "primary" | "position" | "id";

  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Company, { deleteRule: "cascade" })
  company!: Company;

  @ManyToOne(() => User, { deleteRule: "cascade", index: true })
  // Rel<> keeps swc from emitting a runtime reference to User (an ESM import cycle).
  user!: Rel<User>;

  @Property({ type: "text" })
  value!: string;

  @Property({ type: "text", nullable: true })
  type?: string | null;

  @Property()
  primary: boolean = false;

  @Property({ type: "text", nullable: true })
  display?: string | null;

  /** Keeps the order the IdP sent (Okta reads `emails[0].value`). */
  @Property()
  position: number = 0;
}
