/**
 * Single sign-on in the browser: `GET /sso/:company` starts a sign-in with the company's active
 * connection (or `?connection=ID`; `?test=1` for an administrator's test sign-in), and each
 * protocol's routes under `/sso/:company/<protocol>/` verify what the IdP sends back. Every
 * verified answer ends here the same way: the shared sign-in service decides, and the browser gets
 * the console's session cookie (as a password sign-in does), a test's result page, or a refusal
 * page; every refusal is audited and opens no session.
 */
import { Router, type Request, type Response } from "express";
import type { MikroORM, EntityManager } from "@mikro-orm/postgresql";
import type { Config } from "../../config.js";
import { sqlOf } from "../../db/sql.js";
import { Permission } from "../../domain/access-roles/permission.js";
import { Company } from "../../domain/companies/company.entity.js";
import { DomainError } from "../../domain/errors.js";
import type { Principal } from "../../domain/principal.js";
import { SsoConnectionStatus } from "../../domain/sso/sso-connection.entity.js";
import type { SsoSignInService } from "../../domain/sso/sso-sign-in.service.js";
import { TENANT_FILTER } from "../../domain/tenant.js";
import type { TokenService } from "../jwt.js";
import type { LoginService } from "../login.js";
import { AttemptsRefused, type AuthAttemptLimits } from "../attempt-limits.js";
import { loadSessionPrincipal } from "../principal-loader.js";
import { publicBaseUrl } from "../public-base-url.js";
import { SESSION_COOKIE, sessionCookieOf, sessionCookieOptions } from "../session-cookie.js";
import { sendRefusal, sendSignedIn, sendTestResult } from "./sso-pages.js";
import { type SsoFinish, type SsoProtocolFlow, SsoProtocolRefusal } from "./sso-protocol-flow.js";
import { activeConnection, connectionOf, ssoRequestOf } from "./sso-request.js";

export interface SsoRouteDependencies {
  orm: MikroORM;
  config: Pick<Config, "PUBLIC_BASE_URL">;
  tokens: TokenService;
  login: LoginService;
  /** The brute-force limits: refused callbacks count against the caller's address, as wrong passwords do. */
  limits: AuthAttemptLimits;
  signIn: SsoSignInService;
  /** The protocols served, one flow each. */
  flows: readonly SsoProtocolFlow[];
  logError: (err: unknown) => void;
}

/** Where a signed-in browser lands: its own access, so the roles the IdP's groups just gave are the first thing seen. */
const CONSOLE = "/admin/my-access";

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, SERVICE_UNAVAILABLE: 503 };

export function ssoRoutes(deps: SsoRouteDependencies): Router {
  const router = Router();

  router.use("/sso/:company", async (req, res, next) => {
    try {
      const em = deps.orm.em.fork() as EntityManager;
      const slug = String(req.params.company).trim().toLowerCase();
      const company = await em.findOne(Company, { slug }, { filters: false });
      if (!company || company.isPlatform) {
        sendRefusal(res, 404, `there is no company "${req.params.company}"; check the sign-in link`);
        return;
      }
      res.locals.sso = { em, company, baseUrl: publicBaseUrl(req, deps.config) };
      next();
    } catch (err) {
      next(err);
    }
  });

  const finish: SsoFinish = async (req, res, company, outcome) => {
    const { em } = ssoRequestOf(res);
    try {
      const verified = await deps.limits.attempt({ ip: req.ip }, outcome);
      if (verified.testerUserId) {
        const tester = await testerOf(em, company, verified.testerUserId);
        const testEm = em.fork();
        testEm.setFilterParams(TENANT_FILTER, { companyId: company.id });
        const report = await deps.signIn.test({ em: testEm, principal: tester }, verified.connection.id, verified.identity);
        sendTestResult(res, report);
        return;
      }
      const { user } = await deps.signIn.complete(em, verified.connection, verified.identity);
      const session = await deps.login.openSession(company.id, user.id);
      res.cookie(SESSION_COOKIE, session.token, sessionCookieOptions(req, session.expiresAt));
      sendSignedIn(res, user.userName, verified.returnTo ?? CONSOLE);
    } catch (err) {
      await answerRefusal(res, company, err);
    }
  };

  /** Audits what the routes or a protocol refused (the sign-in service audits its own) and answers with the refusal page. */
  async function answerRefusal(res: Response, company: Company, err: unknown): Promise<void> {
    const { em } = ssoRequestOf(res);
    if (err instanceof SsoProtocolRefusal) {
      await deps.signIn.refuse(deps.signIn.refusalScope(em, company.id), err.connection, err.identity, err.message);
      sendRefusal(res, err.status, err.message);
    } else if (err instanceof AttemptsRefused) {
      res.set("Retry-After", String(err.retryAfterSeconds));
      sendRefusal(res, 429, `${err.message}. Nothing was checked; try again later.`);
    } else if (err instanceof DomainError && STATUS[err.code]) {
      sendRefusal(res, STATUS[err.code]!, err.message);
    } else {
      deps.logError(err);
      sendRefusal(res, 500, "single sign-on failed on our side; try again in a moment");
    }
  }

  router.get("/sso/:company", async (req, res) => {
    const { em, company, baseUrl } = ssoRequestOf(res);
    try {
      const test = req.query.test === "1";
      const testerUserId = test ? (await testerOf(em, company, undefined, req)).userId : undefined;
      const requested = typeof req.query.connection === "string" ? req.query.connection : undefined;
      const connection = requested ? await connectionOf(em, company, requested) : await activeConnection(em, company);
      if (!connection) {
        throw new SsoProtocolRefusal(requested ? `the SSO connection ${requested} does not exist` : `${company.name} has no active single sign-on connection`, null, null, 404);
      }
      // Only an active connection signs people in; a draft or disabled one runs an administrator's
      // test, whose success is how it becomes active (again).
      if (!test && connection.status !== SsoConnectionStatus.ACTIVE) {
        throw new SsoProtocolRefusal(`the SSO connection "${connection.name}" is ${connection.status}; sign in with a password, or ask an administrator`, connection, null, 403);
      }
      const flow = deps.flows.find((f) => f.protocol === connection.protocol);
      if (!flow) throw new SsoProtocolRefusal(`${connection.protocol.toUpperCase()} sign-in is not available on this server`, connection, null, 400);
      const hint = typeof req.query.login_hint === "string" ? req.query.login_hint.trim() : "";
      const loginHint = hint && hint.length <= 320 && !/[\u0000-\u001f]/.test(hint) ? hint : undefined;
      await flow.start(req, res, { em, company, connection, baseUrl, testerUserId, loginHint });
    } catch (err) {
      await answerRefusal(res, company, err);
    }
  });

  for (const flow of deps.flows) router.use(`/sso/:company/${flow.protocol}`, flow.routes(finish));

  /**
   * The administrator running a test sign-in: at the start, from the console's session cookie (a
   * top-level navigation from the console carries it); at the callback, by the id the sealed
   * flow kept (the IdP's cross-site redirect carries no SameSite=Strict cookie). Either way they
   * must still be active and hold CanConfigureCompany in this company.
   */
  async function testerOf(em: EntityManager, company: Company, userId?: string, req?: Request): Promise<Principal> {
    let ids: { companyId: string; userId: string } | undefined;
    if (userId) ids = { companyId: company.id, userId };
    else {
      const token = req ? sessionCookieOf(req) : undefined;
      const claims = token ? await deps.tokens.verify(token).catch(() => null) : null;
      if (claims?.typ === "session" && claims.sub) ids = { companyId: claims.company, userId: claims.sub };
    }
    if (!ids) throw new SsoProtocolRefusal("a test sign-in needs an administrator signed in to the console; sign in and start the test again", null, null, 401);
    const principal = await loadSessionPrincipal(sqlOf(em), ids, { kind: "session" });
    if (principal.companyId !== company.id || !principal.permissions.has(Permission.CanConfigureCompany)) {
      throw new SsoProtocolRefusal("a test sign-in needs CanConfigureCompany in this company", null, null, 403);
    }
    return principal;
  }

  return router;
}
