import type { BulkOperation } from "../messages/bulk-request.js";

/**
 * bulkId references (RFC 7644 §3.7.2): an operation names a resource that a POST of the same
 * request creates as `bulkId:<bulkId>`, and the server replaces the reference with the new
 * resource's id before it runs the operation. A reference is a whole string anywhere in the
 * operation's data (a Group's `members[].value`, a User's `manager.value`), the id of its path
 * (`/Users/bulkId:qwerty`), or a quoted value inside a PATCH path's filter
 * (`members[value eq "bulkId:qwerty"]`). A string of that form is always taken for a reference:
 * RFC 7643 §3.1 reserves the keyword "bulkId".
 */
const PREFIX = "bulkId:";
const QUOTED = /"bulkId:([^"\\]*)"/g;

/** The bulkIds an operation refers to, each once. */
export function referencesOf(op: BulkOperation): string[] {
  const found = new Set<string>();
  const note = (text: string) => {
    if (text.startsWith(PREFIX)) found.add(text.slice(PREFIX.length));
    else if (text.includes(`"${PREFIX}`)) for (const m of text.matchAll(QUOTED)) found.add(m[1]!);
  };
  if (op.id !== undefined) note(op.id);
  forEachString(op.data, note);
  return [...found];
}

/** `text` with its references replaced by the ids of the resources they name; references not in `ids` are left as sent. */
export function resolveText(text: string, ids: ReadonlyMap<string, string>): string {
  if (text.startsWith(PREFIX)) return ids.get(text.slice(PREFIX.length)) ?? text;
  if (!text.includes(`"${PREFIX}`)) return text;
  return text.replace(QUOTED, (whole, ref: string) => {
    const id = ids.get(ref);
    return id === undefined ? whole : `"${id}"`;
  });
}

/** The id a path's id stands for: itself, or what its reference resolves to; undefined for a reference not (yet) resolved. */
export function resolveId(id: string, ids: ReadonlyMap<string, string>): string | undefined {
  if (!id.startsWith(PREFIX)) return id;
  return ids.get(id.slice(PREFIX.length));
}

/** A copy of JSON `data` with every string resolved; keys are copied as own properties, whatever they are called. */
export function resolveData(data: unknown, ids: ReadonlyMap<string, string>): unknown {
  return mapStrings(data, (text) => resolveText(text, ids));
}

/** In what order a request's operations run, and what stands in the way of each. */
export interface BulkPlan {
  /** Every operation's index, in the order they run. */
  order: number[];
  /** The bulkIds each operation refers to, by index. */
  references: string[][];
  /** The POST that creates the resource of each bulkId: only a POST creates one (RFC 7644 §3.7). */
  createdBy: ReadonlyMap<string, number>;
  /** Operations on a cycle of references, which cannot be resolved (RFC 7644 §3.7.1). */
  circular: ReadonlySet<number>;
}

/**
 * Request order, except that an operation runs after the POSTs whose bulkIds it refers to
 * (RFC 7644 §3.7.2 has a Group refer to a User sent after it): a depth-first walk of the
 * references from each operation in turn, each listed after what it needs. A reference back to
 * an operation still being walked closes a cycle; RFC 7644 §3.7.1 lets the server answer those
 * with 409 instead of creating the resources first without the references and adding them after.
 * The walk is at most MAX_BULK_OPERATIONS deep.
 */
export function planBulk(operations: readonly BulkOperation[]): BulkPlan {
  const references = operations.map(referencesOf);
  const createdBy = new Map<string, number>();
  for (const op of operations) if (op.method === "POST" && op.bulkId !== undefined) createdBy.set(op.bulkId, op.index);
  const order: number[] = [];
  const circular = new Set<number>();
  const state = new Array<"new" | "walking" | "done">(operations.length).fill("new");
  const walking: number[] = [];
  const visit = (i: number) => {
    state[i] = "walking";
    walking.push(i);
    for (const ref of references[i]!) {
      const j = createdBy.get(ref);
      if (j === undefined) continue;
      if (state[j] === "new") visit(j);
      else if (state[j] === "walking") for (const k of walking.slice(walking.indexOf(j))) circular.add(k);
    }
    walking.pop();
    state[i] = "done";
    order.push(i);
  };
  for (let i = 0; i < operations.length; i++) if (state[i] === "new") visit(i);
  return { order, references, createdBy, circular };
}

/** Calls `visit` with every string in JSON `value`, in document order, walking without recursion (a body may nest deeply). */
function forEachString(value: unknown, visit: (text: string) => void): void {
  const pending: unknown[] = [value];
  while (pending.length) {
    const v = pending.pop();
    if (typeof v === "string") visit(v);
    else if (v !== null && typeof v === "object") {
      const children = Object.values(v);
      for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
    }
  }
}

/** A copy of JSON `value` with `f` applied to every string, built without recursion. */
function mapStrings(value: unknown, f: (text: string) => string): unknown {
  const copy = (v: unknown): unknown => {
    if (typeof v === "string") return f(v);
    if (v === null || typeof v !== "object") return v;
    const empty = Array.isArray(v) ? new Array<unknown>(v.length) : {};
    pending.push([v as Record<string, unknown>, empty as Record<string, unknown>]);
    return empty;
  };
  const pending: [Record<string, unknown>, Record<string, unknown>][] = [];
  const root = copy(value);
  while (pending.length) {
    const [source, target] = pending.pop()!;
    for (const key of Object.keys(source)) {
      // defineProperty, not assignment: a key named __proto__ stays a plain own property, as JSON.parse made it.
      Object.defineProperty(target, key, { value: copy(source[key]), enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}
