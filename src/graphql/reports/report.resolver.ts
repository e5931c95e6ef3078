import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { REPORT_READERS } from "../../domain/reports/users-and-roles.report.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { PageInput, toConnection } from "../pagination.js";
import { UsersAndRolesReportConnection } from "./users-and-roles-report.type.js";

/** Reports for admins and auditors: thin calls into the report services. */
@Resolver()
export class ReportResolver {
  @Authorized(...REPORT_READERS)
  @Query(() => UsersAndRolesReportConnection, {
    description:
      "The users-and-roles report (back it up before switching SCIM on): every user by userName, with the customer-supplied roles they hold and which source owns each membership, and their effective data-access and app-access roles. The same rows stream as CSV from GET /reports/users-and-roles.csv. Needs CanConfigureCompany or CanViewAuditLog.",
  })
  async usersAndRolesReport(@Arg("page", () => PageInput, { nullable: true }) page: PageInput | null, @Ctx() ctx: GraphQLContext): Promise<UsersAndRolesReportConnection> {
    return toConnection(await ctx.services.usersAndRolesReport.page(scopeOf(ctx), page)) as UsersAndRolesReportConnection;
  }
}
