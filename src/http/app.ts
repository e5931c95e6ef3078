import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { resolvePrincipal } from "../auth/resolve-principal.js";
import { createContext, type GraphQLContext } from "../graphql/context.js";
import { formatError } from "../graphql/errors.js";
import helmet from "helmet";
import { armor, introspectionForAuthenticatedOnly } from "../graphql/limits.js";
import type { Services } from "../services.js";
import { healthRoutes } from "./health.js";
import { Metrics } from "./metrics.js";
import { requestId } from "./request-id.js";
import { requestLog } from "./request-log.js";

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
    plugins: [...(limits.plugins as ApolloServerPlugin<GraphQLContext>[]), introspectionForAuthenticatedOnly(production)],
    validationRules: limits.validationRules,
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.use(requestId());
  app.use(requestLog(log));
  const metrics = new Metrics(services.orm);
  app.use(metrics.middleware());
  app.use(healthRoutes(services.orm));
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  // Security headers for browser-facing routes; SCIM clients are servers and get plain SCIM responses.
  const headers = helmet();
  app.use((req, res, next) => (req.path.startsWith("/scim/") ? next() : headers(req, res, next)));
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    resolvePrincipal(services.orm, services.tokens),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(services, req.principal ?? null, { requestId: req.requestId, authError: req.authError }),
    }),
  );
  return { app, metrics, stop: () => apollo.stop() };
}
