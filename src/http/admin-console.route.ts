import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";
import { browserPageHeaders } from "./browser-page-headers.js";

/**
 * Where `npm run build` puts the console that Vite built from admin/: beside the compiled src/,
 * in the same build folder (dist/admin).
 */
export const BUILT_CONSOLE_DIR = fileURLToPath(new URL("../../admin", import.meta.url));

/**
 * `/admin`: the admin console, a browser app built by Vite into static files, served under a
 * Content-Security-Policy that admits only its own bundled scripts and styles and lets it talk only
 * to this origin: no inline script, no CDN, no framing. Every path that is not a file gets
 * index.html, so the console's own routes (/admin/integrations/scim) survive a reload.
 */
export function adminConsoleRoutes(dir: string = BUILT_CONSOLE_DIR): Router {
  const router = Router();
  const headers = browserPageHeaders();
  // A Vite build leaves its manifest; the admin/ sources (a checkout run without a build) do not.
  const built = existsSync(path.join(dir, ".vite", "manifest.json"));
  router.use("/admin", headers, (req, res, next) => {
    if (built) return next();
    res.status(404).type("text/plain").send("The admin console is not built: run `npm run build` (npm start does).");
  });
  // Hashed file names never change content: cache them for good; index.html is always asked anew.
  router.use("/admin/assets", express.static(path.join(dir, "assets"), { immutable: true, maxAge: "1y", index: false }), (_req, res) => {
    res.status(404).type("text/plain").send("no such file");
  });
  // The files Vite copied from admin/public (the icon).
  router.use("/admin", express.static(dir, { index: false }));
  router.get(/^\/admin(\/.*)?$/, (req, res) => {
    res.set("Cache-Control", "no-cache");
    // root: only the file name is checked for dot-segments, not the folder the build lives in (.build/…).
    res.sendFile("index.html", { root: dir });
  });
  return router;
}
