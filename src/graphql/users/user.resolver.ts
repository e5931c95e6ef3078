import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { USER_READ_PERMISSIONS, USER_WRITE_PERMISSIONS } from "../../domain/users/user.service.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { PageInput, toConnection } from "../pagination.js";
import { DeprovisionResult, UserConnection } from "./user-connection.type.js";
import { UserOrderBy } from "./user-order-by.input.js";
import { UserWhere } from "./user-where.input.js";
import { UserInput } from "./user.inputs.js";
import { UserType } from "./user.type.js";
import { JSONScalar } from "../scalars.js";
import { selects } from "../selection.js";
import { patchRevision } from "./user-patch.js";

const EXPECTED_VERSION = {
  nullable: true,
  description: "The version the caller last read; the change fails with PRECONDITION_FAILED (reason VERSION_MISMATCH) when the user has changed since.",
} as const;

/** Whether the operation reads the users' roles, so the service reads them in the users' own statement. */
const withRoles = (info: GraphQLResolveInfo, ...path: string[]) => ({ withRoles: selects(info, [...path, "customerRoles"]) });

/** Users of the caller's company. Thin: each operation is one UserService call. */
@Resolver(() => UserType)
export class UserResolver {
  @Authorized(...USER_READ_PERMISSIONS)
  @Query(() => UserConnection, {
    description: "Users of the caller's company matching a filter, sorted and paged in the database (SCIM GET /Users). Default order: createdAt ascending, then id.",
  })
  async users(
    @Arg("where", () => UserWhere, { nullable: true, description: "Which users; all when left out." }) where: UserWhere | null | undefined,
    @Arg("orderBy", () => UserOrderBy, { nullable: true, description: "The order; createdAt ascending when left out." }) orderBy: UserOrderBy | null | undefined,
    @Arg("page", () => PageInput, { nullable: true, description: "Which page: offset or cursor paging (default the first 100)." }) page: PageInput | null | undefined,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return toConnection(await ctx.services.users.list(scopeOf(ctx), { where, orderBy, page }, withRoles(info, "nodes")));
  }

  @Authorized(...USER_READ_PERMISSIONS)
  @Query(() => UserType, { description: "One user of the caller's company; NOT_FOUND for an unknown id or another company's user." })
  user(@Arg("id", () => ID, { description: "The user's id." }) id: string, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return ctx.services.users.byId(scopeOf(ctx), id, withRoles(info));
  }

  @Authorized(...USER_WRITE_PERMISSIONS)
  @Mutation(() => UserType, {
    description: "Create a user (SCIM POST /Users). CONFLICT on userName when one exists ignoring case; users created through SCIM get allowSsoLogin and autoAssignRoles.",
  })
  createUser(
    @Arg("input", () => UserInput, { description: "The new user's attributes; userName is required." }) input: UserInput,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.users.create(scopeOf(ctx), input, withRoles(info));
  }

  @Authorized(...USER_WRITE_PERMISSIONS)
  @Mutation(() => UserType, {
    description:
      "Change some attributes of a user (SCIM PUT and PATCH): a field left out is kept, an explicit null clears it, a list replaces the list, and name and enterprise merge part by part. A request that changes nothing keeps the version.",
  })
  updateUser(
    @Arg("id", () => ID, { description: "The user's id." }) id: string,
    @Arg("input", () => UserInput, { description: "The attributes to change." }) input: UserInput,
    @Arg("expectedVersion", () => Int, EXPECTED_VERSION) expectedVersion: number | null | undefined,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.users.update(scopeOf(ctx), id, input, expectedVersion, withRoles(info));
  }

  @Authorized(...USER_WRITE_PERMISSIONS)
  @Mutation(() => UserType, {
    description:
      "Replace every modifiable attribute of a user: what is left out is reset (strings null, emails empty, extensionAttributes empty, active true, flags as for a new user). The password is kept unless given.",
  })
  replaceUser(
    @Arg("id", () => ID, { description: "The user's id." }) id: string,
    @Arg("input", () => UserInput, { description: "The complete new attributes; userName is required." }) input: UserInput,
    @Arg("expectedVersion", () => Int, EXPECTED_VERSION) expectedVersion: number | null | undefined,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.users.replace(scopeOf(ctx), id, input, expectedVersion, withRoles(info));
  }

  @Authorized(...USER_WRITE_PERMISSIONS)
  @Mutation(() => UserType, {
    description:
      "Apply an RFC 7644 §3.5.2 PATCH to a user: a PatchOp message (or a bare list of operations, as SailPoint sends), in the dialects IdPs use (Entra's capitalised ops and string booleans, Okta's value objects). One transaction locks the user, applies the operations to it as it is and writes the result, so concurrent PATCHes each apply in turn. A PATCH that changes nothing keeps the version. BAD_USER_INPUT with reason INVALID_PATH, NO_TARGET, INVALID_SYNTAX, INVALID_FILTER or MUTABILITY when the operations cannot apply.",
  })
  patchUser(
    @Arg("id", () => ID, { description: "The user's id." }) id: string,
    @Arg("patch", () => JSONScalar, { description: "The PatchOp message as a SCIM client sends it." }) patch: unknown,
    @Arg("expectedVersion", () => Int, EXPECTED_VERSION) expectedVersion: number | null | undefined,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.users.patch(scopeOf(ctx), id, patchRevision(ctx.services.userPatch, patch), expectedVersion, withRoles(info));
  }

  @Authorized(...USER_WRITE_PERMISSIONS)
  @Mutation(() => UserType, { description: "Activate or deactivate a user (an IdP's enable and disable)." })
  setUserActive(
    @Arg("id", () => ID, { description: "The user's id." }) id: string,
    @Arg("active", () => Boolean, { description: "True to let the user sign in, false to stop it." }) active: boolean,
    @Arg("expectedVersion", () => Int, EXPECTED_VERSION) expectedVersion: number | null | undefined,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.users.setActive(scopeOf(ctx), id, active, expectedVersion, withRoles(info));
  }

  @Authorized(...USER_WRITE_PERMISSIONS)
  @Mutation(() => ID, { description: "Remove a user with its emails, memberships, direct roles and app passwords; returns its id." })
  deleteUser(
    @Arg("id", () => ID, { description: "The user's id." }) id: string,
    @Arg("expectedVersion", () => Int, EXPECTED_VERSION) expectedVersion: number | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.users.delete(scopeOf(ctx), id, expectedVersion);
  }

  @Authorized(...USER_WRITE_PERMISSIONS)
  @Mutation(() => DeprovisionResult, {
    description: "What SCIM DELETE /Users/{id} does, by the company's scimDeleteMode: DEACTIVATE sets active false and keeps the user; DELETE removes it.",
  })
  deprovisionUser(
    @Arg("id", () => ID, { description: "The user's id." }) id: string,
    @Arg("expectedVersion", () => Int, EXPECTED_VERSION) expectedVersion: number | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.users.deprovision(scopeOf(ctx), id, expectedVersion);
  }
}
