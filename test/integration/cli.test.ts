import { createHash } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/domain/users/password.js";
import { type Build, buildApp, type CliResult, runBuiltCli } from "../setup/build.js";
import { cloneTemplateDatabase } from "../setup/db.js";

/** The built CLI as a child process against this file's own database, as an operator runs it. */
let build: Build;
let databaseUrl: string;
let db: pg.Client;

function cli(...args: string[]): Promise<CliResult> {
  return runCli(args);
}

/** The CLI with `input` piped to its stdin, or against another database. */
function runCli(args: string[], opts: { input?: string; databaseUrl?: string } = {}): Promise<CliResult> {
  return runBuiltCli(build, args, opts.databaseUrl ?? databaseUrl, { input: opts.input });
}

async function rows<T = Record<string, any>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)).rows as T[];
}

/** A failure is one line on stderr and exit code 1: no stack trace. */
function expectOneLineError(res: { code: number | string; stderr: string }, message: RegExp) {
  expect(res.code).toBe(1);
  const lines = res.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines[0]).toMatch(message);
  expect(res.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  build = await buildApp({ cli: true });
  databaseUrl = await cloneTemplateDatabase();
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});
afterAll(async () => {
  await db?.end();
  await build?.remove();
});

describe("npm run cli", () => {
  it("create-company creates a company with its default app-access roles and SCIM off unless asked", async () => {
    const res = await cli("create-company", "--slug", "Acme", "--name", "Acme Ltd", "--json");
    expect(res.code).toBe(0);
    expect(res.json).toEqual({
      command: "create-company",
      company: { id: expect.any(String), slug: "acme", name: "Acme Ltd", scimEnabled: false },
    });
    const roles = await rows<{ name: string }>("select name from app_access_role where company_id = $1 order by name", [res.json.company.id]);
    expect(roles.map((r) => r.name)).toEqual(["Company Administrator", "SCIM Provisioner", "Viewer"]);

    const human = await cli("create-company", "--slug", "globex", "--name", "Globex", "--scim-enabled");
    expect(human.code).toBe(0);
    expect(human.stdout).toContain("Company created: globex (Globex)");
    expect(human.stdout).toContain("SCIM identity management: on");
    const [globex] = await rows("select scim_enabled from company where slug = 'globex'");
    expect(globex!.scim_enabled).toBe(true);
  });

  it("refuses a duplicate slug (ignoring case), the reserved platform slug and a bad slug with one line and exit code 1", async () => {
    expectOneLineError(await cli("create-company", "--slug", "ACME", "--name", "Again"), /company with the slug "acme" already exists/);
    const asJson = await cli("create-company", "--slug", "acme", "--name", "Again", "--json");
    expect(asJson.code).toBe(1);
    expect(asJson.json).toEqual({ error: { code: "CONFLICT", field: "slug", message: expect.stringMatching(/already exists/) } });
    expectOneLineError(await cli("create-company", "--slug", "platform", "--name", "Nope"), /reserved/);
    expectOneLineError(await cli("create-company", "--slug", "bad slug!", "--name", "Nope"), /slug must be/);
    const [{ n }] = await rows<{ n: number }>("select count(*)::int as n from company");
    expect(n).toBe(2);
  });

  it("refuses unknown commands, unknown options and missing options before touching the database", async () => {
    const unknown = await cli("make-coffee");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error: unknown command "make-coffee"/);
    expectOneLineError(await cli("create-company", "--slug", "x"), /needs --name/);
    expectOneLineError(await cli("enable-scim", "--company", "acme", "--force"), /Unknown option '--force'/);
    const help = await cli("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("generate-app-password --company S --user-name U --name N");
  });

  it("enable-scim and disable-scim switch the feature flag and leave audit events", async () => {
    const on = await cli("enable-scim", "--company", "acme", "--json");
    expect(on.json.company).toMatchObject({ slug: "acme", scimEnabled: true });
    expect((await rows("select scim_enabled from company where slug = 'acme'"))[0]!.scim_enabled).toBe(true);
    const off = await cli("disable-scim", "--company", "acme");
    expect(off.stdout.trim()).toBe("SCIM identity management is off for company acme");
    expect((await rows("select scim_enabled from company where slug = 'acme'"))[0]!.scim_enabled).toBe(false);
    await cli("enable-scim", "--company", "acme");
    const events = await rows(
      "select a.action, a.actor_user_name, a.after from audit_event a join company c on c.id = a.company_id where c.slug = 'acme' and a.action = 'company.setScimEnabled' order by a.created_at",
    );
    expect(events).toEqual([
      { action: "company.setScimEnabled", actor_user_name: "system:cli", after: { scimEnabled: true } },
      { action: "company.setScimEnabled", actor_user_name: "system:cli", after: { scimEnabled: false } },
      { action: "company.setScimEnabled", actor_user_name: "system:cli", after: { scimEnabled: true } },
    ]);
    expectOneLineError(await cli("enable-scim", "--company", "nobody"), /no company has the slug "nobody"/);
  });

  it("create-platform-operator creates the platform company once and prints a generated password once", async () => {
    const first = await cli("create-platform-operator", "--user-name", "ops@rolebridge.example", "--json");
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({
      company: { slug: "platform", created: true },
      user: { userName: "ops@rolebridge.example", isPlatformOperator: true },
      password: expect.any(String),
    });
    const [user] = await rows("select u.is_platform_operator, u.password_hash, c.is_platform from user_account u join company c on c.id = u.company_id where u.id = $1", [first.json.user.id]);
    expect(user).toMatchObject({ is_platform_operator: true, is_platform: true });
    expect(user!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.password_hash, first.json.password)).toBe(true);

    const second = await cli("create-platform-operator", "--user-name", "ops2@rolebridge.example", "--password", "Another-Good-Passw0rd");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Platform company: platform\n");
    expect(second.stdout).not.toContain("Password:");
    const [{ n }] = await rows<{ n: number }>("select count(*)::int as n from company where slug = 'platform'");
    expect(n).toBe(1);
  });

  it("create-service-account checks the company password policy and gives the SCIM Provisioner role", async () => {
    expectOneLineError(
      await cli("create-service-account", "--company", "acme", "--user-name", "scim@acme.example", "--password", "short1A"),
      /password does not satisfy the company password policy: it must be at least 12 characters long/,
    );
    expectOneLineError(
      await cli("create-service-account", "--company", "acme", "--user-name", "scim@acme.example", "--password", "scim-Passw0rd-long"),
      /must not contain the userName/,
    );
    const res = await cli("create-service-account", "--company", "acme", "--user-name", "scim@acme.example", "--json");
    expect(res.code).toBe(0);
    expect(res.json).toMatchObject({
      company: { slug: "acme" },
      user: { userName: "scim@acme.example", isServiceAccount: true, appAccessRoles: ["SCIM Provisioner"] },
      password: expect.any(String),
    });
    const roles = await rows(
      `select u.is_service_account, r.name from user_account u
         join user_direct_app_access_role d on d.user_id = u.id join app_access_role r on r.id = d.app_access_role_id
        where u.id = $1`,
      [res.json.user.id],
    );
    expect(roles).toEqual([{ is_service_account: true, name: "SCIM Provisioner" }]);
    expectOneLineError(await cli("create-service-account", "--company", "acme", "--user-name", "SCIM@acme.example"), /already exists/);
  });

  it("create-admin gives the Company Administrator role and keeps the given password", async () => {
    const res = await cli("create-admin", "--company", "acme", "--user-name", "boss@acme.example", "--password", "Chief-Passw0rd-long", "--json");
    expect(res.code).toBe(0);
    expect(res.json.user).toMatchObject({ isServiceAccount: false, appAccessRoles: ["Company Administrator"] });
    expect(res.json.password).toBeUndefined();
    const [row] = await rows("select password_hash from user_account where id = $1", [res.json.user.id]);
    expect(await verifyPassword(row!.password_hash, "Chief-Passw0rd-long")).toBe(true);
  });

  it("generate-app-password prints the secret once, stores its hash, and refuses a second active one", async () => {
    const res = await cli("generate-app-password", "--company", "acme", "--user-name", "scim@acme.example", "--name", "Okta", "--json");
    expect(res.code).toBe(0);
    expect(res.json).toMatchObject({
      appPassword: { name: "Okta", clientId: expect.stringMatching(/^rb_/), owner: { userName: "scim@acme.example" }, company: "acme" },
      clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(res.json.bearerToken).toBe(`${res.json.appPassword.clientId}.${res.json.clientSecret}`);
    const [row] = await rows("select secret_hash, revoked_at from app_password where client_id = $1", [res.json.appPassword.clientId]);
    expect(row!.revoked_at).toBeNull();
    expect(row!.secret_hash).toBe(createHash("sha256").update(res.json.clientSecret).digest("hex"));

    expectOneLineError(
      await cli("generate-app-password", "--company", "acme", "--user-name", "scim@acme.example", "--name", "again"),
      /already has an active app password.*revoke it first/,
    );
    expectOneLineError(
      await cli("generate-app-password", "--company", "acme", "--user-name", "boss@acme.example", "--name", "x"),
      /not a service account/,
    );
    expectOneLineError(await cli("generate-app-password", "--company", "acme", "--user-name", "ghost", "--name", "x"), /no user "ghost"/);
  });

  it("revoke-app-password revokes by Client ID, after which a new one can be generated; human output shows the secret lines", async () => {
    const [{ client_id }] = await rows<{ client_id: string }>("select client_id from app_password where revoked_at is null");
    const res = await cli("revoke-app-password", "--client-id", client_id, "--json");
    expect(res.code).toBe(0);
    expect(res.json.appPassword).toMatchObject({ clientId: client_id, name: "Okta", revokedAt: expect.any(String) });
    const [row] = await rows("select revoked_at from app_password where client_id = $1", [client_id]);
    expect(row!.revoked_at).toBeInstanceOf(Date);
    expectOneLineError(await cli("revoke-app-password", "--client-id", "rb_unknown"), /no app password has the Client ID rb_unknown/);

    const human = await cli("generate-app-password", "--company", "acme", "--user-name", "scim@acme.example", "--name", "Okta rotated");
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Client ID: rb_\S+$/m);
    expect(human.stdout).toMatch(/^Client Secret: [A-Za-z0-9_-]{43}$/m);

    const audit = await rows<{ action: string; actor_user_name: string; before: unknown; after: unknown }>(
      "select action, actor_user_name, before, after from audit_event where action like 'appPassword.%' order by created_at",
    );
    expect(audit.map((a) => [a.action, a.actor_user_name])).toEqual([
      ["appPassword.generate", "system:cli"],
      ["appPassword.revoke", "system:cli"],
      ["appPassword.generate", "system:cli"],
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/secret/i);
  });

  it("rotate-signing-key retires the current key and creates a new one", async () => {
    const first = await cli("rotate-signing-key", "--json");
    expect(first.code).toBe(0);
    const second = await cli("rotate-signing-key", "--json");
    expect(second.json.signingKey).toMatchObject({ kid: expect.any(String), alg: "EdDSA" });
    const keys = await rows<{ kid: string; retired: boolean }>("select kid, retired_at is not null as retired from signing_key order by created_at");
    expect(keys).toEqual([
      { kid: first.json.signingKey.kid, retired: true },
      { kid: second.json.signingKey.kid, retired: false },
    ]);
  });
  it("--help, alone or after a command, prints every command and exits 0 without opening the database", async () => {
    for (const args of [["--help"], ["list-users", "--help"], ["-h"]]) {
      const help = await runCli(args, { databaseUrl: "postgres://nobody@127.0.0.1:1/none" });
      expect(help.code, args.join(" ")).toBe(0);
      expect(help.stderr).toBe("");
      for (const usage of [
        "list-companies",
        "list-users --company S",
        "list-app-passwords --company S",
        "reset-password --company S --user-name U [--password-stdin]",
        "activate-user --company S --user-name U",
        "deactivate-user --company S --user-name U",
      ]) {
        expect(help.stdout).toContain(usage);
      }
    }
  });

  it("revoking an app password that is revoked already says so, keeps its revocation time and records nothing", async () => {
    const [okta] = await rows<{ client_id: string; revoked_at: Date }>("select client_id, revoked_at from app_password where name = 'Okta'");
    const again = await cli("revoke-app-password", "--client-id", okta!.client_id);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(
      `The app password "Okta" (Client ID ${okta!.client_id}) of scim@acme.example was already revoked, at ${okta!.revoked_at.toISOString()}; nothing changed`,
    );
    const asJson = await cli("revoke-app-password", "--client-id", okta!.client_id, "--json");
    expect(asJson.json).toMatchObject({ alreadyRevoked: true, appPassword: { clientId: okta!.client_id, revokedAt: okta!.revoked_at.toISOString() } });
    const [{ n }] = await rows<{ n: number }>("select count(*)::int as n from audit_event where action = 'appPassword.revoke'");
    expect(n).toBe(1);

    const [rotated] = await rows<{ client_id: string }>("select client_id from app_password where revoked_at is null");
    const first = await cli("revoke-app-password", "--client-id", rotated!.client_id, "--json");
    expect(first.json.alreadyRevoked).toBe(false);
    const fresh = await cli("generate-app-password", "--company", "acme", "--user-name", "scim@acme.example", "--name", "Okta 3", "--json");
    expect(fresh.code).toBe(0);
  });

  it("list-companies lists every company by slug with its SCIM flag", async () => {
    const human = await cli("list-companies");
    expect(human.code).toBe(0);
    const lines = human.stdout.trim().split("\n");
    expect(lines.map((l) => l.split("  ").slice(0, 3))).toEqual([
      ["acme", "Acme Ltd", "SCIM on"],
      ["globex", "Globex", "SCIM on"],
      ["platform", "Platform operators", "SCIM off"],
      ["3 companies"],
    ]);
    expect(lines[2]).toContain("(platform operators)");
    const asJson = await cli("list-companies", "--json");
    expect(asJson.json.companies).toEqual([
      { id: expect.any(String), slug: "acme", name: "Acme Ltd", scimEnabled: true, isPlatform: false },
      { id: expect.any(String), slug: "globex", name: "Globex", scimEnabled: true, isPlatform: false },
      { id: expect.any(String), slug: "platform", name: "Platform operators", scimEnabled: false, isPlatform: true },
    ]);
  });

  it("list-users lists a company's users by userName, with service accounts marked", async () => {
    const human = await cli("list-users", "--company", "ACME");
    expect(human.code).toBe(0);
    const [boss] = await rows<{ id: string }>("select id from user_account where user_name = 'boss@acme.example'");
    expect(human.stdout.trim().split("\n")).toEqual([
      `boss@acme.example  active  id ${boss!.id}`,
      expect.stringMatching(/^scim@acme\.example {2}active {2}service account {2}id [0-9a-f-]{36}$/),
      "2 users in company acme",
    ]);
    const asJson = await cli("list-users", "--company", "acme", "--json");
    expect(asJson.json.users).toEqual([
      { id: boss!.id, userName: "boss@acme.example", active: true, isServiceAccount: false },
      { id: expect.any(String), userName: "scim@acme.example", active: true, isServiceAccount: true },
    ]);
    expect((await cli("list-users", "--company", "globex", "--json")).json.users).toEqual([]);
    expectOneLineError(await cli("list-users", "--company", "nobody"), /no company has the slug "nobody"/);
  });

  it("list-app-passwords lists a company's app passwords, newest first, active or revoked, never a secret", async () => {
    const human = await cli("list-app-passwords", "--company", "acme");
    expect(human.code).toBe(0);
    const lines = human.stdout.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^rb_\S+ {2}"Okta 3" {2}scim@acme\.example {2}created \S+ {2}active, last used never$/);
    expect(lines[1]).toMatch(/^rb_\S+ {2}"Okta rotated" {2}scim@acme\.example {2}created \S+ {2}revoked \S+$/);
    expect(lines[2]).toMatch(/^rb_\S+ {2}"Okta" {2}scim@acme\.example {2}created \S+ {2}revoked \S+$/);
    expect(lines[3]).toBe("3 app passwords in company acme");
    const asJson = await cli("list-app-passwords", "--company", "acme", "--json");
    expect(asJson.json.appPasswords.map((a: any) => [a.name, a.revokedAt === null])).toEqual([
      ["Okta 3", true],
      ["Okta rotated", false],
      ["Okta", false],
    ]);
    const hashes = await rows<{ secret_hash: string }>("select secret_hash from app_password");
    for (const { secret_hash } of hashes) {
      expect(human.stdout).not.toContain(secret_hash);
      expect(asJson.stdout).not.toContain(secret_hash);
    }
    expect(asJson.stdout).not.toMatch(/secret/i);
  });

  it("reset-password generates a policy-conforming password and prints it once; the audit says only that it was set", async () => {
    const res = await cli("reset-password", "--company", "acme", "--user-name", "BOSS@acme.example");
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split("\n");
    expect(lines[0]).toBe("Password set for boss@acme.example in company acme");
    const password = /^Password: (\S+)$/.exec(lines[1]!)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(res.stdout.split(password)).toHaveLength(2);
    const [row] = await rows("select password_hash from user_account where user_name = 'boss@acme.example'");
    expect(await verifyPassword(row!.password_hash, password)).toBe(true);
    expect(await verifyPassword(row!.password_hash, "Chief-Passw0rd-long")).toBe(false);
    const audit = await rows("select actor_user_name, before, after from audit_event where action = 'user.update' order by created_at");
    expect(audit).toEqual([{ actor_user_name: "system:cli", before: { password: "(write-only)" }, after: { password: "(set)" } }]);
    expect(JSON.stringify(audit)).not.toContain(password);

    const asJson = await cli("reset-password", "--company", "acme", "--user-name", "scim@acme.example", "--json");
    expect(asJson.json).toMatchObject({ company: { slug: "acme" }, user: { userName: "scim@acme.example" }, password: expect.any(String) });
    expectOneLineError(await cli("reset-password", "--company", "acme", "--user-name", "ghost"), /no user "ghost" in company "acme"/);
  });

  it("reset-password --password-stdin sets the password piped in, after the company's policy accepts it, and prints none", async () => {
    const [before] = await rows("select password_hash from user_account where user_name = 'boss@acme.example'");
    expectOneLineError(
      await runCli(["reset-password", "--company", "acme", "--user-name", "boss@acme.example", "--password-stdin"], { input: "short1A\n" }),
      /password does not satisfy the company password policy: it must be at least 12 characters long/,
    );
    expectOneLineError(
      await runCli(["reset-password", "--company", "acme", "--user-name", "boss@acme.example", "--password-stdin"], { input: "" }),
      /read no password from stdin/,
    );
    const [unchanged] = await rows("select password_hash from user_account where user_name = 'boss@acme.example'");
    expect(unchanged!.password_hash).toBe(before!.password_hash);

    const res = await runCli(["reset-password", "--company", "acme", "--user-name", "boss@acme.example", "--password-stdin"], { input: "Piped-in Passw0rd long\n" });
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe("Password set for boss@acme.example in company acme");
    const [row] = await rows("select password_hash from user_account where user_name = 'boss@acme.example'");
    expect(await verifyPassword(row!.password_hash, "Piped-in Passw0rd long")).toBe(true);
  });

  it("deactivate-user refuses the company's last active administrator, and deactivates and activates once another exists", async () => {
    const refused = await cli("deactivate-user", "--company", "acme", "--user-name", "boss@acme.example");
    expectOneLineError(refused, /boss@acme\.example is the company's last active user holding CanConfigureCompany/);
    const asJson = await cli("deactivate-user", "--company", "acme", "--user-name", "boss@acme.example", "--json");
    expect(asJson.json.error).toMatchObject({ code: "CONFLICT" });
    expect((await rows("select active from user_account where user_name = 'boss@acme.example'"))[0]!.active).toBe(true);
    const refusals = await rows("select actor_user_name, after->>'reason' as reason from audit_event where action = 'user.deactivate.refused'");
    expect(refusals).toEqual([
      { actor_user_name: "system:cli", reason: "LAST_ADMINISTRATOR" },
      { actor_user_name: "system:cli", reason: "LAST_ADMINISTRATOR" },
    ]);

    expect((await cli("create-admin", "--company", "acme", "--user-name", "deputy@acme.example")).code).toBe(0);
    const off = await cli("deactivate-user", "--company", "acme", "--user-name", "boss@acme.example");
    expect(off.code).toBe(0);
    expect(off.stdout.trim()).toBe("boss@acme.example in company acme is now inactive");
    expect((await rows("select active from user_account where user_name = 'boss@acme.example'"))[0]!.active).toBe(false);
    const offAgain = await cli("deactivate-user", "--company", "acme", "--user-name", "boss@acme.example", "--json");
    expect(offAgain.json).toMatchObject({ user: { userName: "boss@acme.example", active: false }, changed: false });
    expect((await cli("deactivate-user", "--company", "acme", "--user-name", "boss@acme.example")).stdout.trim()).toBe(
      "boss@acme.example in company acme was already inactive; nothing changed",
    );
    // The deputy is now the last active administrator.
    expectOneLineError(await cli("deactivate-user", "--company", "acme", "--user-name", "deputy@acme.example"), /last active user holding CanConfigureCompany/);

    const on = await cli("activate-user", "--company", "acme", "--user-name", "boss@acme.example", "--json");
    expect(on.json).toMatchObject({ company: { slug: "acme" }, user: { userName: "boss@acme.example", active: true }, changed: true });
    expect((await rows("select active from user_account where user_name = 'boss@acme.example'"))[0]!.active).toBe(true);
    const changes = await rows("select action, actor_user_name, after from audit_event where action in ('user.activate', 'user.deactivate') order by created_at");
    expect(changes).toEqual([
      { action: "user.deactivate", actor_user_name: "system:cli", after: { active: false } },
      { action: "user.activate", actor_user_name: "system:cli", after: { active: true } },
    ]);
    expectOneLineError(await cli("activate-user", "--company", "acme", "--user-name", "ghost"), /no user "ghost" in company "acme"/);
  });

  it("rotate-app-password issues a successor printed once while the old one stays active, and refuses a second rotation", async () => {
    expect((await cli("create-company", "--slug", "rotco", "--name", "Rotation Co", "--scim-enabled")).code).toBe(0);
    expect((await cli("create-service-account", "--company", "rotco", "--user-name", "scim@rotco.example")).code).toBe(0);
    const first = await cli("generate-app-password", "--company", "rotco", "--user-name", "scim@rotco.example", "--name", "Entra", "--json");
    const oldClientId = first.json.appPassword.clientId as string;

    const res = await cli("rotate-app-password", "--client-id", oldClientId, "--json");
    expect(res.code, res.stderr).toBe(0);
    expect(res.json).toMatchObject({
      appPassword: { name: "Entra", clientId: expect.stringMatching(/^rb_/), owner: { userName: "scim@rotco.example" } },
      clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      predecessor: { clientId: oldClientId, supersededAt: expect.any(String) },
    });
    expect(res.json.bearerToken).toBe(`${res.json.appPassword.clientId}.${res.json.clientSecret}`);
    const active = await rows<{ client_id: string; superseded: boolean; predecessor: string | null }>(
      `select a.client_id, a.superseded_at is not null as superseded, p.client_id as predecessor
         from app_password a left join app_password p on p.id = a.predecessor_id
        where a.company_id = $1 and a.revoked_at is null order by a.created_at`,
      [(await rows("select id from company where slug = 'rotco'"))[0]!.id],
    );
    expect(active).toEqual([
      { client_id: oldClientId, superseded: true, predecessor: null },
      { client_id: res.json.appPassword.clientId, superseded: false, predecessor: oldClientId },
    ]);

    const listed = (await cli("list-app-passwords", "--company", "rotco")).stdout.trim().split("\n");
    expect(listed[0]).toMatch(new RegExp(`^${res.json.appPassword.clientId} {2}"Entra" .* active, its first use revokes ${oldClientId}, last used never$`));
    expect(listed[1]).toMatch(new RegExp(`^${oldClientId} {2}"Entra" .* active until its successor's first use, last used never$`));
    const listedJson = (await cli("list-app-passwords", "--company", "rotco", "--json")).json.appPasswords;
    expect(listedJson.map((a: any) => [a.clientId, a.supersededAt !== null, a.predecessorId])).toEqual([
      [res.json.appPassword.clientId, false, res.json.predecessor.id],
      [oldClientId, true, null],
    ]);

    expectOneLineError(await cli("rotate-app-password", "--client-id", oldClientId), /already being replaced/);
    expectOneLineError(await cli("rotate-app-password", "--client-id", res.json.appPassword.clientId), /rotation is under way/);
    expectOneLineError(await cli("rotate-app-password", "--client-id", "rb_unknown"), /no app password has the Client ID rb_unknown/);

    const human = await cli("revoke-app-password", "--client-id", oldClientId);
    expect(human.code).toBe(0);
    const again = await cli("rotate-app-password", "--client-id", res.json.appPassword.clientId, "--name", "Entra 2027");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^Client Secret: [A-Za-z0-9_-]{43}$/m);
    expect(again.stdout).toContain(`Client ID ${res.json.appPassword.clientId} keeps working until the first successful request with the new one`);
    const audit = await rows<{ action: string }>(
      "select e.action from audit_event e join company c on c.id = e.company_id where c.slug = 'rotco' and e.action like 'appPassword.%' order by e.created_at",
    );
    expect(audit.map((a) => a.action)).toEqual(["appPassword.generate", "appPassword.rotate", "appPassword.revoke", "appPassword.rotate"]);
  });
});
