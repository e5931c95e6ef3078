import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import type { AuditEvent } from "../../domain/audit/audit-event.entity.js";
import { LOG_READERS } from "../../domain/provisioning/provisioning-log.service.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { PageInput, toConnection } from "../pagination.js";
import { AuditEventConnection, AuditEventType, AuditEventWhere } from "./audit-event.type.js";

/** The audit history: thin calls into AuditLogService (CanConfigureCompany or CanViewAuditLog). */
@Resolver()
export class AuditResolver {
  @Authorized(...LOG_READERS)
  @Query(() => AuditEventConnection, {
    description:
      "The company's audit history, newest first, filtered and paged in the database: by time, action, target type and id, actor and impersonator. Needs CanConfigureCompany or CanViewAuditLog.",
  })
  async auditEvents(
    @Arg("where", () => AuditEventWhere, { nullable: true }) where: AuditEventWhere | null,
    @Arg("page", () => PageInput, { nullable: true }) page: PageInput | null,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AuditEventConnection> {
    const result = await ctx.services.auditLog.list(scopeOf(ctx), where, page);
    return toConnection({ ...result, nodes: result.nodes.map(toAuditEventType) });
  }

  @Authorized(...LOG_READERS)
  @Query(() => AuditEventType, { description: "One audit event; NOT_FOUND for another company's." })
  async auditEvent(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<AuditEventType> {
    return toAuditEventType(await ctx.services.auditLog.get(scopeOf(ctx), id));
  }
}

function toAuditEventType(e: AuditEvent): AuditEventType {
  return {
    id: e.id,
    createdAt: e.createdAt,
    actorUserId: e.actorUserId ?? null,
    actorUserName: e.actorUserName ?? null,
    impersonatorUserId: e.impersonatorUserId ?? null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  };
}
