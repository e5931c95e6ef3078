import type { EntityManager } from "@mikro-orm/postgresql";
import type { Response } from "express";
import type { Company } from "../../domain/companies/company.entity.js";
import { SsoConnection, SsoConnectionStatus, type SsoProtocol } from "../../domain/sso/sso-connection.entity.js";
import { isUuid } from "../../domain/uuid.js";

/** What the /sso/:company routes resolved before a protocol's route runs. */
export interface SsoRequest {
  /** A fork of its own: sign-in runs before any principal, so with no tenant filter set; every query names the company. */
  em: EntityManager;
  company: Company;
  /** PUBLIC_BASE_URL, or the request's scheme and host. */
  baseUrl: string;
}

export function ssoRequestOf(res: Response): SsoRequest {
  return res.locals.sso as SsoRequest;
}

/** One of the company's connections, by id; null for an unknown, foreign or malformed id. */
export async function connectionOf(em: EntityManager, company: Company, id: string): Promise<SsoConnection | null> {
  if (!isUuid(id)) return null;
  return em.findOne(SsoConnection, { id, company: company.id }, { filters: false });
}

/**
 * The connection a sign-in that names none uses: the company's active one (of `protocol`, when
 * given), the oldest when there are several.
 */
export async function activeConnection(em: EntityManager, company: Company, protocol?: SsoProtocol): Promise<SsoConnection | null> {
  return em.findOne(
    SsoConnection,
    { company: company.id, status: SsoConnectionStatus.ACTIVE, ...(protocol ? { protocol } : {}) },
    { filters: false, orderBy: { createdAt: "asc", id: "asc" } },
  );
}
