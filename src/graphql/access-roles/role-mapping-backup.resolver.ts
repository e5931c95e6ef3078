import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RoleMappingDiff } from "../../domain/access-roles/access-impact.js";
import { Permission } from "../../domain/access-roles/permission.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { JSONScalar } from "../scalars.js";
import { RoleMappingDiffType } from "./role-mapping-diff.type.js";

/** Backup and restore of the role mapping: thin calls into RoleMappingBackupService (CanConfigureCompany). */
@Resolver()
export class RoleMappingBackupResolver {
  @Authorized(Permission.CanConfigureCompany)
  @Query(() => JSONScalar, {
    description:
      'The whole role mapping as a versioned JSON document to keep as a backup before switching SCIM on: { format: "rolebridge.role-mappings", version: 1, exportedAt, mappings: [{ customerRole, dataAccessRoles, appAccessRoles }], unmappedCustomerRoles }. Roles are named, not identified, so it restores into the same company after ids change. A role mapped to nothing has an entry with empty lists; an unmapped role has no entry (listed in unmappedCustomerRoles for the reader). Needs CanConfigureCompany.',
  })
  exportRoleMappings(@Ctx() ctx: GraphQLContext): Promise<unknown> {
    return ctx.services.roleMappingBackup.export(scopeOf(ctx));
  }

  @Authorized(Permission.CanConfigureCompany)
  @Mutation(() => RoleMappingDiffType, {
    description:
      "Restore a document from exportRoleMappings: the company's mapping becomes exactly the document's (roles with no entry become unmapped; customer-supplied roles named but missing are created; an unknown access-role name is BAD_USER_INPUT naming it, and nothing is applied). Returns the diff and the users who gain or lose each access role; with dryRun: true nothing is changed. Audited per mapping and as roleMapping.import. Needs CanConfigureCompany.",
  })
  importRoleMappings(
    @Arg("document", () => JSONScalar, { description: "A document exportRoleMappings returned (format rolebridge.role-mappings, version 1)." }) document: unknown,
    @Arg("dryRun", () => Boolean, { description: "True: compute and return the diff, then roll back. False: apply it in one transaction." }) dryRun: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<RoleMappingDiff> {
    return ctx.services.roleMappingBackup.import(scopeOf(ctx), document, dryRun);
  }
}
