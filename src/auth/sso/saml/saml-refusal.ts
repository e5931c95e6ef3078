/** Why a SAML sign-in was refused, in words for the error page and the audit event. */
export type SamlRefusalReason =
  | "CONNECTION_INCOMPLETE"
  | "MALFORMED_RESPONSE"
  | "IDP_ERROR_STATUS"
  | "INVALID_SIGNATURE"
  | "WRONG_ISSUER"
  | "WRONG_AUDIENCE"
  | "WRONG_DESTINATION"
  | "EXPIRED"
  | "UNKNOWN_REQUEST"
  | "REPLAYED_ASSERTION";

/**
 * A SAML Response (or a sign-in start) that rolebridge refuses. The message is safe to show the
 * person at the browser and to keep in the audit log: it names what failed, never a key or the
 * assertion itself.
 */
export class SamlRefusal extends Error {
  constructor(
    readonly reason: SamlRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = "SamlRefusal";
  }
}
