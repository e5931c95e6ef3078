/** Who owns a membership; SCIM only ever changes what SCIM owns (authentik's source links). */
export enum MembershipSource {
  /** Added through SCIM Groups (`members` of a Group). */
  SCIM_GROUP = "scim-group",
  /** Added through the multi-valued `roles` attribute of a SCIM User (RFC 7643 §4.1.2). */
  SCIM_ROLES_ATTRIBUTE = "scim-roles-attribute",
  /** Added by a file-based user upload. */
  UPLOAD = "upload",
  /** Added by an admin through GraphQL. */
  MANUAL = "manual",
  /** Set at single sign-on from the groups the IdP asserted, replaced at every sign-in. */
  SSO = "sso",
}
