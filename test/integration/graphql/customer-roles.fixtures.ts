import type { TestApp } from "../../setup/server.js";
import { gql } from "../../setup/graphql-client.js";
import { expect } from "vitest";

/**
 * Set-up helpers for the customer-role, access-role and effective-access tests. Users are inserted
 * with SQL (the users API is tested on its own); everything under test goes through GraphQL.
 */

/** Inserts `count` users of a company in one statement; returns their ids in userName order. */
export async function insertUsers(
  app: TestApp,
  companyId: string,
  count: number,
  opts: { prefix?: string; autoAssignRoles?: boolean } = {},
): Promise<string[]> {
  const prefix = opts.prefix ?? `u${Math.random().toString(36).slice(2, 8)}`;
  const rows: { id: string }[] = await app.orm.em.fork().getConnection().execute(
    `insert into user_account (id, company_id, user_name, extension_attributes, auto_assign_roles, created_at, updated_at)
     select gen_random_uuid(), ?, ? || '-' || lpad(n::text, 6, '0') || '@example.com', '{}'::jsonb, ?, now(), now()
       from generate_series(1, ?) as n
     returning id, user_name
     `,
    [companyId, prefix, opts.autoAssignRoles ?? false, count],
  );
  return (rows as unknown as { id: string; user_name: string }[]).sort((a, b) => a.user_name.localeCompare(b.user_name)).map((r) => r.id);
}

/** Runs a GraphQL operation and fails the test on any error. */
export async function ok<T = Record<string, any>>(app: TestApp, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await gql<T>(app.url, query, variables, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}

/** Membership rows of a role straight from the database: "userId/source", sorted. */
export async function membershipRows(app: TestApp, roleId: string): Promise<string[]> {
  const rows: { user_id: string; source: string }[] = await app.orm.em
    .fork()
    .getConnection()
    .execute(`select user_id, source from membership where customer_role_id = ?`, [roleId]);
  return rows.map((r) => `${r.user_id}/${r.source}`).sort();
}

export const ROLE_FIELDS = `id displayName externalId version createdAt updatedAt memberCount`;
