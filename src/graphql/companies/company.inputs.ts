import { Field, InputType, Int } from "type-graphql";
import { ScimDeleteMode } from "../enums.js";

@InputType({ description: "Changes to the password policy; fields left out are kept." })
export class PasswordPolicyInput {
  @Field(() => Int, { nullable: true, description: "Minimum number of characters (8 to 256)." })
  minLength?: number;

  @Field({ nullable: true, description: "Require a lowercase letter." })
  requireLowercase?: boolean;

  @Field({ nullable: true, description: "Require an uppercase letter." })
  requireUppercase?: boolean;

  @Field({ nullable: true, description: "Require a digit." })
  requireDigit?: boolean;

  @Field({ nullable: true, description: "Require a symbol." })
  requireSymbol?: boolean;

  @Field({ nullable: true, description: "Forbid passwords containing the userName." })
  disallowUserName?: boolean;
}

@InputType({ description: "Changes to company settings; fields left out are kept." })
export class CompanySettingsInput {
  @Field({ nullable: true, description: "Display name." })
  name?: string;

  @Field(() => ScimDeleteMode, { nullable: true, description: "What SCIM DELETE /Users/{id} does." })
  scimDeleteMode?: ScimDeleteMode;

  @Field({ nullable: true, description: "Allow a user only one SCIM-sourced customer-supplied role at a time." })
  singleCustomerRole?: boolean;

  @Field(() => PasswordPolicyInput, { nullable: true, description: "Password policy changes." })
  passwordPolicy?: PasswordPolicyInput;

  @Field(() => Boolean, { nullable: true, description: "Create users who sign in with SSO and do not exist yet (just-in-time)." })
  ssoJitProvisioning?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Create customer-supplied roles for IdP groups at sign-in that name none yet." })
  ssoCreateUnknownGroups?: boolean | null;

  @Field({
    nullable: true,
    description:
      "Make single sign-on the only way in, except for break-glass users. Turning it on is refused (BAD_USER_INPUT, reason NO_BREAK_GLASS_ADMINISTRATOR) unless an active holder of CanConfigureCompany with a password is break-glass.",
  })
  ssoEnforced?: boolean;

  @Field(() => Int, { nullable: true, description: "How long a password invitation's link stays valid, in hours (1 to 720)." })
  invitationTtlHours?: number;
}

@InputType({ description: "A new company (platform operators)." })
export class CreateCompanyInput {
  @Field({ description: "Short login name: 2-63 characters of a-z, 0-9 and '-'." })
  slug!: string;

  @Field({ description: "Display name." })
  name!: string;

  @Field({ nullable: true, description: "Switch SCIM identity management on at once (default false)." })
  scimEnabled?: boolean;
}
