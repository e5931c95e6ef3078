import type { EntityManager } from "@mikro-orm/postgresql";
import type { Request, Response, Router } from "express";
import type { Company } from "../../domain/companies/company.entity.js";
import type { SsoConnection, SsoProtocol } from "../../domain/sso/sso-connection.entity.js";
import type { SsoIdentity } from "../../domain/sso/sso-identity.js";
import type { SsoFlowState } from "./sso-flow-state.js";

/** A sign-in being started: the connection, its company, and for a test the administrator running it. */
export interface SsoStart {
  em: EntityManager;
  company: Company;
  connection: SsoConnection;
  /** The absolute base URL of rolebridge (PUBLIC_BASE_URL or the request's), for callback URLs. */
  baseUrl: string;
  testerUserId?: string;
}

/** What a protocol's callback hands back once the IdP's answer passed every check. */
export interface SsoVerified {
  connection: SsoConnection;
  identity: SsoIdentity;
  flow: SsoFlowState;
  /** Where the signed-in browser goes, a console path the sign-in kept (SAML's RelayState); the console's start page otherwise. */
  returnTo?: string;
}

/** A protocol's refusal of the IdP's answer before any identity is trusted (signature, state, audience…). */
export class SsoProtocolRefusal extends Error {
  constructor(
    message: string,
    readonly connection: SsoConnection | null,
    readonly identity: Partial<SsoIdentity> | null = null,
    /** The refusal page's HTTP status: 401 for an answer that does not prove who signs in, 403, 404 or 400 as the cause is. */
    readonly status = 401,
  ) {
    super(message);
  }
}

/**
 * What the shared /sso routes need of a protocol (OIDC, SAML). The shared part finds the company
 * and connection, checks a test's administrator, and finishes every sign-in the same way; a
 * protocol starts the browser towards its IdP and verifies what comes back.
 */
export interface SsoProtocolFlow {
  protocol: SsoProtocol;
  /** Sends the browser to the IdP (a redirect, or a self-posting form), keeping what the callback checks. */
  start(req: Request, res: Response, start: SsoStart): Promise<void>;
  /**
   * The protocol's own routes under `/sso/:company/<protocol>/` (OIDC's callback, SAML's ACS and
   * metadata). Each verified answer goes to `finish`; a refusal is thrown as SsoProtocolRefusal.
   */
  routes(finish: SsoFinish): Router;
}

/** Ends a verified sign-in (session or test result) or answers a refusal with its page and audit event. */
export type SsoFinish = (req: Request, res: Response, company: Company, outcome: () => Promise<SsoVerified>) => Promise<void>;
