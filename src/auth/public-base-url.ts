import type { Request } from "express";
import type { Config } from "../config.js";

/** A Host header that is a host name or address with an optional port, nothing a URL could be bent with. */
const SAFE_HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/** The absolute base URL clients reach rolebridge at: PUBLIC_BASE_URL, else the request's own scheme and host. */
export function publicBaseUrl(req: Request, config: Pick<Config, "PUBLIC_BASE_URL">): string {
  if (config.PUBLIC_BASE_URL) return config.PUBLIC_BASE_URL.replace(/\/$/, "");
  const host = req.get("host");
  return `${req.protocol}://${host && SAFE_HOST.test(host) ? host : "localhost"}`;
}
