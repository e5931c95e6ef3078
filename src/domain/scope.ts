import type { EntityManager } from "@mikro-orm/postgresql";
import type { Principal } from "../auth/principal.js";

/**
 * What the SCIM facade tells the domain about the request it is serving, so the domain can write
 * the ProvisioningEvent in the same transaction as the change (DESIGN rule 6, STYLE §3.6).
 */
export interface ProvisioningDescriptor {
  /** Also the ProvisioningEvent id, quoted in SCIM error bodies. */
  requestId: string;
  method: string;
  path: string;
  appPasswordId?: string;
  /** IdP dialect normalisations the facade applied (Entra capitalised ops, SailPoint bare array…). */
  normalizations: string[];
  startedAt: number;
  /** The HTTP status the transport answers with, when it differs from the operation's usual one (a SCIM Group PATCH answered 204). */
  status?: number;
  /** Set once an event has been written for this request, so it is written once. */
  recorded?: boolean;
}

/** Everything a service call needs: the request's EntityManager fork and who is calling. */
export interface Scope {
  em: EntityManager;
  principal: Principal;
  provisioning?: ProvisioningDescriptor;
}
