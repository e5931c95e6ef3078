import { MembershipSource } from "../../domain/customer-roles/membership-source.js";
import { DomainError, type DomainErrorReason } from "../../domain/errors.js";
import type { UserData } from "../../domain/users/user-input.js";
import type { UserView } from "../../domain/users/user.view.js";

/** Why a PATCH cannot apply, in the error model's words (mapped once to SCIM scimTypes by the facade). */
export type PatchRejectionReason = Extract<DomainErrorReason, "INVALID_PATH" | "NO_TARGET" | "INVALID_SYNTAX" | "INVALID_FILTER" | "MUTABILITY" | "TOO_MANY"> | "INVALID_VALUE";

/** A user as the GraphQL User type presents it: times as ISO 8601 strings, membership sources by their GraphQL names. */
export type GraphQLUser = Omit<UserView, "customerRoles" | "createdAt" | "updatedAt"> & {
  createdAt: string;
  updatedAt: string;
  customerRoles?: { customerRole: { id: string; displayName: string }; sources: (keyof typeof MembershipSource)[] }[];
};

export type UserPatchOutcome = { input: UserData } | { rejected: { reason: PatchRejectionReason; message: string } };

/**
 * Applies an RFC 7644 §3.5.2 PatchOp message to a user as GraphQL presents it, returning the
 * partial update it amounts to. Supplied at composition by the SCIM facade, which owns the
 * PATCH dialects of the IdPs; run inside the change's transaction with the user locked.
 */
export type UserPatchApplier = (current: GraphQLUser, patch: unknown) => UserPatchOutcome;

const SOURCE_NAMES = new Map(Object.entries(MembershipSource).map(([name, value]) => [value, name as keyof typeof MembershipSource]));

/** The revision that `patchUser` hands to UserService.patch: the applier on the locked user, its refusal as BAD_USER_INPUT. */
export function patchRevision(applier: UserPatchApplier, patch: unknown) {
  return (current: UserView): UserData => {
    const outcome = applier(asGraphQLUser(current), patch);
    if ("input" in outcome) return outcome.input;
    const { reason, message } = outcome.rejected;
    throw new DomainError("BAD_USER_INPUT", message, { reason: reason === "INVALID_VALUE" ? undefined : reason });
  };
}

function asGraphQLUser(view: UserView): GraphQLUser {
  return {
    ...view,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    customerRoles: view.customerRoles?.map((h) => ({ customerRole: h.customerRole, sources: h.sources.map((s) => SOURCE_NAMES.get(s)!) })),
  };
}
