import type { NonEmptyArray } from "type-graphql";
import { AuthResolver } from "./auth/auth.resolver.js";
import { CompanyResolver } from "./companies/company.resolver.js";
import { UserFieldsResolver } from "./users/user.type.js";

/** Every resolver of the schema. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [AuthResolver, CompanyResolver, UserFieldsResolver];
