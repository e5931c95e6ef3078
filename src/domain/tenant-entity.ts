import { randomUUID } from "node:crypto";
import { Entity, Filter, ManyToOne, OptionalProps, PrimaryKey } from "@mikro-orm/core";
import { Company } from "./companies/company.entity.js";
import { tenantFilter } from "./tenant.js";

/**
 * A row owned by one company: a random UUID id, its company (deleted with it), and the tenant
 * filter, which an entity extending this class cannot forget. MikroORM puts these properties
 * (and columns) first in every subclass. `Optional` names the subclass's properties that
 * `em.create` may omit (MikroORM's `OptionalProps`).
 */
@Entity({ abstract: true })
@Filter(tenantFilter)
export abstract class TenantEntity<Optional = never> {
  [OptionalProps]?: "id" | Optional;

  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Company, { deleteRule: "cascade" })
  company!: Company;
}
