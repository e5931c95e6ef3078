import { Entity, Index, ManyToOne, Property, type Rel } from "@mikro-orm/core";
import { TenantEntity } from "../tenant-entity.js";
import { User } from "./user.entity.js";

/** One value of a user's multi-valued `emails` attribute (RFC 7643 §4.1.2). */
@Entity({ tableName: "user_email" })
@Index({
  name: "user_email_value_ci",
  expression: 'create index "user_email_value_ci" on "user_email" ("company_id", lower("value"))',
})
export class UserEmail extends TenantEntity<"primary" | "position"> {
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
