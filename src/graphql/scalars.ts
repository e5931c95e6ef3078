import { DateTimeISOResolver, JSONObjectResolver } from "graphql-scalars";

/** ISO 8601 timestamps, as SCIM `meta.created`/`lastModified` use (RFC 7643 §2.3.5). */
export const DateTimeScalar = DateTimeISOResolver;

/** An arbitrary JSON object (extension attributes kept as the IdP sent them). */
export const JSONObjectScalar = JSONObjectResolver;

/** Any JSON value (audit before/after, the role-mapping backup document). */
export { JSONResolver as JSONScalar } from "graphql-scalars";
