import escapeHtml from "escape-html";
import type { Response } from "express";
import type { SsoSignInReport } from "../../domain/sso/sso-sign-in.service.js";

/**
 * The pages a browser lands on at the end of a single sign-on: a refusal says what went wrong
 * and what to do; a test sign-in shows what the IdP sent and what a real sign-in would do. Plain
 * HTML with no script, so they work under the strictest Content-Security-Policy.
 */

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem 1rem;color:#1b1f24;background:#f6f7f9}
main{max-width:44rem;margin:0 auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1.5rem;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin-top:0}.refusal{color:#a40e26}dt{font-weight:600;margin-top:.6rem}dd{margin:0}
pre{background:#f6f8fa;padding:.75rem;overflow:auto;max-height:24rem;font-size:.85rem}a{color:#0550ae}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" type="image/svg+xml" href="/admin/favicon.svg"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

function send(res: Response, status: number, html: string): void {
  res.status(status).set("Cache-Control", "no-store").type("html").send(html);
}

/** A refused sign-in: the reason, and the way back. No session was opened. */
export function sendRefusal(res: Response, status: number, reason: string): void {
  send(
    res,
    status,
    page(
      "Single sign-on refused",
      `<h1 class="refusal">Single sign-on refused</h1><p role="alert" id="reason">${escapeHtml(reason)}</p>
       <p>You are not signed in. <a href="/admin/">Back to the sign-in page</a>. If this keeps happening, show this message to your administrator; the refusal is in the company's audit log.</p>`,
    ),
  );
}

/** Where a signed-in browser goes: the console, by a same-site navigation (the session cookie is SameSite=Strict). */
export function sendSignedIn(res: Response, userName: string, next: string): void {
  send(
    res,
    200,
    page(
      "Signed in",
      `<meta http-equiv="refresh" content="0;url=${escapeHtml(next)}"><h1>Signed in as ${escapeHtml(userName)}</h1><p><a href="${escapeHtml(next)}">Continue to the console</a></p>`,
    ),
  );
}

function list(values: readonly string[]): string {
  return values.length ? escapeHtml(values.join(", ")) : "none";
}

/** A test sign-in's result: nothing was changed but the connection, which is now active. */
export function sendTestResult(res: Response, report: SsoSignInReport): void {
  const user = report.matchedUser
    ? `matched ${escapeHtml(report.matchedUser.userName)}`
    : report.createdUserName
      ? `would be created as ${escapeHtml(report.createdUserName)}`
      : "no user matches";
  send(
    res,
    200,
    page(
      "Test sign-in result",
      `<h1>Test sign-in succeeded</h1>
       <p>The IdP's answer passed every check; the connection is now active. Nothing else was changed.</p>
       ${report.refusal ? `<p class="refusal" role="alert">A real sign-in by this person would be refused: ${escapeHtml(report.refusal)}</p>` : ""}
       <dl>
         <dt>Subject</dt><dd>${escapeHtml(report.subject)}</dd>
         <dt>Email</dt><dd>${escapeHtml(report.email ?? "none")}</dd>
         <dt>User</dt><dd id="user">${user}</dd>
         <dt>Groups received</dt><dd>${list(report.groups)}</dd>
         <dt>Customer-supplied roles it would assign</dt><dd id="roles">${report.assignsRoles ? list([...report.customerRoles, ...report.createdCustomerRoles]) : "none: the user's roles do not follow the IdP (autoAssignRoles is off)"}</dd>
         <dt>Unknown groups (not created)</dt><dd>${list(report.unknownGroups)}</dd>
         <dt>Data-access roles</dt><dd>${list(report.dataAccessRoles)}</dd>
         <dt>App-access roles</dt><dd>${list(report.appAccessRoles)}</dd>
       </dl>
       <h2>Claims received</h2><pre>${escapeHtml(JSON.stringify(report.received, null, 2))}</pre>
       <p><a href="/admin/integrations/sso">Back to the SSO connections</a></p>`,
    ),
  );
}
