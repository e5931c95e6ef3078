/**
 * The SCIM 2.0 service provider at /scim/v2 (RFC 7644): one generic registration per resource
 * handler (as Zitadel's `mapResource`), the discovery endpoints (RFC 7644 §4), the
 * authentication and authorization gate, and the one place errors become RFC 7644 §3.12 bodies.
 * It runs GraphQL operations only, through the executor it is given, so SCIM reads and writes go
 * through the same core, with the same tenant, permission and audit rules, as every other caller.
 */
import { Router, type NextFunction, type Request, type Response } from "express";
import { resourceTypes } from "./discovery/resource-types.js";
import { schemaResources } from "./discovery/schemas.js";
import { serviceProviderConfig } from "./discovery/service-provider-config.js";
import { ScimError } from "./errors.js";
import { OperationRunner, type GraphQLExecutor } from "./execute.js";
import { resourceLocation } from "./messages/meta.js";
import { etagOf, noneMatch, parseIfMatch } from "./messages/versions.js";
import { parseBulkRequest } from "./messages/bulk-request.js";
import { listQueryFromParameters, listQueryFromSearchRequest } from "./messages/search-request.js";
import { sendScim, sendScimError } from "./media-type.js";
import type { ResourceResult, ScimRequestScope, ScimResourceHandler } from "./resource-handler.js";
import { requestStateOf } from "./request-state.js";
import { runBulk } from "./bulk/run-bulk.js";
import { GroupsHandler } from "./groups/groups.handler.js";
import { UsersHandler } from "./users/users.handler.js";

/** The permission a SCIM principal must hold, besides belonging to a company with SCIM enabled. */
export const SCIM_PERMISSION = "CanProvisionUsersAsSCIM";

export interface ScimRouterOptions {
  execute: GraphQLExecutor;
  /** PUBLIC_BASE_URL: meta.location and Location are absolute URIs under it (RFC 7643 §3.1). */
  publicBaseUrl?: string;
  handlers?: ScimResourceHandler[];
  /**
   * Where unexpected errors are reported, with the request id (a Bulk operation's own id, which
   * its result quotes); clients only see a generic 500.
   */
  logError?: (err: unknown, requestId: string) => void;
}

export function createScimRouter(options: ScimRouterOptions): Router {
  const handlers = options.handlers ?? [new UsersHandler(), new GroupsHandler()];
  const served = new Set(handlers.map((h) => h.resourceType));
  const router = Router();

  // RFC 7644 §4: discovery describes the service, not a tenant, so it is served to any caller.
  const discovery = (build: (baseUrl: string) => unknown) => (req: Request, res: Response) => sendScim(res, 200, build(baseUrlOf(req, options)));
  router.get("/ServiceProviderConfig", discovery((base) => serviceProviderConfig(base)));
  router.get("/ResourceTypes", discovery((base) => listOf(resourceTypes(base, served))));
  router.get("/ResourceTypes/:id", (req, res) => {
    const found = resourceTypes(baseUrlOf(req, options), served).find((r) => r.id === req.params.id);
    if (!found) return sendScimError(req, res, ScimError.notFound(`no resource type ${String(req.params.id).slice(0, 100)}`));
    sendScim(res, 200, found);
  });
  router.get("/Schemas", discovery((base) => listOf(schemaResources(base, served))));
  router.get("/Schemas/:id", (req, res) => {
    const id = String(req.params.id).toLowerCase();
    const found = schemaResources(baseUrlOf(req, options), served).find((s) => String(s.id).toLowerCase() === id);
    if (!found) return sendScimError(req, res, ScimError.notFound(`no schema ${String(req.params.id).slice(0, 200)}`));
    sendScim(res, 200, found);
  });

  router.use(guard(options));

  for (const handler of handlers) registerResource(router, handler, options);

  registerBulk(router, handlers, options);
  router.use((req, res) => sendScimError(req, res, ScimError.notFound(`no SCIM endpoint ${req.method} ${req.path.slice(0, 200)}`)));
  router.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ScimError) return sendScimError(req, res, err);
    // express raises a URIError (status 400) for an id whose %-encoding does not decode
    // (`/Users/%E0%A4%A`): the client's to fix, not an internal error.
    if (err instanceof URIError) {
      return sendScimError(req, res, new ScimError(400, undefined, "the request URL is not well-formed (RFC 3986 percent-encoding)"));
    }
    options.logError?.(err, req.requestId);
    sendScimError(req, res, ScimError.internal());
  });
  return router;
}

/** GET/POST/PUT/PATCH/DELETE and POST /.search for one resource type (RFC 7644 §3.2). */
function registerResource(router: Router, handler: ScimResourceHandler, options: ScimRouterOptions): void {
  const { endpoint } = handler;
  const scoped =
    (work: (scope: ScimRequestScope, req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response, next: NextFunction) => {
      try {
        requestStateOf(res).resource = { type: handler.resourceType, id: typeof req.params.id === "string" ? req.params.id : undefined };
        await work(scopeOf(req, res, options), req, res);
      } catch (err) {
        next(err);
      }
    };
  const single = (res: Response, status: number, result: ResourceResult, location?: string) => {
    requestStateOf(res).resource = { type: handler.resourceType, id: result.id };
    res.setHeader("ETag", etagOf(result.version));
    if (result.noContent) {
      res.status(204).end();
      return;
    }
    if (location) res.setHeader("Location", location);
    sendScim(res, status, result.resource);
  };
  const locationOf = (scope: ScimRequestScope, id: string) => resourceLocation(scope.baseUrl, endpoint, id);

  router.get(endpoint, scoped(async (scope, req, res) => sendScim(res, 200, await handler.list(scope, listQueryFromParameters(req.query as Record<string, unknown>)))));
  router.post(`${endpoint}/.search`, scoped(async (scope, req, res) => {
    const query = listQueryFromSearchRequest(req.body);
    sendScim(res, 200, await handler.list({ ...scope, attributes: query.attributes, excludedAttributes: query.excludedAttributes }, query));
  }));
  router.get(
    `${endpoint}/:id`,
    scoped(async (scope, req, res) => {
      const result = await handler.get(scope, String(req.params.id));
      // RFC 7644 §3.14, RFC 9110 §13.1.2: the client's copy is current; answer with the ETag and no body.
      if (noneMatch(req.headers["if-none-match"], result.version)) {
        requestStateOf(res).resource = { type: handler.resourceType, id: result.id };
        res.status(304).setHeader("ETag", etagOf(result.version));
        res.end();
        return;
      }
      single(res, 200, result);
    }),
  );
  router.post(endpoint, scoped(async (scope, req, res) => {
    const result = await handler.create(scope, req.body);
    single(res, 201, result, locationOf(scope, result.id));
  }));
  router.put(`${endpoint}/:id`, scoped(async (scope, req, res) => {
    const result = await handler.replace(scope, String(req.params.id), req.body);
    single(res, 200, result, locationOf(scope, result.id));
  }));
  router.patch(`${endpoint}/:id`, scoped(async (scope, req, res) => single(res, 200, await handler.patch(scope, String(req.params.id), req.body))));
  router.delete(`${endpoint}/:id`, scoped(async (scope, req, res) => {
    await handler.delete(scope, String(req.params.id));
    res.status(204).end();
  }));
}

/**
 * POST /Bulk (RFC 7644 §3.7): the BulkRequest is read whole first, so a malformed one changes
 * nothing; then each operation runs as the request of its own it stands for, with its own request
 * id, runner and ProvisioningEvent, through the same handlers as the other routes.
 */
function registerBulk(router: Router, handlers: ScimResourceHandler[], options: ScimRouterOptions): void {
  router.post("/Bulk", async (req, res, next) => {
    try {
      const request = parseBulkRequest(req.body, handlers.map((h) => h.endpoint));
      const state = requestStateOf(res);
      state.bulk = true;
      const baseUrl = baseUrlOf(req, options);
      const response = await runBulk(request, {
        handlers,
        baseUrl,
        basePath: req.baseUrl,
        scopeFor: (op) => ({
          runner: new OperationRunner(options.execute, req.principal!, {
            requestId: op.requestId,
            method: op.method,
            path: op.path.slice(0, 2000),
            startedAt: op.startedAt,
            normalizations: op.notes,
          }),
          baseUrl,
          ifMatch: op.ifMatch,
          notes: op.notes,
        }),
        record: (outcome) => state.recordOperation?.(outcome),
        logError: (err, requestId) => options.logError?.(err, requestId),
      });
      sendScim(res, 200, response);
    } catch (err) {
      next(err);
    }
  });
}

/**
 * 401 without valid credentials (with WWW-Authenticate, RFC 7644 §2); 403 when the account lacks
 * CanProvisionUsersAsSCIM or the company's SCIM feature is off, with a detail that says which.
 */
function guard(options: ScimRouterOptions) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const principal = req.principal;
      if (!principal) {
        const authError = req.authError;
        if (authError && (authError as { code?: string }).code === "FORBIDDEN") throw ScimError.forbidden(authError.message);
        if (authError && (authError as { code?: string }).code === "SERVICE_UNAVAILABLE") {
          throw new ScimError(503, undefined, authError.message, { "Retry-After": "5" });
        }
        throw ScimError.unauthenticated(authError?.message ?? "authentication required: send HTTP Basic (Client ID and Client Secret) or a Bearer token");
      }
      if (!(principal.permissions as ReadonlySet<string>).has(SCIM_PERMISSION)) {
        throw ScimError.forbidden(`the account ${principal.userName} lacks the ${SCIM_PERMISSION} permission`);
      }
      // Read with the principal on this request, so switching the feature off takes effect at once.
      if (!principal.scimEnabled) {
        throw ScimError.forbidden("SCIM identity management is switched off for this company; a platform operator can switch it on");
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

function scopeOf(req: Request, res: Response, options: ScimRouterOptions): ScimRequestScope {
  const state = requestStateOf(res);
  const selection = listQueryFromParameters(req.query as Record<string, unknown>);
  state.runner = new OperationRunner(options.execute, req.principal!, {
    requestId: req.requestId,
    method: req.method,
    path: req.originalUrl.slice(0, 2000),
    startedAt: state.startedAt,
    normalizations: state.notes,
  });
  return {
    runner: state.runner,
    baseUrl: baseUrlOf(req, options),
    ifMatch: parseIfMatch(req.headers["if-match"]),
    notes: state.notes,
    attributes: selection.attributes,
    excludedAttributes: selection.excludedAttributes,
  };
}

/**
 * Whether If-None-Match names the current version: `*`, or a list of entity tags compared weakly
 * (RFC 9110 §13.1.2: `W/"3"` and `"3"` match version 3).
 */
const SAFE_HOST = /^[A-Za-z0-9.\-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

function baseUrlOf(req: Request, options: ScimRouterOptions): string {
  if (options.publicBaseUrl) return `${options.publicBaseUrl.replace(/\/$/, "")}${req.baseUrl}`;
  const host = req.get("host");
  return `${req.protocol}://${host && SAFE_HOST.test(host) ? host : "localhost"}${req.baseUrl}`;
}

function listOf(resources: Record<string, unknown>[]) {
  return {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
    totalResults: resources.length,
    itemsPerPage: resources.length,
    startIndex: 1,
    Resources: resources,
  };
}
