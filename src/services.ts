import type { MikroORM } from "@mikro-orm/postgresql";
import { TokenService } from "./auth/jwt.js";
import type { Config } from "./config.js";
import { CompanyService } from "./domain/companies/company.service.js";

/**
 * The typed services object, built once by the composition root (STYLE §3.4) and handed to the
 * GraphQL context; no global container.
 */
export interface Services {
  orm: MikroORM;
  config: Config;
  tokens: TokenService;
  companies: CompanyService;
}

export function createServices(orm: MikroORM, config: Config): Services {
  return {
    orm,
    config,
    tokens: new TokenService(orm, config.JWT_ISSUER, Math.max(config.SESSION_TTL_SECONDS, 86_400)),
    companies: new CompanyService(),
  };
}
