import type { ConsoleMeQuery } from "./generated/graphql";

/** The signed-in user, as the console reads it once per session. */
export type Me = ConsoleMeQuery["me"];
/** What the session is authorised with: the permissions, and the operator behind an impersonation. */
export type Principal = ConsoleMeQuery["principal"];
