import type { SsoConnection } from "../sso-connection.entity.js";

/**
 * A SAML connection's IdP and attribute settings, an unset one as null: what the service provider
 * checks and maps at sign-in, what the console shows and what a change's audit record keeps.
 */
export function samlConnectionFields(c: SsoConnection) {
  return {
    idpEntityId: c.idpEntityId ?? null,
    idpSsoUrl: c.idpSsoUrl ?? null,
    wantAssertionsSigned: c.wantAssertionsSigned,
    wantResponseSigned: c.wantResponseSigned,
    emailAttribute: c.emailAttribute ?? null,
    givenNameAttribute: c.givenNameAttribute ?? null,
    familyNameAttribute: c.familyNameAttribute ?? null,
    groupsAttribute: c.groupsAttribute ?? null,
  };
}
