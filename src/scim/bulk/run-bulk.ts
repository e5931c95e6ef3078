import { randomUUID } from "node:crypto";
import { ScimError } from "../errors.js";
import type { BulkOperation, BulkRequest } from "../messages/bulk-request.js";
import { bulkResponse, type BulkOperationResult, type BulkResponse } from "../messages/bulk-response.js";
import type { OperationRunner } from "../execute.js";
import type { ResourceResult, ScimRequestScope, ScimResourceHandler } from "../resource-handler.js";
import type { ScimOperationOutcome } from "../request-state.js";
import { resourceLocation } from "../messages/meta.js";
import { etagOf, parseIfMatch } from "../messages/versions.js";
import { planBulk, resolveData, resolveId, type BulkPlan } from "./bulk-ids.js";

/** One operation of a Bulk request, described as the request of its own it stands for. */
export interface OperationRequest {
  /** The operation's own request id, which is its ProvisioningEvent id too. */
  requestId: string;
  method: string;
  /** The path its single request would have, e.g. /scim/v2/Users/{id}. */
  path: string;
  startedAt: number;
  notes: Set<string>;
  /** Its `version`, read as an If-Match header would be (RFC 7644 §3.7, §3.14). */
  ifMatch?: number | "*";
}

export interface BulkContext {
  handlers: readonly ScimResourceHandler[];
  /** Absolute base URL of the SCIM service, for the operations' locations. */
  baseUrl: string;
  /** The path the SCIM service is mounted at (/scim/v2), for the operations' recorded paths. */
  basePath: string;
  /** The scope an operation is served in: an OperationRunner of its own, so its change records the operation's ProvisioningEvent. */
  scopeFor(request: OperationRequest): ScimRequestScope;
  /** Records an operation as the provisioning log keeps it, as soon as it has run. */
  record(outcome: ScimOperationOutcome): void;
  /** Where an unexpected error of an operation is reported, with the operation's request id. */
  logError(err: unknown, requestId: string): void;
}

/**
 * Runs the operations of a BulkRequest (RFC 7644 §3.7) one after another, each through the
 * resource handler of its single-request form (the same validation, permissions, tenant rules
 * and records), each a change of its own: Bulk is not atomic, and an operation that fails
 * leaves the others as they are. They run in request order, except that an operation runs after
 * the POSTs whose bulkIds it refers to (bulk-ids.ts). Once `failOnErrors` operations have failed
 * the rest are not run, and the BulkResponse lists the operations that ran, in request order.
 */
export async function runBulk(request: BulkRequest, ctx: BulkContext): Promise<BulkResponse> {
  const plan = planBulk(request.operations);
  const created = new Map<string, string>();
  const results: BulkOperationResult[] = [];
  let failures = 0;
  for (const index of plan.order) {
    if (request.failOnErrors !== undefined && failures >= request.failOnErrors) break;
    const result = await runOperation(request.operations[index]!, plan, created, ctx);
    results[index] = result;
    if (Number(result.status) >= 400) failures++;
  }
  // A sparse array: filter keeps the operations that ran, in request order.
  return bulkResponse(results.filter(Boolean));
}

async function runOperation(op: BulkOperation, plan: BulkPlan, created: Map<string, string>, ctx: BulkContext): Promise<BulkOperationResult> {
  const startedAt = performance.now();
  const requestId = randomUUID();
  const notes = new Set<string>();
  const handler = ctx.handlers.find((h) => h.endpoint === op.endpoint)!;
  const id = op.id === undefined ? undefined : resolveId(op.id, created);
  // The path its single request would have: the resolved id, or the reference as sent when it cannot be resolved.
  const path = `${ctx.basePath}${op.endpoint}${op.id === undefined ? "" : `/${id ?? op.id}`}`;
  const location = (resourceId: string) => resourceLocation(ctx.baseUrl, op.endpoint, resourceId);
  let runner: OperationRunner | undefined;

  const finish = (result: BulkOperationResult, resourceId: string | undefined, error?: ScimError): BulkOperationResult => {
    ctx.record({
      id: requestId,
      method: op.method,
      path,
      resource: { type: handler.resourceType, ...(resourceId !== undefined ? { id: resourceId } : {}) },
      status: Number(result.status),
      ...(error ? { error: { scimType: error.scimType, detail: error.detail } } : {}),
      durationMs: performance.now() - startedAt,
      normalizations: notes,
      finishedAt: new Date(),
      changeCommitted: runner?.changeCommitted ?? false,
    });
    return result;
  };
  const head = { method: op.method, ...(op.bulkId !== undefined ? { bulkId: op.bulkId } : {}) };
  const succeeded = (status: number, result: ResourceResult | undefined, resourceId: string) =>
    finish({ ...head, location: location(resourceId), ...(result ? { version: etagOf(result.version) } : {}), status: String(status) }, resourceId);

  try {
    const blocked = unresolvable(op, plan, created);
    if (blocked) throw blocked;
    const scope = ctx.scopeFor({ requestId, method: op.method, path, startedAt, notes, ifMatch: parseIfMatch(op.version) });
    runner = scope.runner;
    const data = op.data === undefined ? undefined : resolveData(op.data, created);
    switch (op.method) {
      case "POST": {
        const result = await handler.create(scope, data);
        if (op.bulkId !== undefined) created.set(op.bulkId, result.id);
        return succeeded(201, result, result.id);
      }
      case "PUT":
        return succeeded(200, await handler.replace(scope, id!, data), id!);
      case "PATCH": {
        const result = await handler.patch(scope, id!, data);
        return succeeded(result.noContent ? 204 : 200, result, id!);
      }
      case "DELETE":
        await handler.delete(scope, id!);
        return succeeded(204, undefined, id!);
    }
  } catch (err) {
    let error: ScimError;
    if (err instanceof ScimError) error = err;
    else {
      ctx.logError(err, requestId);
      error = ScimError.internal();
    }
    // RFC 7644 §3.7: location is left out only for a POST that failed.
    const failedLocation = op.method !== "POST" && id !== undefined ? { location: location(id) } : {};
    return finish({ ...head, ...failedLocation, status: String(error.status), response: error.body(requestId) }, op.method === "POST" ? undefined : id, error);
  }
}

/** Why an operation's references cannot be resolved, if they cannot (RFC 7644 §3.7.1, §3.7.2). */
function unresolvable(op: BulkOperation, plan: BulkPlan, created: ReadonlyMap<string, string>): ScimError | undefined {
  const references = plan.references[op.index]!;
  const unknown = references.find((ref) => !plan.createdBy.has(ref));
  if (unknown !== undefined) return ScimError.invalidValue(`bulkId:${clip(unknown)} names no POST operation of this BulkRequest (RFC 7644 §3.7.2)`);
  if (plan.circular.has(op.index)) {
    return new ScimError(409, undefined, `the operation's bulkId references form a cycle (${references.map((r) => `bulkId:${clip(r)}`).join(", ")}), which is not resolved (RFC 7644 §3.7.1); create the resources first, then add the references with a PATCH`);
  }
  const failed = references.find((ref) => !created.has(ref));
  if (failed !== undefined) return new ScimError(409, undefined, `bulkId:${clip(failed)} cannot be resolved: the POST operation with that bulkId failed, so nothing was created for it`);
  return undefined;
}

function clip(value: string): string {
  return value.slice(0, 100);
}
