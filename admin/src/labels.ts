/** The words the console uses for the API's enums. */
import type { MembershipSource, UserOrigin } from "./generated/graphql";

export const ORIGIN_LABEL: Record<UserOrigin, string> = { SCIM: "SCIM", UPLOAD: "Upload", MANUAL: "Manual" };

export const SOURCE_LABEL: Record<MembershipSource, string> = {
  SCIM_GROUP: "SCIM group",
  SCIM_ROLES_ATTRIBUTE: "SCIM roles attribute",
  UPLOAD: "Upload",
  MANUAL: "Admin",
  SSO: "SSO",
};
