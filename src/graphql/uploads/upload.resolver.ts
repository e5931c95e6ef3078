import { Arg, Authorized, Ctx, Int, Mutation, Resolver } from "type-graphql";
import { UPLOAD_PERMISSIONS, type UploadResult } from "../../domain/uploads/user-upload.service.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { UploadResultType } from "./upload.type.js";

/** File-based user upload: thin calls into UserUploadService (CanManageUsers or CanConfigureCompany). */
@Resolver()
export class UploadResolver {
  @Authorized(...UPLOAD_PERMISSIONS)
  @Mutation(() => UploadResultType, {
    description:
      "Upload users as RFC 4180 CSV whose first line names the columns: userName (required), givenName, familyName, email, active (true/false) and customerRoles (displayNames separated by ;). Creates missing users (with autoAssignRoles, so the role mapping applies), updates existing ones (an empty cell keeps the stored value), and when the customerRoles column is present makes the listed roles the user's memberships of source UPLOAD (an empty cell: none); names are matched ignoring case and an unknown name creates an unmapped role. Memberships owned by SCIM or an admin are never changed. One transaction: an error names its line and column and nothing is applied. Needs CanManageUsers or CanConfigureCompany.",
  })
  uploadUsers(
    @Arg("csv", () => String, { description: "The file's content, UTF-8 (a byte-order mark is skipped)." }) csv: string,
    @Arg("dryRun", () => Boolean, { nullable: true, description: "True: check and compute everything, then roll back." }) dryRun: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<UploadResult> {
    return ctx.services.userUploads.upload(scopeOf(ctx), csv, dryRun ?? false);
  }

  @Authorized(...UPLOAD_PERMISSIONS)
  @Mutation(() => Int, {
    description:
      "Remove every upload-owned membership of the company at once (the seeds' advice before handing roles over to SCIM); memberships owned by SCIM or an admin stay. Audited. Returns how many memberships were removed. Needs CanManageUsers or CanConfigureCompany.",
  })
  clearUploadedCustomerRoles(@Ctx() ctx: GraphQLContext): Promise<number> {
    return ctx.services.userUploads.clearUploadedCustomerRoles(scopeOf(ctx));
  }
}
