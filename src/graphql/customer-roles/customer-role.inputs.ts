import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { MembershipSource, SortDirection } from "../enums.js";

export enum CustomerRoleOrderField {
  DISPLAY_NAME = "displayName",
  EXTERNAL_ID = "externalId",
  CREATED_AT = "createdAt",
  UPDATED_AT = "updatedAt",
}

registerEnumType(CustomerRoleOrderField, {
  name: "CustomerRoleOrderField",
  description: "What customer-supplied roles can be sorted by.",
  valuesConfig: {
    DISPLAY_NAME: { description: "displayName, ignoring case." },
    EXTERNAL_ID: { description: "externalId (roles without one first)." },
    CREATED_AT: { description: "Creation time (the default: new roles land on the last page, so SCIM paging stays stable)." },
    UPDATED_AT: { description: "Time of the last change." },
  },
});

@InputType({ description: "How to sort customer-supplied roles; the id breaks ties so pages are stable." })
export class CustomerRoleOrderBy {
  @Field(() => CustomerRoleOrderField, { defaultValue: CustomerRoleOrderField.CREATED_AT, description: "The attribute to sort by." })
  field!: CustomerRoleOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: "Ascending or descending." })
  direction!: SortDirection;
}

@InputType({ description: "A new customer-supplied role (SCIM POST /Groups)." })
export class CreateCustomerRoleInput {
  @Field({ description: "Unique per company ignoring case; not empty, at most 256 characters." })
  displayName!: string;

  @Field(() => String, { nullable: true, description: "The IdP's identifier, kept exactly as sent; at most 1024 characters." })
  externalId?: string | null;

  @Field(() => [ID], { nullable: true, description: "Initial members' user ids; every id must name a user of the company, or nothing is created." })
  memberIds?: string[] | null;

  @Field(() => MembershipSource, { defaultValue: MembershipSource.MANUAL, description: "Who owns the initial memberships." })
  source!: MembershipSource;
}

@InputType({ description: "Attribute changes of a customer-supplied role; fields left out are kept." })
export class UpdateCustomerRoleInput {
  @Field(() => String, { nullable: true, description: "New displayName (unique per company ignoring case; not empty, at most 256 characters)." })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: "New externalId; null clears it." })
  externalId?: string | null;
}

@InputType({
  description:
    "One SCIM PATCH or PUT of a Group as one change (RFC 7644 §3.5.1, §3.5.2): attributes, then replaceUserIds, removeUserIds and addUserIds, all for memberships of `source`. Nothing reads the member list.",
})
export class PatchCustomerRoleInput {
  @Field(() => String, { nullable: true, description: "New displayName; left out keeps it." })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: "New externalId; null clears it, left out keeps it." })
  externalId?: string | null;

  @Field(() => [ID], { nullable: true, description: "Users to add; every id must name a user of the company, or nothing of the patch is applied." })
  addUserIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Users to remove; ids that are not members are ignored (IdPs retry removes). Must not overlap addUserIds." })
  removeUserIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "The whole membership of `source` (SCIM PUT or replace of members); other sources' memberships stay." })
  replaceUserIds?: string[] | null;

  @Field(() => MembershipSource, { defaultValue: MembershipSource.MANUAL, description: "Which source's memberships the patch changes." })
  source!: MembershipSource;
}
