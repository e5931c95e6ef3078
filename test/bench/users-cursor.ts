/**
 * The cursor phase of `npm run bench -- users` (BENCH_PHASES=cursor runs it alone): the first and
 * the last page of the seeded users by RFC 9865 cursor, under the same load, next to the same
 * page by index (startIndex), which PostgreSQL reaches by skipping every row before it. A cursor
 * page seeks from the last row's sort key and id, so its last page should cost what its first
 * does; the bar is a last page at most 1.5 times the first. "Last" is the last full page, so
 * both carry as many users (the run's creates leave a short page after it).
 */
import { runLoad, type LoadStats } from "./harness.js";
import { PAGE_SIZE, type Scim } from "./users-ops.js";

/** The most the last cursor page may cost against the first (p50 latency). */
export const CURSOR_LAST_PAGE_BAR = 1.5;

export interface CursorPagingStats {
  pages: number;
  users: number;
  /** The 1-based number of the last full page. */
  lastPage: number;
  first: LoadStats;
  last: LoadStats;
  lastByIndex: LoadStats;
}

/**
 * Walks every page once by cursor (checking each user comes exactly once), then loads the first
 * page, the last page by cursor and the last page by index, each as one timed run.
 */
export async function measureCursorPaging(
  origin: string,
  authorization: string,
  scim: Scim,
  load: { clients: number; ops: number; seconds: number },
): Promise<CursorPagingStats> {
  const seen = new Set<string>();
  let cursor = "";
  let lastCursor = "";
  let lastPage = 1;
  let pages = 0;
  let total = 0;
  for (;;) {
    const res = await fetch(`${origin}/scim/v2/Users?count=${PAGE_SIZE}&cursor=${cursor}`, { headers: { authorization, accept: "application/scim+json" } });
    const body = (await res.json()) as { totalResults: number; nextCursor?: string; Resources: { id: string }[] };
    if (res.status !== 200) throw new Error(`cursor walk: ${res.status} ${JSON.stringify(body)}`);
    pages++;
    total = body.totalResults;
    if (body.Resources.length === PAGE_SIZE) [lastCursor, lastPage] = [cursor, pages];
    for (const r of body.Resources) {
      if (seen.has(r.id)) throw new Error(`cursor walk: user ${r.id} came twice`);
      seen.add(r.id);
    }
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
  if (seen.size !== total) throw new Error(`cursor walk: ${seen.size} users seen, ${total} listed`);
  const lastStartIndex = (lastPage - 1) * PAGE_SIZE + 1;
  const run = (path: string) => runLoad(load.clients, load.ops, load.seconds, () => scim("GET", path));
  // Warm-up of the three statement shapes, so none is measured cold.
  await runLoad(load.clients, 100, 5, () => scim("GET", `/Users?count=${PAGE_SIZE}&cursor=${lastCursor}`));
  const first = await run(`/Users?count=${PAGE_SIZE}&cursor=`);
  const last = await run(`/Users?count=${PAGE_SIZE}&cursor=${lastCursor}`);
  const lastByIndex = await run(`/Users?count=${PAGE_SIZE}&startIndex=${lastStartIndex}`);
  return { pages, users: seen.size, lastPage, first, last, lastByIndex };
}

export function printCursorPaging(stats: CursorPagingStats, clients: number): void {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "–");
  const rate = (s: LoadStats) => s.ops / s.seconds;
  const row = (label: string, s: LoadStats) => `| ${label} | ${f(rate(s), 0)} | ${f(s.p50)} | ${f(s.p99)} | ${f(s.p50 / stats.first.p50)}x |`;
  const ratio = stats.last.p50 / stats.first.p50;
  console.log(
    [
      `cursor paging: ${stats.users} users walked once each in ${stats.pages} pages of ${PAGE_SIZE}`,
      "",
      `| page of ${PAGE_SIZE} (${clients} clients) | ops/s | p50 ms | p99 ms | p50 / first page |`,
      "|---|---:|---:|---:|---:|",
      row("first page by cursor (cursor=)", stats.first),
      row(`last full page by cursor (page ${stats.lastPage})`, stats.last),
      row(`the same page by index (startIndex=${(stats.lastPage - 1) * PAGE_SIZE + 1})`, stats.lastByIndex),
      "",
      `last cursor page / first: ${f(ratio)}x (bar: at most ${CURSOR_LAST_PAGE_BAR}x) ${ratio <= CURSOR_LAST_PAGE_BAR ? "met" : "NOT MET"}`,
    ].join("\n"),
  );
  for (const [label, s] of [
    ["first", stats.first],
    ["last", stats.last],
    ["last by index", stats.lastByIndex],
  ] as const) {
    if (s.errors) console.log(`errors: ${label} page: ${s.errors}, first: ${s.firstError}`);
  }
}
