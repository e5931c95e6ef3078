import { Entity, Property } from "@mikro-orm/core";
import { TenantEntity } from "./tenant-entity.js";

/**
 * A tenant-owned resource an IdP provisions (User, CustomerRole): besides id and company it
 * carries what SCIM's `meta` reports, `version`, `created` and `lastModified` (RFC 7643 §3.1).
 * The version is bumped and `updatedAt` set by the statement that writes a change, from the
 * database clock, so neither is an ORM optimistic lock nor an `onUpdate` hook.
 */
@Entity({ abstract: true })
export abstract class VersionedEntity<Optional = never> extends TenantEntity<"version" | "createdAt" | "updatedAt" | Optional> {
  /** Bumped on every change; compared with a caller's expected version (RFC 7644 §3.14 ETags). */
  @Property()
  version: number = 1;

  @Property({ type: "timestamptz" })
  createdAt: Date = new Date();

  @Property({ type: "timestamptz" })
  updatedAt: Date = new Date();
}
