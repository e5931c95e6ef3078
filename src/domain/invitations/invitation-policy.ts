import { randomUUID } from "node:crypto";
import type { NewInvitation, UserState } from "../users/user.repository.js";

/**
 * Who gets a password invitation. A "password user" is a person (not a service account) who is
 * active, has no password yet, has an email address to receive the link, and may sign in with a
 * password: their company does not enforce SSO, or they are break-glass. Everyone else is "SSO
 * only" or cannot be reached, and gets none. Whether the company enforces SSO is read by the
 * statement that writes the invitation (user.repository.ts), in the same transaction as the user.
 */
export function newInvitationFor(state: Pick<UserState, "isServiceAccount" | "active" | "emails">): NewInvitation | undefined {
  if (state.isServiceAccount || !state.active) return undefined;
  const email = invitationAddress(state.emails);
  if (!email) return undefined;
  const outboxMessageId = randomUUID();
  return { invitationId: randomUUID(), outboxMessageId, email, messageId: messageIdOf(outboxMessageId) };
}

/** The address an invitation goes to: the primary email (RFC 7643 §4.1.2), else the first one. */
export function invitationAddress(emails: readonly { value: string; primary: boolean }[]): string | undefined {
  return (emails.find((e) => e.primary) ?? emails[0])?.value;
}

/**
 * The RFC 5322 §3.6.4 Message-ID of an outbox message: fixed when the message is written, so every
 * attempt to send it carries the same one and a mail system that saw it already can drop a copy.
 */
export function messageIdOf(outboxMessageId: string): string {
  return `<${outboxMessageId}@rolebridge.invitation>`;
}
