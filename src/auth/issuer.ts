import type { Config } from "../config.js";

/**
 * The `iss` of the tokens rolebridge signs and the `issuer` of its OAuth metadata. RFC 8414 §2
 * makes the issuer the authorization server's own URL, and strict OAuth clients compare the two,
 * so it is JWT_ISSUER when set, else PUBLIC_BASE_URL, else the URL the server listens on (known
 * once it is bound, since PORT=0 lets the system pick the port).
 */
export class Issuer {
  private readonly configured?: string;
  private listening?: string;

  constructor(private readonly config: Pick<Config, "JWT_ISSUER" | "PUBLIC_BASE_URL" | "HOST" | "PORT">) {
    this.configured = config.JWT_ISSUER ?? config.PUBLIC_BASE_URL?.replace(/\/$/, "");
  }

  /** The server's absolute base URL, once it listens. */
  listeningOn(baseUrl: string): void {
    this.listening = baseUrl.replace(/\/$/, "");
  }

  get value(): string {
    if (this.configured) return this.configured;
    if (this.listening) return this.listening;
    const host = this.config.HOST === "0.0.0.0" ? "localhost" : this.config.HOST;
    return `http://${host}:${this.config.PORT}`;
  }
}
