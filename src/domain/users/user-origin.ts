/**
 * How a user arrived in the company, fixed when the user is created: an IdP's SCIM POST /Users,
 * a row of a CSV upload, or an admin (GraphQL, the CLI, the first run). An admin reads it to know
 * who keeps the user up to date: a SCIM user changed by hand is changed back on the IdP's next push.
 */
export enum UserOrigin {
  SCIM = "scim",
  UPLOAD = "upload",
  MANUAL = "manual",
}
