import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { resolvePrincipal } from "../auth/resolve-principal.js";
import { createContext, type GraphQLContext } from "../graphql/context.js";
import { formatError } from "../graphql/errors.js";
import type { Services } from "../services.js";
import { requestId } from "./request-id.js";

export interface HttpApp {
  app: Express;
  stop(): Promise<void>;
}

/** Assembles the HTTP surface: /graphql (Apollo on express 5) and the health endpoints. */
export async function createHttpApp(services: Services, schema: GraphQLSchema, log: Logger): Promise<HttpApp> {
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError: (formatted, error) => formatError(formatted, error, (err) => log.error({ err }, "unexpected GraphQL error")),
    includeStacktraceInErrorResponses: false,
    introspection: true,
  });
  await apollo.start();

  const app = express();
  app.disable("x-powered-by");
  app.use(requestId());
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    resolvePrincipal(services.orm, services.tokens),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(services, req.principal ?? null, { requestId: req.requestId, authError: req.authError }),
    }),
  );
  return { app, stop: () => apollo.stop() };
}
