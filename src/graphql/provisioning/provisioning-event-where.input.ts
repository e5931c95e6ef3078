import { Field, InputType, Int } from "type-graphql";
import { DateTimeComparison, IdComparison, StringComparison } from "../where.inputs.js";
import { ProvisioningOutcome } from "./provisioning-event.type.js";

@InputType({ description: "Comparisons of an HTTP status code; several operators in one object must all hold." })
export class StatusComparison {
  @Field(() => Int, { nullable: true, description: "Equal." })
  eq?: number | null;

  @Field(() => Int, { nullable: true, description: "Not equal." })
  ne?: number | null;

  @Field(() => Int, { nullable: true, description: "Greater than." })
  gt?: number | null;

  @Field(() => Int, { nullable: true, description: "Greater than or equal, e.g. 400 for every failure." })
  ge?: number | null;

  @Field(() => Int, { nullable: true, description: "Less than." })
  lt?: number | null;

  @Field(() => Int, { nullable: true, description: "Less than or equal." })
  le?: number | null;

  @Field(() => [Int], { nullable: true, description: "Any of these statuses." })
  in?: number[] | null;
}

@InputType("ProvisioningEventWhere", { description: "Which provisioning events: every condition given must hold." })
export class ProvisioningEventWhere {
  @Field(() => DateTimeComparison, { nullable: true, description: "When the request was served, e.g. { ge: since, lt: until }." })
  createdAt?: DateTimeComparison | null;

  @Field(() => IdComparison, { nullable: true, description: "The app password (credential) used, by id." })
  appPasswordId?: IdComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The credential's Client ID (compared case-sensitively)." })
  clientId?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "HTTP method." })
  method?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "Request path below the SCIM base URL (case-sensitive)." })
  path?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "SCIM resource type: User or Group." })
  resourceType?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The resource's id (case-sensitive)." })
  resourceId?: StringComparison | null;

  @Field(() => StringComparison, { nullable: true, description: "The error's scimType, e.g. uniqueness (pr: false for requests without one)." })
  scimType?: StringComparison | null;

  @Field(() => ProvisioningOutcome, { nullable: true, description: "SUCCESS or FAILURE." })
  outcome?: ProvisioningOutcome | null;

  @Field(() => StatusComparison, { nullable: true, description: "The HTTP status answered." })
  status?: StatusComparison | null;
}
