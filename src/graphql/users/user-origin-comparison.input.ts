import { Field, InputType } from "type-graphql";
import { UserOrigin } from "../enums.js";

@InputType({ description: "Comparisons of how a user arrived." })
export class UserOriginComparison {
  @Field(() => UserOrigin, { nullable: true, description: "Equal." })
  eq?: UserOrigin | null;

  @Field(() => UserOrigin, { nullable: true, description: "Not equal." })
  ne?: UserOrigin | null;
}
