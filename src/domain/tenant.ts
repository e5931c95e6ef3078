import type { Filter } from "@mikro-orm/core";

type FilterDef = Parameters<typeof Filter>[0];

/**
 * The `tenant` filter: every tenant-owned entity registers it, and each request's forked
 * EntityManager sets `companyId` from the principal, so finders cannot read
 * another company's rows even when a service forgets a condition. Hand-built SQL does not
 * see filters; such queries take the company explicitly.
 */
export const TENANT_FILTER = "tenant";

export const tenantFilter: FilterDef = {
  name: TENANT_FILTER,
  cond: (args: { companyId: string }) => ({ company: args.companyId }),
  default: true,
};
