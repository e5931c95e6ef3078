import { MAX_BULK_OPERATIONS } from "../messages/bulk-request.js";
import { DEFAULT_COUNT, MAX_RESULTS } from "../messages/search-request.js";
import { MAX_BODY_BYTES } from "../media-type.js";

export const SERVICE_PROVIDER_CONFIG_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

/**
 * RFC 7643 §5: what this service provider supports, and nothing it does not (a
 * ServiceProviderConfig that claims what the code does not do misleads every IdP).
 */
export function serviceProviderConfig(baseUrl: string): Record<string, unknown> {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: "https://datatracker.ietf.org/doc/html/rfc7644",
    patch: { supported: true },
    // RFC 7644 §3.7.4: both bounds are enforced, each with a 413 that names it.
    bulk: { supported: true, maxOperations: MAX_BULK_OPERATIONS, maxPayloadSize: MAX_BODY_BYTES },
    filter: { supported: true, maxResults: MAX_RESULTS },
    // RFC 9865 §4. Index paging stays the default, so IdPs written before cursors see no change
    // (RFC 9865 §2.4). No cursorTimeout: a cursor is the last row's sort key and id, which a later
    // request seeks from however long after, so it does not expire.
    pagination: { cursor: true, index: true, defaultPaginationMethod: "index", defaultPageSize: DEFAULT_COUNT, maxPageSize: MAX_RESULTS },
    changePassword: { supported: true },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: "httpbasic",
        name: "HTTP Basic",
        description: "The app password's Client ID as user name and its Client Secret as password (RFC 7617).",
        specUri: "https://datatracker.ietf.org/doc/html/rfc7617",
        primary: true,
      },
      {
        type: "oauthbearertoken",
        name: "OAuth Bearer Token",
        description:
          "Authorization: Bearer with either the app password as one secret token (<Client ID>.<Client Secret>) or an access token from POST /oauth2/token with the client credentials grant (RFC 6750).",
        specUri: "https://datatracker.ietf.org/doc/html/rfc6750",
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}
