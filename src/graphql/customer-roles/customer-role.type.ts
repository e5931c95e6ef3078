import { Field, ID, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../pagination.js";

@ObjectType("CustomerRole", {
  description:
    "A customer-supplied role: the company's own role concept, provisioned by an IdP as a SCIM Group. Holding it grants the access roles of its mapping.",
})
export class CustomerRoleType {
  @Field(() => ID, { description: "Opaque, stable identifier; never reused (the SCIM Group id)." })
  id!: string;

  @Field({ description: "Name shown to people; unique per company ignoring case (RFC 7643 §4.2, caseExact false). At most 256 characters." })
  displayName!: string;

  @Field(() => String, { nullable: true, description: "The IdP's identifier for the group, kept exactly as sent. At most 1024 characters." })
  externalId?: string | null;

  @Field(() => Int, { description: "Bumped on every change of attributes or members; pass it as expectedVersion to detect concurrent changes (SCIM ETag)." })
  version!: number;

  @Field({ description: "When the role was created." })
  createdAt!: Date;

  @Field({ description: "When the role or its members last changed (SCIM meta.lastModified)." })
  updatedAt!: Date;
}

@ObjectType({ description: "A page of customer-supplied roles.", simpleResolvers: true })
export class CustomerRoleConnection {
  @Field(() => [CustomerRoleType], { description: "The roles of this page, in the requested order." })
  nodes!: CustomerRoleType[];

  @Field(() => Int, { description: "How many roles match the filter in all pages (SCIM totalResults)." })
  totalCount!: number;

  @Field(() => PageInfo, { description: "Where this page sits in the whole result." })
  pageInfo!: PageInfo;
}
