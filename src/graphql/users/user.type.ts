import DataLoader from "dataloader";
import { Ctx, Field, ID, Int, ObjectType, Root, FieldResolver, Resolver } from "type-graphql";
import type { UserView } from "../../domain/users/user.view.js";
import { type GraphQLContext, perRequest, scopeOf } from "../context.js";
import { JSONObjectScalar } from "../scalars.js";
import { UserOrigin } from "../enums.js";

@ObjectType("UserEmail", { description: "One of a user's email addresses (RFC 7643 §4.1.2 emails).", simpleResolvers: true })
export class UserEmailType {
  @Field({ description: "The address." })
  value!: string;

  @Field(() => String, { nullable: true, description: "Its type, such as work or home." })
  type?: string | null;

  @Field({ description: "Whether this is the primary address." })
  primary!: boolean;

  @Field(() => String, { nullable: true, description: "A human-readable label." })
  display?: string | null;
}

@ObjectType("UserName", { description: "The components of a user's name (RFC 7643 §4.1.1 name).", simpleResolvers: true })
export class UserNameType {
  @Field(() => String, { nullable: true, description: "The full name, formatted for display." })
  formatted?: string | null;

  @Field(() => String, { nullable: true, description: "Family (last) name." })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: "Given (first) name." })
  givenName?: string | null;

  @Field(() => String, { nullable: true, description: "Middle name(s)." })
  middleName?: string | null;

  @Field(() => String, { nullable: true, description: "Honorific prefix, such as Ms." })
  honorificPrefix?: string | null;

  @Field(() => String, { nullable: true, description: "Honorific suffix, such as III." })
  honorificSuffix?: string | null;
}

@ObjectType("EnterpriseUser", { description: "Enterprise attributes (RFC 7643 §4.3).", simpleResolvers: true })
export class EnterpriseUserType {
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

  @Field(() => String, { nullable: true, description: "The manager's id (manager.value)." })
  managerId?: string | null;

  @Field(() => String, { nullable: true, description: "The manager's display name." })
  managerDisplayName?: string | null;
}

@ObjectType("User", { description: "A person or service account of the caller's company (the SCIM User resource).", simpleResolvers: true })
export class UserType {
  @Field(() => ID, { description: "Opaque, stable identifier; never reused." })
  id!: string;

  @Field({ description: "Unique per company ignoring case; usually the work email." })
  userName!: string;

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

  @Field({ description: "Whether the user may sign in." })
  active!: boolean;

  @Field(() => String, { nullable: true, description: "Person id of the custom extension, used for contextual security." })
  personId?: string | null;

  @Field({ description: "Allow log in via single sign-on (set for users created through SCIM)." })
  allowSsoLogin!: boolean;

  @Field({ description: "Assign roles from the customer-supplied role mapping (set for users created through SCIM)." })
  autoAssignRoles!: boolean;

  @Field({ description: "A dedicated non-human account, such as the IdP's SCIM account." })
  isServiceAccount!: boolean;

  @Field(() => UserOrigin, {
    description: "How the user arrived: provisioned by an IdP over SCIM, created by an upload, or by an admin. A SCIM user's attributes are the IdP's to change.",
  })
  origin!: UserOrigin;

  @Field(() => JSONObjectScalar, { description: "Attributes and extensions rolebridge does not model, as the IdP sent them, keyed by schema URN." })
  extensionAttributes!: Record<string, unknown>;

  @Field(() => Int, { description: "Bumped on every change; pass it as expectedVersion to detect concurrent changes." })
  version!: number;

  @Field({ description: "When the user was created." })
  createdAt!: Date;

  @Field({ description: "When the user last changed (SCIM meta.lastModified)." })
  updatedAt!: Date;

  @Field(() => UserNameType, { description: "Name components." })
  name!: UserNameType;

  @Field(() => [UserEmailType], { description: "Email addresses in the order the IdP sent them." })
  emails!: UserEmailType[];

  @Field(() => EnterpriseUserType, { description: "Enterprise extension attributes." })
  enterprise!: EnterpriseUserType;
}

/** The fields of User that a read may not have fetched with the user. */
@Resolver(() => UserType)
export class UserFieldsResolver {
  @FieldResolver(() => Boolean, { description: "Whether a password is set (the password itself is never returned)." })
  hasPassword(@Root() user: UserView, @Ctx() ctx: GraphQLContext): boolean | Promise<boolean> {
    return user.hasPassword ?? hasPasswordLoader(ctx).load(user.id);
  }

  @FieldResolver(() => Boolean, {
    description: "A break-glass account: may still sign in with a password while the company enforces SSO (set with setBreakGlass).",
  })
  breakGlass(@Root() user: UserView): boolean {
    // A user just created is never break-glass; every read of a stored user reads the flag.
    return user.breakGlass ?? false;
  }
}

/**
 * One batched `password_hash is not null` query per request for all users in a result, so
 * `hasPassword` on a page of 1000 users costs one query, not 1000 (type-graphql docs/performance.md).
 * Not cached: a mutation earlier in the same document may have just set or cleared a password.
 */
const hasPasswordLoader = perRequest(
  (ctx) =>
    new DataLoader<string, boolean>(
      async (ids) => {
        const withPassword = await ctx.services.users.idsWithPassword(scopeOf(ctx), ids);
        return ids.map((id) => withPassword.has(id));
      },
      { cache: false },
    ),
);

