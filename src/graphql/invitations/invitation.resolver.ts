import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { INVITATION_PERMISSIONS } from "../../domain/invitations/invitation.service.js";
import { type GraphQLContext, scopeOf } from "../context.js";
import { AcceptedInvitationType, InvitationType } from "./invitation.type.js";

/** Password invitations. Thin: each operation is one service call. */
@Resolver(() => InvitationType)
export class InvitationResolver {
  @Authorized(...INVITATION_PERMISSIONS)
  @Query(() => [InvitationType], { description: "The company's password invitations, newest first, each with its latest email (the outbox)." })
  invitations(
    @Arg("first", () => Int, { nullable: true, description: "How many (default 100, at most 500)." }) first: number | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.invitations.list(scopeOf(ctx), first ?? undefined);
  }

  @Authorized(...INVITATION_PERMISSIONS)
  @Mutation(() => InvitationType, {
    description:
      "Send a user's invitation again with a new expiry (a new invitation when none is pending); the email still waiting is cancelled. BAD_USER_INPUT for a user with a password, an inactive one, a service account, one without email, or one who signs in through SSO only (reason SSO_REQUIRED). Audited.",
  })
  resendInvitation(@Arg("userId", () => ID, { description: "The invited user's id." }) userId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.invitations.resend(scopeOf(ctx), userId);
  }

  @Authorized(...INVITATION_PERMISSIONS)
  @Mutation(() => InvitationType, { description: "Revoke an invitation: its links stop working and its unsent email is cancelled. Audited." })
  revokeInvitation(@Arg("id", () => ID, { description: "The invitation's id." }) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.invitations.revoke(scopeOf(ctx), id);
  }

  @Mutation(() => AcceptedInvitationType, {
    description:
      "Set a first password through an invitation link (no sign-in needed; limited per address like login). The company's password policy applies. UNAUTHENTICATED (reason INVITATION_INVALID) for a link nobody issued; BAD_USER_INPUT with reason INVITATION_EXPIRED, INVITATION_USED or INVITATION_REVOKED for one that no longer works.",
  })
  acceptInvitation(
    @Arg("token", () => String, { description: "The token from the link's #token= fragment." }) token: string,
    @Arg("password", () => String, { description: "The new password." }) password: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.invitationAcceptance.accept(ctx.em, token, password, ctx.clientIp);
  }
}
