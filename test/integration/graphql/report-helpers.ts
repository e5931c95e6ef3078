import { expect } from "vitest";
import { gql } from "../../setup/graphql-client.js";

/** Runs a GraphQL document that must succeed, and returns its data. */
export async function ok(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const res = await gql(url, query, variables, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}

/** A strict RFC 4180 parser (quoted fields, doubled quotes, CRLF records) for checking what the server wrote. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === "") {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else field += text[i++];
      }
      if (i < text.length && text[i] !== "," && text.slice(i, i + 2) !== "\r\n") throw new Error(`bad character after a quoted field at ${i}`);
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (c === "\n" || c === "\r" || c === '"') {
      throw new Error(`bare ${JSON.stringify(c)} in an unquoted field at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== "" || record.length) throw new Error("the last record is not CRLF-terminated");
  return records;
}

/** GETs the users-and-roles CSV over real HTTP. */
export async function downloadCsv(url: string, token?: string): Promise<{ status: number; contentType: string | null; text: string; records: string[][] }> {
  const res = await fetch(`${url}/reports/users-and-roles.csv`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type"), text, records: res.status === 200 ? parseCsv(text) : [] };
}
