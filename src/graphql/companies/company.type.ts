import { Field, ID, Int, ObjectType } from "type-graphql";
import { ScimDeleteMode } from "../enums.js";

@ObjectType({ description: "Rules a password set through SCIM or GraphQL must satisfy.", simpleResolvers: true })
export class PasswordPolicyType {
  @Field(() => Int, { description: "Minimum number of characters." })
  minLength!: number;

  @Field({ description: "A lowercase letter is required." })
  requireLowercase!: boolean;

  @Field({ description: "An uppercase letter is required." })
  requireUppercase!: boolean;

  @Field({ description: "A digit is required." })
  requireDigit!: boolean;

  @Field({ description: "A symbol (neither letter nor digit) is required." })
  requireSymbol!: boolean;

  @Field({ description: "The password may not contain the userName (or its part before @)." })
  disallowUserName!: boolean;
}

@ObjectType("Company", { description: "A tenant: one customer of the platform, with its settings.", simpleResolvers: true })
export class CompanyType {
  @Field(() => ID, { description: "Opaque, stable identifier." })
  id!: string;

  @Field({ description: "Short name used at login; unique ignoring case." })
  slug!: string;

  @Field({ description: "Display name." })
  name!: string;

  @Field({ description: "Whether the SCIM identity management feature is on (set by platform operators)." })
  scimEnabled!: boolean;

  @Field(() => ScimDeleteMode, { description: "What SCIM DELETE /Users/{id} does." })
  scimDeleteMode!: ScimDeleteMode;

  @Field({ description: "Whether a user may hold only one SCIM-sourced customer-supplied role at a time." })
  singleCustomerRole!: boolean;

  @Field({
    description:
      "Whether single sign-on is the only way in: password sign-in is refused (FORBIDDEN, reason SSO_REQUIRED) except for break-glass users, and users who could only sign in by SSO get no password invitation.",
  })
  ssoEnforced!: boolean;

  @Field(() => Int, { description: "How long a password invitation's link stays valid, in hours." })
  invitationTtlHours!: number;

  @Field(() => PasswordPolicyType, { description: "The password policy for users of this company." })
  passwordPolicy!: PasswordPolicyType;

  @Field({ description: "Whether a single sign-on by someone with no user yet creates the user (just-in-time); off by default." })
  ssoJitProvisioning!: boolean;

  @Field({ description: "Whether IdP groups at sign-in that name no customer-supplied role create one (unmapped); off by default, so they are only reported." })
  ssoCreateUnknownGroups!: boolean;

  @Field({ description: "When the company was created." })
  createdAt!: Date;

  @Field({ description: "When the company or its settings last changed." })
  updatedAt!: Date;
}
