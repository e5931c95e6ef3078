/** What `npm start -- --help` prints: how the server is started and configured, and where the CLI is. */
export const SERVER_USAGE = [
  "usage: npm start [-- --help]",
  "",
  "Applies the database migrations, then serves GraphQL at /graphql and SCIM 2.0 at /scim/v2.",
  "On an empty database it first creates the demo company and prints its admin login and the",
  "demo IdP's app password, once.",
  "",
  "Settings come from the environment (README, Settings), among them:",
  "  DATABASE_URL     an existing PostgreSQL; unset: an embedded PostgreSQL under DATA_DIR",
  "  DATA_DIR         the embedded PostgreSQL's data (default ./.data)",
  "  EMBEDDED_PG_PORT the embedded PostgreSQL's port (default 54329)",
  "  HOST, PORT       where the HTTP server listens (default 127.0.0.1:4000)",
  "  PUBLIC_BASE_URL  the absolute base URL clients use, e.g. https://rolebridge.example.com",
  "  LOG_LEVEL        fatal, error, warn, info (default), debug, trace or silent",
  "  SMTP_URL         smtp://user:pass@host:587 for invitation emails; unset: kept in the outbox",
  "",
  "Companies, accounts, app passwords and the SCIM feature flag: npm run cli -- --help",
].join("\n");
