import type { EntityManager } from "@mikro-orm/postgresql";
import type { AcceptedInvitation, InvitationService } from "../domain/invitations/invitation.service.js";
import type { AuthAttemptLimits } from "./attempt-limits.js";

/**
 * Accepting an invitation through its link, which anyone can try without signing in: each
 * attempt is made within the brute-force limits of the caller's address, as a login is, and an
 * unknown token (UNAUTHENTICATED) counts as a failed guess. 256-bit tokens cannot be guessed;
 * the limit keeps a flood of attempts from costing an argon2 hash each.
 */
export class InvitationAcceptance {
  constructor(
    private readonly invitations: InvitationService,
    private readonly limits: AuthAttemptLimits,
  ) {}

  accept(em: EntityManager, token: string, password: string, ip?: string): Promise<AcceptedInvitation> {
    return this.limits.attempt({ ip }, () => this.invitations.accept(em, token, password));
  }
}
