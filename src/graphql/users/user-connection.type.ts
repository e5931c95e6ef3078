import { Field, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../pagination.js";
import { UserType } from "./user.type.js";

@ObjectType("UserConnection", { description: "One page of users with the total number matching the filter (SCIM ListResponse).", simpleResolvers: true })
export class UserConnection {
  @Field(() => [UserType], { description: "The users of this page, in the requested order." })
  nodes!: UserType[];

  @Field(() => Int, { description: "How many users match the filter in all (SCIM totalResults)." })
  totalCount!: number;

  @Field(() => PageInfo, { description: "Where this page sits in the whole result." })
  pageInfo!: PageInfo;
}

@ObjectType("DeprovisionResult", { description: "What deprovisionUser did under the company's scimDeleteMode.", simpleResolvers: true })
export class DeprovisionResult {
  @Field({ description: "True when the user was removed (scimDeleteMode DELETE); false when it was deactivated and kept." })
  deleted!: boolean;

  @Field(() => UserType, { nullable: true, description: "The deactivated user; null when it was removed." })
  user?: UserType | null;
}
