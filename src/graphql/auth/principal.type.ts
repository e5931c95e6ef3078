import { Field, ID, ObjectType } from "type-graphql";
import { Permission } from "../enums.js";
import { UserType } from "../users/user.type.js";

@ObjectType("Impersonator", { description: "The platform operator acting through an impersonated session.", simpleResolvers: true })
export class ImpersonatorType {
  @Field(() => ID, { description: "The operator's user id." })
  id!: string;

  @Field({ description: "The operator's userName." })
  userName!: string;
}

@ObjectType("Principal", {
  description:
    "Who is calling, as this request was authorised: the user, the permissions every check uses, and the operator behind an impersonated session. A console shows only what these permissions allow.",
  simpleResolvers: true,
})
export class PrincipalType {
  @Field(() => UserType, { description: "The signed-in user (the impersonated user in an impersonated session)." })
  user!: UserType;

  @Field(() => [Permission], { description: "The permissions of the user's effective app-access roles, which every request of this session is authorised with." })
  permissions!: Permission[];

  @Field({ description: "Whether the user is staff of the platform itself (companies, SCIM on/off, impersonation)." })
  isPlatformOperator!: boolean;

  @Field(() => ImpersonatorType, { nullable: true, description: "The platform operator acting through this impersonated session (RFC 8693 act); null otherwise." })
  impersonator?: ImpersonatorType | null;
}
