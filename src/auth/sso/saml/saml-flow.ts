import express, { Router } from "express";
import type { EntityManager } from "@mikro-orm/postgresql";
import type { Company } from "../../../domain/companies/company.entity.js";
import { serviceProviderEndpoints } from "../../../domain/sso/sso-urls.js";
import { type SsoConnection, SsoConnectionStatus, SsoProtocol } from "../../../domain/sso/sso-connection.entity.js";
import { samlConnectionFields } from "../../../domain/sso/saml/saml-connection-fields.js";
import { type SsoFinish, type SsoProtocolFlow, SsoProtocolRefusal, type SsoStart } from "../sso-protocol-flow.js";
import { activeConnection, connectionOf, ssoRequestOf } from "../sso-request.js";
import { startSamlSignIn } from "./authn-request.js";
import type { SamlConnectionSettings } from "./saml-connection-settings.js";
import { groupsSentElsewhere } from "./saml-identity.js";
import { SamlRefusal, type SamlRefusalReason } from "./saml-refusal.js";
import type { SamlRequestStore } from "./saml-request.store.js";
import type { SamlResponseValidator } from "./saml-response.js";
import { pendingRequestIdOf } from "./pending-request-id.js";
import { spMetadataXml } from "./sp-metadata.js";

/** A Response is a few kilobytes; Entra ID's with a hundred group claims stays well under this. */
const MAX_FORM_BYTES = "512kb";

/** A response that proves nothing about who signs in is 401; one that is not a SAML Response at all, 400. */
const STATUS: Partial<Record<SamlRefusalReason, number>> = { MALFORMED_RESPONSE: 400, CONNECTION_INCOMPLETE: 400, IDP_ERROR_STATUS: 401 };

/** The settings the protocol code reads, from the connection row. */
export function samlSettingsOf(connection: SsoConnection): SamlConnectionSettings {
  return {
    id: connection.id,
    companyId: connection.company.id,
    idpCertificates: connection.idpCertificates,
    ...samlConnectionFields(connection),
  };
}

/**
 * Where a signed-in browser may be sent: a path of the console, never another origin (an open
 * redirect would turn rolebridge's sign-in into a phishing relay). RelayState is limited to 80
 * bytes (SAML 2.0 Bindings §3.4.3).
 */
export function consoleReturnPath(value: unknown): string | null {
  if (typeof value !== "string" || Buffer.byteLength(value) > 80) return null;
  return /^\/admin(\/[^\\]*)?$/.test(value) && !value.startsWith("//") ? value : null;
}

/**
 * SAML 2.0 Web Browser SSO (SAML 2.0 Profiles §4.1) with rolebridge as the service provider:
 * the start redirects to the IdP with an AuthnRequest; `POST /sso/:company/saml/acs` receives the
 * Response by the HTTP-POST binding; `GET /sso/:company/saml/metadata` publishes the SP metadata.
 * The AuthnRequest is remembered in the database, not in a cookie: the Response arrives by a
 * cross-site POST, which carries no SameSite=Lax or Strict cookie.
 */
export class SamlFlow implements SsoProtocolFlow {
  readonly protocol = SsoProtocol.SAML;

  constructor(
    private readonly requests: SamlRequestStore,
    private readonly validator: SamlResponseValidator,
  ) {}

  async start(req: Parameters<SsoProtocolFlow["start"]>[0], res: Parameters<SsoProtocolFlow["start"]>[1], start: SsoStart): Promise<void> {
    const sp = serviceProviderEndpoints(start.baseUrl, start.company.slug);
    let url: string;
    try {
      url = await startSamlSignIn(start.em, this.requests, samlSettingsOf(start.connection), sp, {
        returnTo: consoleReturnPath(req.query.returnTo),
        testerUserId: start.testerUserId ?? null,
      });
    } catch (err) {
      throw this.refusal(err, start.connection);
    }
    res.set("Cache-Control", "no-store").redirect(303, url);
  }

  routes(finish: SsoFinish): Router {
    const router = Router({ mergeParams: true });

    router.get("/metadata", (_req, res) => {
      const { company, baseUrl } = ssoRequestOf(res);
      res
        .status(200)
        .set("Cache-Control", "public, max-age=300")
        .type("application/samlmetadata+xml")
        .send(spMetadataXml(serviceProviderEndpoints(baseUrl, company.slug), true));
    });

    const form = express.urlencoded({ extended: false, limit: MAX_FORM_BYTES, parameterLimit: 10 });
    // A form that cannot be read (too large, badly encoded) is refused like any other answer, with
    // the refusal page (not the API routes' JSON error: a person's browser posted it) and its audit
    // event; the ACS route below refuses it.
    const readForm: express.RequestHandler = (req, res, next) =>
      form(req, res, (err?: unknown) => {
        if (err) res.locals.unreadableForm = (err as { status?: number }).status === 413 ? 413 : 400;
        next();
      });
    router.post("/acs", readForm, async (req, res, next) => {
      try {
        const { em, company, baseUrl } = ssoRequestOf(res);
        await finish(req, res, company, async () => {
          const unreadable = res.locals.unreadableForm as 400 | 413 | undefined;
          if (unreadable) {
            throw new SsoProtocolRefusal(
              unreadable === 413 ? `the IdP's form is larger than ${MAX_FORM_BYTES} bytes; no SAML Response is` : "the IdP's form could not be read",
              null,
              null,
              unreadable,
            );
          }
          const samlResponse = (req.body as Record<string, unknown> | undefined)?.SAMLResponse;
          if (typeof samlResponse !== "string" || samlResponse === "") {
            throw new SsoProtocolRefusal("the IdP sent no SAMLResponse; start the sign-in again", null, null, 400);
          }
          const connection = await this.connectionFor(em, company, samlResponse);
          const sp = serviceProviderEndpoints(baseUrl, company.slug);
          let verified;
          try {
            verified = await this.validator.validate(em, samlSettingsOf(connection), sp, samlResponse);
          } catch (err) {
            throw this.refusal(err, connection);
          }
          const { request, identity } = verified;
          // Disabled while the person was at the IdP: refused, unless it is an administrator's test
          // sign-in, whose success is how a connection becomes active again (as with OIDC).
          if (connection.status === SsoConnectionStatus.DISABLED && !request.testerUserId) {
            throw new SsoProtocolRefusal(`the SSO connection "${connection.name}" is disabled; sign in with a password, or ask an administrator`, connection, null, 403);
          }
          if (groupsSentElsewhere(identity.received, connection.groupsAttribute ?? null)) {
            throw new SsoProtocolRefusal(
              `the IdP sent a link to the user's groups instead of the "${connection.groupsAttribute}" attribute (Entra ID does so above 150 groups), so the roles cannot be set; ` +
                "an administrator can send only the groups assigned to the application instead",
              connection,
              identity,
              403,
            );
          }
          return {
            connection,
            identity,
            returnTo: request.returnTo ?? undefined,
            testerUserId: request.testerUserId ?? undefined,
          };
        });
      } catch (err) {
        next(err);
      }
    });
    return router;
  }

  /**
   * The connection a Response is checked against: the one its AuthnRequest went out through,
   * found by the InResponseTo it names (not trusted yet: the validator checks the signed copy
   * against the same request). A Response naming no pending request is checked against the
   * company's active SAML connection, so its refusal says precisely what is wrong.
   */
  private async connectionFor(em: EntityManager, company: Company, samlResponse: string): Promise<SsoConnection> {
    const requestId = pendingRequestIdOf(samlResponse);
    const pending = requestId ? await this.requests.connectionOf(em, company.id, requestId) : null;
    const connection = pending ? await connectionOf(em, company, pending) : await activeConnection(em, company, SsoProtocol.SAML);
    if (!connection || connection.protocol !== SsoProtocol.SAML) {
      throw new SsoProtocolRefusal(`${company.name} has no SAML connection this Response could answer; start the sign-in again from ${company.slug}'s sign-in page`, null, null, 401);
    }
    return connection;
  }

  private refusal(err: unknown, connection: SsoConnection): unknown {
    if (!(err instanceof SamlRefusal)) return err;
    return new SsoProtocolRefusal(err.message, connection, null, STATUS[err.reason] ?? 401);
  }
}
