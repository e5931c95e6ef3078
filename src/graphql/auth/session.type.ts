import { Field, ObjectType } from "type-graphql";
import { UserType } from "../users/user.type.js";

@ObjectType("Session", { description: "A signed-in session: a short-lived JWT to send as Authorization: Bearer." })
export class SessionType {
  @Field({ description: "The JWT (EdDSA, signed with a key kept in the database)." })
  token!: string;

  @Field({ description: "When the token stops being accepted." })
  expiresAt!: Date;

  @Field(() => UserType, { description: "The signed-in user." })
  user!: UserType;
}
