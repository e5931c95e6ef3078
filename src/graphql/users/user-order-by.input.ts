import { Field, InputType, registerEnumType } from "type-graphql";
import { SortDirection } from "../pagination.js";

/** What users can be sorted by (SCIM sortBy, RFC 7644 §3.4.2.3). */
export enum UserSortField {
  USER_NAME = "USER_NAME",
  DISPLAY_NAME = "DISPLAY_NAME",
  GIVEN_NAME = "GIVEN_NAME",
  FAMILY_NAME = "FAMILY_NAME",
  EXTERNAL_ID = "EXTERNAL_ID",
  CREATED_AT = "CREATED_AT",
  UPDATED_AT = "UPDATED_AT",
}

registerEnumType(UserSortField, {
  name: "UserSortField",
  description: "An attribute users can be sorted by. Strings sort ignoring case, absent values first in ascending order.",
  valuesConfig: {
    USER_NAME: { description: "userName." },
    DISPLAY_NAME: { description: "displayName." },
    GIVEN_NAME: { description: "name.givenName." },
    FAMILY_NAME: { description: "name.familyName." },
    EXTERNAL_ID: { description: "externalId." },
    CREATED_AT: { description: "Creation time (meta.created); the default." },
    UPDATED_AT: { description: "Last change (meta.lastModified)." },
  },
});

@InputType("UserOrderBy", { description: "The order of a users list; ties are broken by id, so pages are stable." })
export class UserOrderBy {
  @Field(() => UserSortField, { description: "The attribute to sort by." })
  field!: UserSortField;

  @Field(() => SortDirection, { nullable: true, description: "Ascending (default) or descending." })
  direction?: SortDirection | null;
}
