import type { EntityManager } from "@mikro-orm/postgresql";
import type { Request, Response } from "express";
import { parse } from "cookie";
import type { SsoSecretBox } from "../../domain/sso/sso-secret-box.js";

/** How long a browser may take at the IdP between the start of a sign-in and its callback. */
const FLOW_SECONDS = 600;

/** The cookie holding a sign-in in progress, sealed so the browser can neither read nor change it. */
export const FLOW_COOKIE = "rolebridge_sso_flow";

/** Associated data of the sealed cookie: a sealed client secret cannot pass for a flow, nor the reverse. */
const PURPOSE = "sso-flow";

/** What the callback must check against what the IdP sends back. */
export interface SsoFlowState {
  companyId: string;
  connectionId: string;
  /** RFC 6749 §10.12: binds the callback to the browser that started the sign-in (login CSRF). */
  state: string;
  /** OpenID Connect Core 1.0 §3.1.2.1: binds the ID token to this sign-in (replay). */
  nonce?: string;
  /** RFC 7636: the PKCE code_verifier. */
  codeVerifier?: string;
  /** For a test sign-in, the administrator who started it. */
  testerUserId?: string;
  /** Seconds since the epoch after which the callback is refused. */
  expiresAt: number;
}

/**
 * Keeps the state of a sign-in in progress in the browser, sealed with the SSO key: nothing to
 * store or clean up on the server, and each browser's state is its own. SameSite=Lax, since the
 * IdP's redirect back is a cross-site top-level navigation (RFC 6265bis §5.4.7), which Strict
 * cookies do not follow; httpOnly, limited to /sso/, and gone after ten minutes.
 */
export class SsoFlowCookie {
  constructor(private readonly box: SsoSecretBox) {}

  async set(em: EntityManager, req: Request, res: Response, flow: Omit<SsoFlowState, "expiresAt">): Promise<void> {
    const full: SsoFlowState = { ...flow, expiresAt: Math.floor(Date.now() / 1000) + FLOW_SECONDS };
    const sealed = await this.box.seal(em, JSON.stringify(full), PURPOSE);
    res.cookie(FLOW_COOKIE, sealed, { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/sso/", maxAge: FLOW_SECONDS * 1000 });
  }

  /** The flow the browser started, or null when it has none, it was tampered with, or it expired. */
  async read(em: EntityManager, req: Request): Promise<SsoFlowState | null> {
    const sealed = req.headers.cookie ? parse(req.headers.cookie)[FLOW_COOKIE] : undefined;
    if (!sealed) return null;
    try {
      const flow = JSON.parse(await this.box.open(em, sealed, PURPOSE)) as SsoFlowState;
      return flow.expiresAt > Date.now() / 1000 ? flow : null;
    } catch {
      return null;
    }
  }

  clear(req: Request, res: Response): void {
    res.clearCookie(FLOW_COOKIE, { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/sso/" });
  }
}
