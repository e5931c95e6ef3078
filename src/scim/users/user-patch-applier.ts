import { ScimError, type ScimType } from "../errors.js";
import type { ScimUserFragment, UserInput } from "../generated/graphql.js";
import { normalizePatch } from "../messages/patch-op.js";
import { applyUserPatch } from "../patch/user-patch.js";
import { diffInput, toScimUser } from "./user.mapper.js";
import { userResourceType } from "./user.resource-type.js";

/** Why a PATCH cannot apply, in the core's words (errors.ts maps them back to these scimTypes). */
type RejectionReason = "INVALID_PATH" | "NO_TARGET" | "INVALID_SYNTAX" | "INVALID_FILTER" | "MUTABILITY" | "TOO_MANY" | "INVALID_VALUE";

const REASONS: Partial<Record<ScimType, RejectionReason>> = {
  invalidPath: "INVALID_PATH",
  noTarget: "NO_TARGET",
  invalidSyntax: "INVALID_SYNTAX",
  invalidFilter: "INVALID_FILTER",
  mutability: "MUTABILITY",
  tooMany: "TOO_MANY",
};

/**
 * RFC 7644 §3.5.2 for the User resource: normalises the IdP's dialect, applies the operations to
 * the user's SCIM representation with scim-patch, and returns what changed as a partial updateUser
 * input. The core runs it (through `patchUser`) on the user as it is inside the change's
 * transaction, with the row locked, so the operations always apply to the latest state.
 */
export function applyScimUserPatch(
  current: ScimUserFragment,
  patch: unknown,
): { input: UserInput } | { rejected: { reason: RejectionReason; message: string } } {
  try {
    // Only the difference matters, so the resource needs no real base URL.
    const before = toScimUser(current, "");
    const operations = normalizePatch(patch, userResourceType, { knownUnknownKeys: Object.keys(current.extensionAttributes as object) });
    return { input: diffInput(before, applyUserPatch(before, operations)) };
  } catch (err) {
    if (!(err instanceof ScimError) || err.status !== 400) throw err;
    return { rejected: { reason: (err.scimType && REASONS[err.scimType]) || "INVALID_VALUE", message: err.detail } };
  }
}
