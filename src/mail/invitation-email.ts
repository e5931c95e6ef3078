import escapeHtml from "escape-html";
import type { OutgoingInvitation } from "../domain/outbox/outbox-delivery.js";

/** An email ready for the transport. */
export interface InvitationEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The acceptance page's URL with the token. */
  link: string;
}

/**
 * The page that accepts an invitation, with the token in the fragment: a browser sends no fragment
 * to the server (RFC 3986 §3.5), so the token never reaches an access log, and never leaves in a
 * Referer header (Fetch's referrer strips it).
 */
export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, "")}/admin/invitation#token=${encodeURIComponent(token)}`;
}

/** The invitation to set a password, as plain text and HTML. */
export function invitationEmail(mail: OutgoingInvitation, baseUrl: string): InvitationEmail {
  const link = invitationLink(baseUrl, mail.token);
  const who = mail.displayName ?? mail.userName;
  const expires = mail.expiresAt.toUTCString();
  const subject = `Your ${mail.companyName} account: set your password`;
  const text = [
    `Hello ${who},`,
    "",
    `An account has been created for you at ${mail.companyName}. Your user name is ${mail.userName}.`,
    "Set your password here, then sign in:",
    "",
    link,
    "",
    `The link works once and until ${expires}. If you did not expect this email, ignore it.`,
  ].join("\n");
  const html = `<p>Hello ${escapeHtml(who)},</p>
<p>An account has been created for you at ${escapeHtml(mail.companyName)}. Your user name is <strong>${escapeHtml(mail.userName)}</strong>.</p>
<p><a href="${escapeHtml(link)}">Set your password</a>, then sign in.</p>
<p>The link works once and until ${escapeHtml(expires)}. If you did not expect this email, ignore it.</p>`;
  return { to: mail.recipient, subject, text, html, link };
}
