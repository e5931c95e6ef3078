import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * The security headers of a page rolebridge serves to browsers (the admin console, the GraphQL
 * explorer): scripts and styles only from this origin and never inline, requests only to this
 * origin, no plugins, no framing. `fontsFromData` admits fonts embedded as data: URLs (GraphiQL's
 * stylesheet carries its fonts that way).
 */
export function browserPageHeaders(options: { fontsFromData?: boolean } = {}): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: options.fontsFromData ? ["'self'", "data:"] : ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}
