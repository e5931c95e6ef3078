import { z } from "zod";

/** Every setting rolebridge reads, parsed once at start (README "Settings" documents each). */
const ConfigSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default("./.data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  PUBLIC_BASE_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Unset: readable lines when stdout is a terminal, JSON lines otherwise. */
  LOG_FORMAT: z.enum(["pretty", "json"]).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SESSION_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
  JWT_ISSUER: z.string().min(1).optional(),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  /** Lifetime of an OAuth 2.0 access token from POST /oauth2/token. */
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().max(86_400).default(3600),
  /** Brute-force counters are shared through this Redis when set (several instances); in memory otherwise. */
  REDIS_URL: z.string().url().optional(),
  /** Prefix of rolebridge's Redis keys (several deployments, or test runs, may share one Redis). */
  REDIS_KEY_PREFIX: z.string().default("rolebridge:"),
  /** Failed authentications per Client ID, or per userName at login, before 429 (per window). */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Failed authentications per client IP before 429 (per window); higher, since IdPs share egress IPs. */
  AUTH_FAILURE_IP_LIMIT: z.coerce.number().int().positive().default(100),
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().positive().max(86_400).default(300),
  /** Express "trust proxy": unset trusts no proxy (the socket address is the client IP). */
  TRUST_PROXY: z.string().optional(),
  /** `smtp://user:pass@host:587` or `smtps://…`: where invitation emails are sent. Unset: they are kept in the outbox (and, in development, their links logged). */
  SMTP_URL: z.string().url().optional(),
  /** The From address of rolebridge's emails (RFC 5322 mailbox). */
  MAIL_FROM: z.string().min(3).default("rolebridge <no-reply@localhost>"),
  /** The built admin console served at /admin; unset: the one `npm run build` put beside the compiled server. */
  ADMIN_CONSOLE_DIR: z.string().min(1).optional(),
  /**
   * AES-256-GCM key (base64 of 32 bytes) encrypting SSO client secrets at rest. Unset: in
   * development a key generated once and kept in the database; production refuses to store secrets.
   */
  SSO_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be the base64 of 32 random bytes (openssl rand -base64 32)")
    .optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")),
  );
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`invalid configuration: ${problems}`);
  }
  return parsed.data;
}
