import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { PageInfo } from "../pagination.js";
import { JSONScalar } from "../scalars.js";
import { DateTimeComparison, StringComparison } from "../where.inputs.js";

@ObjectType("AuditEvent", {
  description:
    "One change to the company's configuration or data, written in the transaction of the change itself: role mappings, access roles, company settings, credentials, users and customer-supplied roles. Changes made through an impersonated (proxy) session name the impersonating platform operator.",
  simpleResolvers: true,
})
export class AuditEventType {
  @Field(() => ID, { description: "Opaque identifier of the event." })
  id!: string;

  @Field({ description: "When the change was committed." })
  createdAt!: Date;

  @Field(() => String, { nullable: true, description: "The acting user's id (kept after the user is deleted); null for system actors such as the CLI." })
  actorUserId!: string | null;

  @Field(() => String, { nullable: true, description: "The acting user's userName at the time, or system:cli / system:first-run." })
  actorUserName!: string | null;

  @Field(() => String, { nullable: true, description: "The platform operator who acted through an impersonated session (RFC 8693 act); null otherwise." })
  impersonatorUserId!: string | null;

  @Field({ description: "What was done, e.g. roleMapping.set, appAccessRole.update, company.updateSettings, appPassword.revoke." })
  action!: string;

  @Field({ description: "The kind of thing changed, e.g. CustomerRole, AppAccessRole, Company, AppPassword, User." })
  targetType!: string;

  @Field(() => String, { nullable: true, description: "The changed thing's id." })
  targetId!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: "The changed attributes before the change (null for a creation)." })
  before!: unknown;

  @Field(() => JSONScalar, { nullable: true, description: "The changed attributes after the change (null for a deletion)." })
  after!: unknown;
}

@ObjectType("AuditEventConnection", { description: "One page of the audit history, newest first.", simpleResolvers: true })
export class AuditEventConnection {
  @Field(() => [AuditEventType], { description: "The events of this page, newest first." })
  nodes!: AuditEventType[];

  @Field(() => Int, { description: "How many events match the filter in all." })
  totalCount!: number;

  @Field(() => PageInfo, { description: "Where this page sits in the whole result." })
  pageInfo!: PageInfo;
}

@InputType("AuditEventWhere", { description: "Which audit events: the comparisons of one node must all hold; and/or/not combine nodes." })
export class AuditEventWhere {
  @Field(() => DateTimeComparison, { nullable: true, description: "When the change was committed." })
  createdAt?: DateTimeComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The action, e.g. { eq: \"roleMapping.set\" } or { sw: \"roleMapping.\" } (case-sensitive)." })
  action?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The target type, e.g. CustomerRole (case-sensitive)." })
  targetType?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The target's id (case-sensitive)." })
  targetId?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The acting user's id (case-sensitive)." })
  actorUserId?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The acting user's userName (ignoring case)." })
  actorUserName?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The impersonating platform operator's id; { pr: true } lists every change made through an impersonated session." })
  impersonatorUserId?: StringComparison | null;

  @Field(() => [AuditEventWhere], { nullable: true, description: "Every one of these must hold." })
  and?: AuditEventWhere[] | null;

  @Field(() => [AuditEventWhere], { nullable: true, description: "At least one of these must hold." })
  or?: AuditEventWhere[] | null;

  @Field(() => AuditEventWhere, { nullable: true, description: "This must not hold." })
  not?: AuditEventWhere | null;
}
