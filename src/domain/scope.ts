import type { EntityManager } from "@mikro-orm/postgresql";
import { type Principal, type SystemActor, systemPrincipal } from "./principal.js";
import { TENANT_FILTER } from "./tenant.js";

/**
 * What the SCIM facade tells the domain about the request it is serving, so the domain can write
 * the ProvisioningEvent in the same transaction as the change: a write and its record commit
 * together or not at all.
 */
export interface ProvisioningDescriptor {
  /** Also the ProvisioningEvent id, quoted in SCIM error bodies. */
  requestId: string;
  method: string;
  path: string;
  appPasswordId?: string;
  /** IdP dialect normalisations the facade applied (Entra capitalised ops, SailPoint bare array…). */
  normalizations: readonly string[];
  startedAt: number;
  /** The HTTP status the transport answers with when the change succeeds (201, 200, or 204 for a DELETE or a Group PATCH). */
  status: number;
}

/** Everything a service call needs: the request's EntityManager fork and who is calling. */
export interface Scope {
  em: EntityManager;
  principal: Principal;
  provisioning?: ProvisioningDescriptor;
}

/**
 * The system principal's scope on `em` (a fork of its own, or the caller's transaction), working
 * in `companyId` when given: the tenant filter of `em` is set to that company, as a request's is.
 */
export function systemScope(em: EntityManager, actor: SystemActor, companyId?: string): Scope {
  const principal = systemPrincipal(actor, companyId);
  em.setFilterParams(TENANT_FILTER, { companyId: principal.companyId });
  return { em, principal };
}
