import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { resolvePrincipal } from "../auth/resolve-principal.js";
import { resolveScimPrincipal } from "../auth/resolve-scim-principal.js";
import { createInProcessExecutor } from "../graphql/execute-in-process.js";
import { scimBodyParser } from "../scim/media-type.js";
import { createScimRouter } from "../scim/router.js";
import { recordScimRequests } from "../scim/request-record.js";
import { reportRoutes } from "./reports.route.js";
import { createContext, type GraphQLContext } from "../graphql/context.js";
import { formatError } from "../graphql/errors.js";
import helmet from "helmet";
import { armor, introspectionForAuthenticatedOnly } from "../graphql/limits.js";
import { suggestionsForAuthenticatedDevelopers } from "../graphql/suggestions.js";
import type { Services } from "../services.js";
import { lastResortErrorHandler } from "./error-handler.js";
import { depthOver, MAX_BODY_DEPTH } from "../body-depth.js";
import { healthRoutes } from "./health.js";
import { Metrics } from "./metrics.js";
import { requestId } from "./request-id.js";
import { requestLog } from "./request-log.js";
import { jwksRoute } from "../auth/jwks.route.js";
import { oauth2TokenRoute } from "../auth/oauth2-token.route.js";
import { oauthMetadataRoute } from "../auth/oauth-metadata.route.js";
import { consoleSessionRoute } from "../auth/console-session.route.js";
import { ssoRoutes } from "../auth/sso/sso.routes.js";
import { publicBaseUrl } from "../auth/public-base-url.js";
import { SsoFlowCookie } from "../auth/sso/sso-flow-state.js";
import { OidcFlow } from "../auth/sso/oidc/oidc-flow.js";
import { SamlFlow } from "../auth/sso/saml/saml-flow.js";
import { SamlRequestStore } from "../auth/sso/saml/saml-request.store.js";
import { SamlResponseValidator } from "../auth/sso/saml/saml-response.js";
import { AssertionReplayStore } from "../auth/sso/saml/assertion-replay.store.js";
import { consoleImpersonationRoute } from "../auth/console-impersonation.route.js";
import { adminConsoleRoutes } from "./admin-console.route.js";
import { graphqlExplorer } from "./graphql-explorer.route.js";
import { answerRefusedLogins, answerRefusedScimAttempts, trustProxySetting } from "./rate-limit.js";

export interface HttpApp {
  app: Express;
  metrics: Metrics;
  stop(): Promise<void>;
}

/** Assembles the HTTP surface: /graphql (Apollo on express 5) and the health endpoints. */
export async function createHttpApp(services: Services, schema: GraphQLSchema, log: Logger): Promise<HttpApp> {
  const production = services.config.NODE_ENV === "production";
  const limits = armor();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError: (formatted, error) => formatError(formatted, error, (err) => log.error({ err }, "unexpected GraphQL error")),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // Batched HTTP requests stay off (Apollo's default): one document per request keeps cost limits meaningful.
    allowBatchedHttpRequests: false,
    // main.ts owns SIGINT/SIGTERM (drain HTTP, stop Apollo, close the database, exit 0); Apollo's own
    // handlers would stop it concurrently and re-raise the signal, hanging or killing that shutdown.
    stopOnTerminationSignals: false,
    plugins: [
      // A browser at /graphql gets the bundled explorer (graphqlExplorer) instead of Apollo's
      // landing page, whose sandbox comes from a CDN that the Content-Security-Policy refuses.
      ApolloServerPluginLandingPageDisabled(),
      ...(limits.plugins as ApolloServerPlugin<GraphQLContext>[]),
      introspectionForAuthenticatedOnly(production),
      suggestionsForAuthenticatedDevelopers(services.config.NODE_ENV === "development"),
      answerRefusedLogins(log),
    ],
    validationRules: limits.validationRules,
    // The token limit is enforced by graphql-js while it parses (src/graphql/limits.ts): a 400.
    parseOptions: limits.parseOptions,
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer the client IP (brute-force counting) comes from X-Forwarded-For.
  if (services.config.TRUST_PROXY) app.set("trust proxy", trustProxySetting(services.config.TRUST_PROXY));
  // The brute-force counters (with REDIS_URL, the connection: a wrong URL fails the start).
  await services.authAttempts.open();
  app.use(requestId());
  app.use(requestLog(log));
  const metrics = new Metrics(services.orm, services.credentialChecks);
  app.use(metrics.middleware());
  // SCIM 2.0: the provisioning record of every request (a change records itself in its own
  // transaction; the rest go to the batch after the response) → body parsing (application/scim+json
  // or application/json, 1 MB) → credentials, a Client Secret compared within its brute-force slot
  // → 429 for an attempt the limits refused → the facade, which runs GraphQL operations in process
  // against the same schema.
  const logUnexpected = (err: unknown) => log.error({ err }, "unexpected error in a SCIM request");
  app.use(
    "/scim/v2",
    recordScimRequests((request) => services.provisioningEvents.add(request)),
    scimBodyParser(),
    resolveScimPrincipal(services.orm, services.tokens, services.credentialChecks, services.authAttempts),
    answerRefusedScimAttempts(log),
    createScimRouter({
      execute: createInProcessExecutor(schema, services, logUnexpected),
      publicBaseUrl: services.config.PUBLIC_BASE_URL,
      logError: (err, requestId) => log.error({ err, requestId }, "unexpected error in a SCIM request"),
    }),
  );
  app.use(healthRoutes(services.orm));
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // Security headers for browser-facing routes; SCIM clients are servers and get plain SCIM responses.
  // The admin console sets its own, stricter ones.
  const headers = helmet();
  const ownHeaders = (path: string) => path.startsWith("/scim/") || (/^\/admin(\/|$)/.test(path) && !path.startsWith("/admin/session"));
  app.use((req, res, next) => (ownHeaders(req.path) ? next() : headers(req, res, next)));
  // The admin console: its cookie session (sign-in through the same LoginService as the login
  // mutation) and its static files.
  app.use(consoleSessionRoute(services.orm, services.login));
  // Single sign-on: /sso/:company starts a sign-in at the company's IdP; each protocol verifies
  // the answer, and the shared sign-in service opens the same console session.
  const ssoFlowCookie = new SsoFlowCookie(services.ssoSecrets);
  const samlRequests = new SamlRequestStore();
  const samlFlow = new SamlFlow(samlRequests, new SamlResponseValidator(samlRequests, new AssertionReplayStore()));
  app.use(
    ssoRoutes({
      orm: services.orm,
      config: services.config,
      tokens: services.tokens,
      login: services.login,
      limits: services.authAttempts,
      signIn: services.ssoSignIn,
      // One flow per protocol; each mounts its own routes under /sso/:company/<protocol>/.
      flows: [new OidcFlow(services.ssoConnections, ssoFlowCookie), samlFlow],
      logError: (err) => log.error({ err }, "unexpected error in a single sign-on"),
    }),
  );
  app.use(consoleImpersonationRoute(services.orm, services.tokens, services.impersonation));
  app.use(adminConsoleRoutes(services.config.ADMIN_CONSOLE_DIR));
  // The users-and-roles CSV, authenticated with the same bearer session as /graphql.
  app.use(reportRoutes(services));
  // OAuth 2.0 client credentials for IdPs that fetch their own token (SailPoint), its keys and metadata.
  app.use("/oauth2/token", oauth2TokenRoute(services, log));
  app.use(jwksRoute(services.tokens), oauthMetadataRoute(services.config, services.issuer));
  app.use(
    "/graphql",
    graphqlExplorer(services.config.ADMIN_CONSOLE_DIR),
    express.json({ limit: "1mb" }),
    refuseDeepBodies,
    resolvePrincipal(services.orm, services.tokens, { sessionCookie: true }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(services, req.principal ?? null, {
          requestId: req.requestId,
          authError: req.authError,
          clientIp: req.ip,
          baseUrl: publicBaseUrl(req, services.config),
        }),
    }),
  );
  // Errors no route answered (the database failing while credentials are resolved): 503 or a
  // JSON 500, never express's HTML page with a stack trace.
  app.use(lastResortErrorHandler(log));
  return {
    app,
    metrics,
    stop: async () => {
      await apollo.stop();
      await services.authAttempts.close();
      // Reads and refusals still queued for the provisioning log.
      await services.provisioningEvents.close();
    },
  };
}

/** A GraphQL request nested deeper than any real one is refused as a bad request, before any resolver sees it. */
function refuseDeepBodies(req: Request, res: Response, next: NextFunction): void {
  if (!depthOver(req.body, MAX_BODY_DEPTH)) return next();
  res.status(400).json({
    errors: [{ message: `the request body is nested more than ${MAX_BODY_DEPTH} levels deep; no GraphQL request is`, extensions: { code: "BAD_REQUEST" } }],
  });
}
