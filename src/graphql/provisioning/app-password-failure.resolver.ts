import DataLoader from "dataloader";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { AppPasswordType } from "../app-passwords/app-password.type.js";
import { type GraphQLContext, perRequest, scopeOf } from "../context.js";
import { ProvisioningEventType, toProvisioningEventType } from "./provisioning-event.type.js";

/** The latest failed SCIM request of each app password in a list, in one query per request. */
const failureLoader = perRequest(
  (ctx) =>
    new DataLoader<string, ProvisioningEventType | null>(async (ids) => {
      const events = await ctx.services.provisioningLog.latestFailures(scopeOf(ctx), ids);
      return ids.map((id) => {
        const e = events.get(id);
        return e ? toProvisioningEventType(e) : null;
      });
    }),
);

/** Beside lastFailureAt/lastFailureReason, the failed request itself from the provisioning log. */
@Resolver(() => AppPasswordType)
export class AppPasswordFailureResolver {
  @FieldResolver(() => ProvisioningEventType, {
    nullable: true,
    description:
      "The latest failed SCIM request made with (or, for a 401, naming) this app password, from the provisioning log: status, path, scimType and detail. Reading it needs CanConfigureCompany or CanViewAuditLog; null when there is none.",
  })
  mostRecentFailure(@Root() appPassword: AppPasswordType, @Ctx() ctx: GraphQLContext): Promise<ProvisioningEventType | null> {
    return failureLoader(ctx).load(appPassword.id);
  }
}
