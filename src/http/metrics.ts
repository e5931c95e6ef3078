import type { MikroORM } from "@mikro-orm/postgresql";
import type { NextFunction, Request, Response } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { CredentialChecks } from "../auth/credential-checks.js";

/**
 * Prometheus metrics (prom-client) for operators: request counts and latency by route and status,
 * the database pool, provisioning outcomes, and comparisons of presented secrets. One registry per
 * app, so tests can run several.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: "rolebridge_http_requests_total",
    help: "HTTP requests by method, route and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: "rolebridge_http_request_duration_seconds",
    help: "HTTP request latency by method, route and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly provisioningOutcomes = new Counter({
    name: "rolebridge_provisioning_requests_total",
    help: "SCIM requests by resource type and outcome (success or failure) and status.",
    labelNames: ["resource_type", "outcome", "status"] as const,
    registers: [this.registry],
  });

  constructor(orm: MikroORM, credentialChecks: CredentialChecks) {
    collectDefaultMetrics({ register: this.registry, prefix: "rolebridge_" });
    this.registry.registerMetric(credentialChecks.counter);
    const pool = () => (orm.em.getConnection().getKnex().client as { pool?: PoolStats }).pool;
    new Gauge({
      name: "rolebridge_db_pool_connections",
      help: "Database pool connections by state (used, free, pending acquires).",
      labelNames: ["state"] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: "used" }, p.numUsed());
        this.set({ state: "free" }, p.numFree());
        this.set({ state: "pending" }, p.numPendingAcquires());
      },
    });
  }

  /** Times every request; the route label is the matched route pattern, never the raw path (bounded cardinality). */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const end = this.httpDuration.startTimer();
      res.on("finish", () => {
        const route = routeLabel(req);
        const labels = { method: req.method, route, status: String(res.statusCode) };
        end(labels);
        this.httpRequests.inc(labels);
        // Provisioning outcomes, as the ProvisioningEvent of the same request records them:
        // success below 400, failure from 400 on.
        if (req.originalUrl.startsWith("/scim/")) {
          const resource = (res.locals as { scim?: { resource?: { type?: string } } }).scim?.resource?.type ?? "none";
          this.provisioningOutcomes.inc({ resource_type: resource, outcome: res.statusCode < 400 ? "success" : "failure", status: String(res.statusCode) });
        }
      });
      next();
    };
  }
}

interface PoolStats {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

function routeLabel(req: Request): string {
  const pattern = req.route?.path;
  if (typeof pattern === "string") return `${req.baseUrl}${pattern}`;
  const path = req.originalUrl.split("?")[0] ?? "";
  // SCIM resources: keep the resource type, drop the id.
  const scim = /^(\/scim\/v2\/[A-Za-z]+)(\/[^/]+)?/.exec(path);
  if (scim) return scim[2] ? (scim[2] === "/.search" ? `${scim[1]}/.search` : `${scim[1]}/:id`) : scim[1]!;
  if (["/graphql", "/healthz", "/readyz", "/metrics", "/oauth2/token", "/.well-known/jwks.json"].includes(path)) return path;
  return "other";
}
