import { existsSync } from "node:fs";
import path from "node:path";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { BUILT_CONSOLE_DIR } from "./admin-console.route.js";
import { browserPageHeaders } from "./browser-page-headers.js";

/**
 * `GET /graphql` from a browser: the GraphQL explorer (GraphiQL, bundled with the admin console
 * by Vite into explorer.html and /admin/assets), in place of Apollo's landing page, which loads
 * its sandbox from a CDN. Only a GET that prefers HTML and carries no `query` gets the page; every
 * other request (POST, a GET operation, a script asking for JSON) goes on to Apollo unchanged.
 */
export function graphqlExplorer(dir: string = BUILT_CONSOLE_DIR): RequestHandler {
  // GraphiQL's stylesheet embeds its fonts as data: URLs.
  const headers = browserPageHeaders({ fontsFromData: true });
  const page = path.join(dir, "explorer.html");
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || req.query.query !== undefined) return next();
    // A browser's Accept lists text/html first; curl's */* or a client's application/json does not.
    if (req.accepts(["application/json", "text/html"]) !== "text/html") return next();
    headers(req, res, () => {
      res.set("Cache-Control", "no-cache");
      if (!existsSync(page)) {
        res.status(404).type("text/plain").send("The GraphQL explorer is not built: run `npm run build` (npm start does).");
        return;
      }
      // root: only the file name is checked for dot-segments, not the folder the build lives in (.build/…).
      res.sendFile("explorer.html", { root: dir });
    });
  };
}
