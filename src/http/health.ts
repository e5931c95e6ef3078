import type { MikroORM } from "@mikro-orm/postgresql";
import { type Router, Router as createRouter } from "express";
import { pendingMigrations } from "../db/migrate.js";

/**
 * `/healthz`: the process is up (no dependencies, for liveness probes).
 * `/readyz`: the database answers and every migration is applied (for readiness probes and load balancers).
 */
export function healthRoutes(orm: MikroORM): Router {
  const router = createRouter();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    try {
      // One query answers both: the database is reachable, and which migrations it still lacks.
      const pending = await withTimeout(pendingMigrations(orm), 2_000);
      if (pending.length > 0) {
        res.status(503).json({ status: "unavailable", reason: "migrations pending", pending });
        return;
      }
      res.json({ status: "ok" });
    } catch {
      res.status(503).set("Retry-After", "5").json({ status: "unavailable", reason: "database unreachable" });
    }
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
