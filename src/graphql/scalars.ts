import { DateTimeISOResolver, JSONObjectResolver } from "graphql-scalars";

/** ISO 8601 timestamps, as SCIM `meta.created`/`lastModified` use (RFC 7643 §2.3.5). */
export const DateTimeScalar = DateTimeISOResolver;

/** An arbitrary JSON object (extension attributes kept as the IdP sent them). */
export const JSONObjectScalar = JSONObjectResolver;
