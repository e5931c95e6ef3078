import { Field, InputType } from "type-graphql";
import { JSONObjectScalar, JSONScalar } from "../scalars.js";

/**
 * The one input of createUser, updateUser and replaceUser. In updateUser a field left out is
 * kept, an explicit null clears it and a list replaces the list; in replaceUser a field left out
 * is reset. Limits are checked by the service (BAD_USER_INPUT naming the field).
 */

@InputType("UserNameInput", { description: "Name components (RFC 7643 §4.1.1 name). In updateUser each part left out is kept and null clears it." })
export class UserNameInput {
  @Field(() => String, { nullable: true, description: "The full name, formatted for display." })
  formatted?: string | null;

  @Field(() => String, { nullable: true, description: "Given (first) name." })
  givenName?: string | null;

  @Field(() => String, { nullable: true, description: "Family (last) name." })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: "Middle name(s)." })
  middleName?: string | null;

  @Field(() => String, { nullable: true, description: "Honorific prefix, such as Ms." })
  honorificPrefix?: string | null;

  @Field(() => String, { nullable: true, description: "Honorific suffix, such as III." })
  honorificSuffix?: string | null;
}

@InputType("ExtensionAttributeUpdate", {
  description: "A change of one key of extensionAttributes: the value at path is set, or removed when value is null; keys not named are kept.",
})
export class ExtensionAttributeUpdateInput {
  @Field(() => [String], { description: "The keys from the top of extensionAttributes down, e.g. [\"urn:…:enterprise:2.0:User\", \"badge\"]." })
  path!: string[];

  @Field(() => JSONScalar, { nullable: true, description: "The new value; null removes the key." })
  value?: unknown;
}

@InputType("UserEmailInput", { description: "One email address (RFC 7643 §4.1.2 emails)." })
export class UserEmailInput {
  @Field(() => String, { description: "The address: a non-empty string of at most 512 characters." })
  value!: string;

  @Field(() => String, { nullable: true, description: "Its type, such as work or home." })
  type?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether this is the primary address; at most one email may be primary." })
  primary?: boolean | null;

  @Field(() => String, { nullable: true, description: "A human-readable label." })
  display?: string | null;
}

@InputType("EnterpriseUserInput", { description: "Enterprise extension attributes (RFC 7643 §4.3). In updateUser each one left out is kept and null clears it." })
export class EnterpriseUserInput {
  @Field(() => String, { nullable: true, description: "Employee number." })
  employeeNumber?: string | null;

  @Field(() => String, { nullable: true, description: "Cost centre." })
  costCenter?: string | null;

  @Field(() => String, { nullable: true, description: "Organization." })
  organization?: string | null;

  @Field(() => String, { nullable: true, description: "Division." })
  division?: string | null;

  @Field(() => String, { nullable: true, description: "Department." })
  department?: string | null;

  @Field(() => String, { nullable: true, description: "The manager's id (manager.value), kept as sent; the manager need not exist yet." })
  managerId?: string | null;

  @Field(() => String, { nullable: true, description: "The manager's display name (manager.displayName)." })
  managerDisplayName?: string | null;
}

@InputType("UserInput", {
  description:
    "A user's attributes. createUser and replaceUser require userName and reset what is left out; updateUser keeps what is left out, clears what is null and replaces lists (emails: [] removes every email).",
})
export class UserInput {
  @Field(() => String, {
    nullable: true,
    description: "Unique per company ignoring case; at most 256 characters, no control characters, surrounding spaces removed. Required by createUser and replaceUser; cannot be null in updateUser.",
  })
  userName?: string | null;

  @Field(() => String, { nullable: true, description: "The IdP's identifier, kept exactly as sent." })
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: "Name for display." })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: "Casual name." })
  nickName?: string | null;

  @Field(() => String, { nullable: true, description: "Job title." })
  title?: string | null;

  @Field(() => String, { nullable: true, description: "Employee type, such as Employee or Contractor." })
  userType?: string | null;

  @Field(() => String, { nullable: true, description: "Preferred language (RFC 7231 language tag)." })
  preferredLanguage?: string | null;

  @Field(() => String, { nullable: true, description: "Locale, such as en-US." })
  locale?: string | null;

  @Field(() => String, { nullable: true, description: "Time zone, such as Europe/London." })
  timezone?: string | null;

  @Field(() => UserNameInput, { nullable: true, description: "Name components; null clears them all." })
  name?: UserNameInput | null;

  @Field(() => [UserEmailInput], { nullable: true, description: "Email addresses in order (at most 100); replaces the whole list; null or [] removes every email." })
  emails?: UserEmailInput[] | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the user may sign in; null (or left out of a create or replace) means true." })
  active?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "Write-only: checked against the company's password policy (BAD_USER_INPUT with reason PASSWORD_POLICY naming the rule) and stored as an argon2id hash; null removes the password; never returned.",
  })
  password?: string | null;

  @Field(() => String, { nullable: true, description: "Person id of the custom extension (urn:ietf:params:scim:schemas:extension:custom:2.0:User), used for contextual security." })
  personId?: string | null;

  @Field(() => EnterpriseUserInput, { nullable: true, description: "Enterprise extension attributes; null clears them all." })
  enterprise?: EnterpriseUserInput | null;

  @Field(() => JSONObjectScalar, { nullable: true, description: "Attributes and extensions rolebridge does not model, keyed by schema URN; replaces the whole map when given (null clears it)." })
  extensionAttributes?: Record<string, unknown> | null;

  @Field(() => [ExtensionAttributeUpdateInput], {
    nullable: true,
    description:
      "Changes of single keys of extensionAttributes, applied after extensionAttributes (when both are given); what they do not name is kept. A SCIM PUT carrying attributes rolebridge does not model sends these.",
  })
  extensionAttributeUpdates?: ExtensionAttributeUpdateInput[] | null;

  @Field(() => Boolean, { nullable: true, description: "Allow log in via single sign-on. Defaults to true for users created through SCIM, false otherwise." })
  allowSsoLogin?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Assign roles from the customer-supplied role mapping. Defaults to true for users created through SCIM, false otherwise." })
  autoAssignRoles?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "A dedicated non-human account, such as the IdP's SCIM account (default false)." })
  isServiceAccount?: boolean | null;

  @Field(() => [String], {
    nullable: true,
    description:
      "The customer-supplied roles held through the SCIM User roles attribute (RFC 7643 §4.1.2, source SCIM_ROLES_ATTRIBUTE), by displayName ignoring case: the whole list of that source, changed in the same transaction as the user (at most 100; null or [] removes them, left out keeps them). A name seen for the first time creates an unmapped role. Other sources' memberships stay.",
  })
  roles?: string[] | null;
}
