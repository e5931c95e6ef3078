import type { EntityManager } from "@mikro-orm/postgresql";
import type { Principal } from "../domain/principal.js";
import { DomainError } from "../domain/errors.js";
import type { ProvisioningDescriptor, Scope } from "../domain/scope.js";
import { TENANT_FILTER } from "../domain/tenant.js";
import type { Services } from "../services.js";

/** Per-request GraphQL context: an EntityManager fork whose tenant filter is the principal's company. */
export interface GraphQLContext {
  principal: Principal | null;
  /** Why the credentials sent were rejected, if they were. */
  authError?: DomainError;
  em: EntityManager;
  services: Services;
  provisioning?: ProvisioningDescriptor;
  requestId: string;
  /** The caller's address (`req.ip`, the forwarded one behind TRUST_PROXY), counted by the login's brute-force limits. */
  clientIp?: string;
  /** The absolute URL clients reach rolebridge at (PUBLIC_BASE_URL or the request's), for URLs an admin copies into an IdP. */
  baseUrl?: string;
}

export function createContext(
  services: Services,
  principal: Principal | null,
  extra: { requestId: string; provisioning?: ProvisioningDescriptor; authError?: DomainError; clientIp?: string; baseUrl?: string },
): GraphQLContext {
  const em = services.orm.em.fork() as EntityManager;
  if (principal) em.setFilterParams(TENANT_FILTER, { companyId: principal.companyId });
  return { principal, em, services, ...extra };
}

/** The service-call scope of an authenticated request; UNAUTHENTICATED otherwise. */
export function scopeOf(ctx: GraphQLContext): Scope {
  if (!ctx.principal) throw ctx.authError ?? new DomainError("UNAUTHENTICATED", "authentication required");
  return { em: ctx.em, principal: ctx.principal, provisioning: ctx.provisioning };
}

/**
 * What `create` makes for a request, made once per request and shared by every resolver of it
 * (DataLoaders, above all, which batch only what shares one loader). Keyed by the context object,
 * so it lives exactly as long as the request.
 */
export function perRequest<T>(create: (ctx: GraphQLContext) => T): (ctx: GraphQLContext) => T {
  const made = new WeakMap<GraphQLContext, T>();
  return (ctx) => {
    let value = made.get(ctx);
    if (value === undefined) {
      value = create(ctx);
      made.set(ctx, value);
    }
    return value;
  };
}
