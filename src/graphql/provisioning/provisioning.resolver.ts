import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { LOG_READERS } from "../../domain/provisioning/provisioning-log.service.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { PageInput, toConnection } from "../pagination.js";
import type { UserType } from "../users/user.type.js";
import { ProvisioningEventWhere } from "./provisioning-event-where.input.js";
import {
  ProvisioningEventConnection,
  ProvisioningEventType,
  ProvisioningSummaryType,
  toProvisioningEventType,
} from "./provisioning-event.type.js";

/** The provisioning log: thin calls into ProvisioningLogService (CanConfigureCompany or CanViewAuditLog). */
@Resolver()
export class ProvisioningResolver {
  @Authorized(...LOG_READERS)
  @Query(() => ProvisioningEventConnection, {
    description:
      "The company's SCIM requests, newest first, filtered and paged in the database: by time, credential, method, path, resource, outcome, status and scimType. Needs CanConfigureCompany or CanViewAuditLog.",
  })
  async provisioningEvents(
    @Arg("where", () => ProvisioningEventWhere, { nullable: true }) where: ProvisioningEventWhere | null,
    @Arg("page", () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProvisioningEventConnection> {
    const result = await ctx.services.provisioningLog.list(scopeOf(ctx), where, page);
    return toConnection({ ...result, nodes: result.nodes.map(toProvisioningEventType) });
  }

  @Authorized(...LOG_READERS)
  @Query(() => ProvisioningEventType, {
    description: "One SCIM request by the id an IdP shows in its error (the SCIM error body's request id); NOT_FOUND for another company's.",
  })
  async provisioningEvent(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<ProvisioningEventType> {
    return toProvisioningEventType(await ctx.services.provisioningLog.get(scopeOf(ctx), id));
  }

  @Authorized(...LOG_READERS)
  @Query(() => ProvisioningSummaryType, {
    description: "Counts of a time window (default the last 24 hours): requests by status, last success and failure, refused credentials, normalisations, users arriving without names.",
  })
  async provisioningSummary(
    @Arg("since", () => Date, { nullable: true, description: "Start of the window (inclusive); default 24 hours before until." }) since: Date | null,
    @Arg("until", () => Date, { nullable: true, description: "End of the window (exclusive); default now." }) until: Date | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProvisioningSummaryType> {
    const s = await ctx.services.provisioningLog.summary(scopeOf(ctx), since, until);
    return {
      ...s,
      lastSuccess: s.lastSuccess && toProvisioningEventType(s.lastSuccess),
      lastFailure: s.lastFailure && toProvisioningEventType(s.lastFailure),
      usersCreatedWithoutName: s.usersCreatedWithoutName as unknown as UserType[],
    };
  }
}
