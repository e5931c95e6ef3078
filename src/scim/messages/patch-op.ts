/** RFC 7644 §3.5.2: the PatchOp message and its operations, after normalisation (patch/normalize.ts). */
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

export type PatchOperationName = "add" | "replace" | "remove";

export interface PatchOperation {
  op: PatchOperationName;
  /** Canonical attribute names; undefined for a value object without a path (RFC 7644 §3.5.2.1, §3.5.2.3). */
  path?: string;
  /** The canonical attribute path the operation targets (e.g. ["emails", "value"]); [] without a path. */
  target: string[];
  value?: unknown;
  hasValue: boolean;
}
