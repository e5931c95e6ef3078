import type { EntityManager } from "@mikro-orm/postgresql";
import { completeSettings, samlClient } from "./saml-client.js";
import type { SamlConnectionSettings } from "./saml-connection-settings.js";
import type { SamlRequestStore } from "./saml-request.store.js";
import type { ServiceProviderEndpoints } from "../../../domain/sso/sso-urls.js";

/**
 * Starts a SAML sign-in: an AuthnRequest by the HTTP-Redirect binding (SAML 2.0 Bindings §3.4),
 * deflated and base64-encoded into the IdP's single sign-on URL. Its ID is kept server-side until
 * the Response comes back naming it in InResponseTo. RelayState carries the return path (a
 * path of this server; Bindings §3.4.3 caps it at 80 bytes); the ACS trusts only the copy kept with
 * the request, since RelayState comes back unsigned.
 * Returns the URL to redirect the browser to.
 */
export async function startSamlSignIn(
  em: EntityManager,
  requests: SamlRequestStore,
  connection: SamlConnectionSettings,
  sp: ServiceProviderEndpoints,
  options: { returnTo: string | null; testerUserId?: string | null },
): Promise<string> {
  const settings = completeSettings(connection);
  const requestId = requests.newRequestId();
  await requests.save(em, settings.companyId, { requestId, connectionId: settings.id, returnTo: options.returnTo, testerUserId: options.testerUserId ?? null });
  const relayState = options.returnTo && Buffer.byteLength(options.returnTo) <= 80 ? options.returnTo : "";
  return samlClient(settings, sp, { requestId }).getAuthorizeUrlAsync(relayState, undefined, {});
}
