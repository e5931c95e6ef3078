import { wrap } from "@mikro-orm/core";

/**
 * Whether an entity reference already carries its data (a service populated it), so a field
 * resolver can answer from it without a query; the transports ask this here rather than of MikroORM.
 */
export function isLoaded(entity: object): boolean {
  return wrap(entity).isInitialized();
}
