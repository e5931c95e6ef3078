import type { EntityManager } from "@mikro-orm/postgresql";
import type { Request, Response, Router } from "express";
import type { Company } from "../../domain/companies/company.entity.js";
import type { SsoConnection, SsoProtocol } from "../../domain/sso/sso-connection.entity.js";
import type { SsoIdentity } from "../../domain/sso/sso-identity.js";
import { DomainError, type DomainErrorCode } from "../../domain/errors.js";

/** A sign-in being started: the connection, its company, and for a test the administrator running it. */
export interface SsoStart {
  em: EntityManager;
  company: Company;
  connection: SsoConnection;
  /** The absolute base URL of rolebridge (PUBLIC_BASE_URL or the request's), for callback URLs. */
  baseUrl: string;
  testerUserId?: string;
  /** The address the person already typed (the console's email-first sign-in), for the IdP to pre-fill. */
  loginHint?: string;
}

/** What a protocol's callback hands back once the IdP's answer passed every check. */
export interface SsoVerified {
  connection: SsoConnection;
  identity: SsoIdentity;
  /** For a test sign-in, the administrator who started it, as the sign-in kept it (OIDC's sealed cookie, SAML's pending request). */
  testerUserId?: string;
  /** Where the signed-in browser goes, a console path the sign-in kept (SAML's RelayState); the console's start page otherwise. */
  returnTo?: string;
}

const CODE_OF_STATUS: Record<number, DomainErrorCode> = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 400: "BAD_USER_INPUT", 413: "BAD_USER_INPUT" };

/**
 * A refusal by the routes or a protocol, before any identity is trusted (signature, state,
 * audience…), which the routes audit. An UNAUTHENTICATED one counts against the caller's address
 * in the brute-force limits, as a wrong password does.
 */
export class SsoProtocolRefusal extends DomainError {
  constructor(
    message: string,
    readonly connection: SsoConnection | null,
    readonly identity: Partial<SsoIdentity> | null = null,
    /** The refusal page's HTTP status: 401 for an answer that does not prove who signs in, 403, 404 or 400 as the cause is, 502 for an IdP that cannot be used. */
    readonly status = 401,
  ) {
    super(CODE_OF_STATUS[status] ?? "SERVICE_UNAVAILABLE", message);
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
