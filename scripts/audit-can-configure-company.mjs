#!/usr/bin/env node
/**
 * Audit: who can configure the company. Lists every user whose effective access
 * includes the CanConfigureCompany permission, with the provenance of each grant: a direct
 * app-access role, or a customer-supplied role held through a membership source and mapped to an
 * app-access role that carries the permission. GraphQL only, with plain fetch (Node 20+).
 *
 *   ROLEBRIDGE_URL=https://rolebridge.example.com ROLEBRIDGE_COMPANY=acme \
 *   ROLEBRIDGE_USER=auditor@acme.example ROLEBRIDGE_PASSWORD=… node scripts/audit-can-configure-company.mjs [--json]
 *
 * ROLEBRIDGE_TOKEN (a session token) may replace company, user and password. The caller needs
 * CanViewAuditLog, CanViewUsers, CanManageUsers or CanConfigureCompany. Exit code 0 on success,
 * 1 on any error (printed to stderr).
 */
const PERMISSION = "CanConfigureCompany";
const url = (process.env.ROLEBRIDGE_URL ?? "http://127.0.0.1:4000").replace(/\/$/, "");
const asJson = process.argv.includes("--json");

const USAGE = `Usage: node scripts/audit-can-configure-company.mjs [--json] [--help]

Lists every user who can configure the company (${PERMISSION}), with how each got it:
a direct app-access role, or a customer-supplied role mapped to one.

Environment:
  ROLEBRIDGE_URL       base URL of rolebridge (default http://127.0.0.1:4000)
  ROLEBRIDGE_COMPANY   the company's slug, to log in
  ROLEBRIDGE_USER      the userName to log in with
  ROLEBRIDGE_PASSWORD  its password
  ROLEBRIDGE_TOKEN     a session token, instead of the three above

The caller needs CanViewAuditLog, CanViewUsers, CanManageUsers or CanConfigureCompany.
Exit code 0 on success, 1 on any error (printed to stderr).`;

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}

async function graphql(query, variables = {}, token) {
  let res;
  try {
    res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is its cause.
    const cause = err.cause?.code ?? err.cause?.message ?? err.message;
    throw new Error(`cannot reach rolebridge at ${url}/graphql (${cause}); set ROLEBRIDGE_URL to its base URL`);
  }
  const body = await res.json().catch(() => ({}));
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new Error(`${e.extensions?.code ?? "ERROR"}: ${e.message}`);
  }
  if (!res.ok || !body.data) throw new Error(`HTTP ${res.status} from ${url}/graphql`);
  return body.data;
}

async function sessionToken() {
  if (process.env.ROLEBRIDGE_TOKEN) return process.env.ROLEBRIDGE_TOKEN;
  const { ROLEBRIDGE_COMPANY: company, ROLEBRIDGE_USER: userName, ROLEBRIDGE_PASSWORD: password } = process.env;
  if (!company || !userName || !password) throw new Error("set ROLEBRIDGE_TOKEN, or ROLEBRIDGE_COMPANY, ROLEBRIDGE_USER and ROLEBRIDGE_PASSWORD");
  const data = await graphql(
    `mutation($company: String!, $userName: String!, $password: String!) { login(company: $company, userName: $userName, password: $password) { token } }`,
    { company, userName, password },
  );
  return data.login.token;
}

function provenance(grant, roleName) {
  if (grant.kind === "DIRECT") return `direct: app-access role "${roleName}"`;
  const source = grant.membershipSource ? grant.membershipSource.toLowerCase().replace(/_/g, "-") : "unknown source";
  return `customer role "${grant.customerRole?.displayName ?? "?"}" (membership: ${source}) → mapping → app-access role "${roleName}"`;
}

async function main() {
  const token = await sessionToken();
  const { appAccessRoles } = await graphql(`{ appAccessRoles { id name permissions } }`, {}, token);
  const roles = appAccessRoles.filter((r) => r.permissions.includes(PERMISSION));
  /** userId → { userName, active, grants: [text] } */
  const users = new Map();
  for (const role of roles) {
    let after = null;
    do {
      const { usersWithAccess } = await graphql(
        `query($role: ID!, $after: String) {
           usersWithAccess(appAccessRoleId: $role, page: { first: 1000, after: $after }) {
             pageInfo { hasNextPage endCursor }
             nodes { user { id userName active } grants { kind membershipSource customerRole { displayName } } } } }`,
        { role: role.id, after },
        token,
      );
      for (const { user, grants } of usersWithAccess.nodes) {
        const entry = users.get(user.id) ?? { id: user.id, userName: user.userName, active: user.active, provenance: [] };
        for (const g of grants) entry.provenance.push(provenance(g, role.name));
        users.set(user.id, entry);
      }
      after = usersWithAccess.pageInfo.hasNextPage ? usersWithAccess.pageInfo.endCursor : null;
    } while (after);
  }
  const list = [...users.values()].sort((a, b) => a.userName.toLowerCase().localeCompare(b.userName.toLowerCase()));
  if (asJson) {
    console.log(JSON.stringify({ permission: PERMISSION, users: list }, null, 2));
    return;
  }
  console.log(`${list.length} user(s) can configure the company (${PERMISSION}):`);
  for (const u of list) {
    console.log(`${u.userName}${u.active ? "" : " (inactive)"}`);
    for (const p of u.provenance) console.log(`  - ${p}`);
  }
}

main().catch((err) => {
  console.error(`audit-can-configure-company: ${err.message}`);
  process.exit(1);
});
