import type { EntityManager } from "@mikro-orm/postgresql";
import { expect } from "vitest";
import type { Company } from "../../../src/domain/companies/company.entity.js";
import { User } from "../../../src/domain/users/user.entity.js";
import { tokenFor } from "../../setup/fixtures.js";
import { gql } from "../../setup/graphql-client.js";
import { scimUser, type ScimTenant } from "../../setup/scim-client.js";
import type { TestApp } from "../../setup/server.js";

/** Helpers shared by the SCIM Group test files (issue 4). */
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

export function scimGroup(displayName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [GROUP_SCHEMA], displayName, ...extra };
}

export function members(...ids: string[]): { value: string }[] {
  return ids.map((value) => ({ value }));
}

export async function sql<T = Record<string, unknown>>(app: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return app.orm.em.fork().getConnection().execute(text, params);
}

/** Users created over SCIM, as an IdP provisions them before pushing groups; returns their ids. */
export async function createUsers(tenant: ScimTenant, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await tenant.client.post("/Users", scimUser(`${prefix}.${i}@example.com`, { displayName: `${prefix} ${i}` }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

export async function createGroup(tenant: ScimTenant, displayName: string, memberIds: string[] = [], extra: Record<string, unknown> = {}) {
  const res = await tenant.client.post("/Groups", scimGroup(displayName, { members: members(...memberIds), ...extra }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Record<string, any>;
}

/** A session token of the company's administrator (createTestCompany's admin@<slug>.example), for GraphQL. */
export async function adminToken(app: TestApp, company: Company): Promise<string> {
  const em = app.orm.em.fork() as EntityManager;
  const admin = await em.findOneOrFail(User, { company: company.id, userName: `admin@${company.slug}.example` }, { filters: false });
  return tokenFor(app, admin);
}

/** Every membership of a role as GraphQL shows it (audit scripts' view): user id and source, sorted. */
export async function graphqlMemberships(app: TestApp, token: string, roleId: string): Promise<{ userId: string; source: string }[]> {
  const out: { userId: string; source: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const res: Awaited<ReturnType<typeof gql>> = await gql(
      app.url,
      `query($id: ID!, $page: PageInput) { customerRole(id: $id) { members(page: $page) { nodes { source user { id } } pageInfo { hasNextPage endCursor } } } }`,
      { id: roleId, page: { first: 1000, ...(after ? { after } : {}) } },
      token,
    );
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const page = (res.data as { customerRole: { members: any } }).customerRole.members;
    out.push(...page.nodes.map((n: { source: string; user: { id: string } }) => ({ userId: n.user.id, source: n.source })));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return out.sort((a, b) => (a.userId + a.source).localeCompare(b.userId + b.source));
}

/** The SCIM member ids of a group, sorted, read over SCIM. */
export async function scimMemberIds(tenant: ScimTenant, groupId: string): Promise<string[]> {
  const res = await tenant.client.get(`/Groups/${groupId}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ((res.body.members ?? []) as { value: string }[]).map((m) => m.value).sort();
}

export const sorted = (ids: string[]) => [...ids].sort();
