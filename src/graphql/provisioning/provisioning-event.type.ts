import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { ProvisioningEvent } from "../../domain/provisioning/provisioning-event.entity.js";
import { PageInfo } from "../pagination.js";
import { UserType } from "../users/user.type.js";

export enum ProvisioningOutcome {
  SUCCESS = "success",
  FAILURE = "failure",
}

registerEnumType(ProvisioningOutcome, {
  name: "ProvisioningOutcome",
  description: "Whether a SCIM request succeeded (status below 400) or failed.",
  valuesConfig: { SUCCESS: { description: "Answered with a status below 400." }, FAILURE: { description: "Answered with a status of 400 or more." } },
});

@ObjectType("ProvisioningCredential", {
  description: "The app password (Client ID) a SCIM request authenticated with, or named when its authentication failed.",
  simpleResolvers: true,
})
export class ProvisioningCredentialType {
  @Field(() => ID, { description: "The app password's id (see appPasswords)." })
  id!: string;

  @Field({ description: "Its name, e.g. the IdP it is configured in." })
  name!: string;

  @Field({ description: "Its public Client ID." })
  clientId!: string;

  @Field(() => Date, { nullable: true, description: "When it was revoked; null while it is active." })
  revokedAt!: Date | null;
}

@ObjectType("ProvisioningEvent", {
  description:
    "One SCIM request as the provisioning log keeps it; each operation of a Bulk request is logged as the request it stands for, with its own method, path, resource and status. Its id is the request id every SCIM error body carries (and the X-Request-Id response header; for a Bulk operation, the requestId in that operation's error), so an admin can paste it from the IdP's error into provisioningEvent(id).",
  simpleResolvers: true,
})
export class ProvisioningEventType {
  @Field(() => ID, { description: "The request id, as quoted in SCIM error bodies." })
  id!: string;

  @Field({ description: "When the request was served." })
  createdAt!: Date;

  @Field(() => ProvisioningCredentialType, {
    nullable: true,
    description: "The credential used (or, for a 401, the company's Client ID that was named); null when none could be attributed.",
  })
  credential!: ProvisioningCredentialType | null;

  @Field({ description: "HTTP method, e.g. POST or PATCH." })
  method!: string;

  @Field({ description: "Request path below the SCIM base URL, with its query string." })
  path!: string;

  @Field(() => String, { nullable: true, description: "SCIM resource type (User, Group) when the request addressed one." })
  resourceType!: string | null;

  @Field(() => String, { nullable: true, description: "Id of the resource created, read or changed, when known." })
  resourceId!: string | null;

  @Field(() => ProvisioningOutcome, { description: "SUCCESS or FAILURE, from the status." })
  outcome!: ProvisioningOutcome;

  @Field(() => Int, { description: "HTTP status answered." })
  status!: number;

  @Field(() => String, { nullable: true, description: "SCIM scimType of an error (RFC 7644 §3.12), e.g. uniqueness or invalidValue." })
  scimType!: string | null;

  @Field(() => String, { nullable: true, description: "The error detail the IdP was given." })
  detail!: string | null;

  @Field(() => Int, { description: "Time to serve the request, in milliseconds." })
  durationMs!: number;

  @Field(() => [String], {
    description:
      "IdP dialect normalisations applied before the request was processed (e.g. Entra's capitalised ops or string booleans, SailPoint's bare operation array, Okta's path-less value).",
  })
  normalizations!: string[];
}

@ObjectType("ProvisioningEventConnection", { description: "One page of the provisioning log, newest first.", simpleResolvers: true })
export class ProvisioningEventConnection {
  @Field(() => [ProvisioningEventType], { description: "The events of this page, newest first." })
  nodes!: ProvisioningEventType[];

  @Field(() => Int, { description: "How many events match the filter in all." })
  totalCount!: number;

  @Field(() => PageInfo, { description: "Where this page sits in the whole result." })
  pageInfo!: PageInfo;
}

@ObjectType("ProvisioningStatusCount", { description: "How many requests of the window were answered with one status.", simpleResolvers: true })
export class ProvisioningStatusCountType {
  @Field(() => Int, { description: "HTTP status." })
  status!: number;

  @Field(() => Int, { description: "Requests answered with it." })
  count!: number;
}

@ObjectType("ProvisioningNormalizationCount", { description: "How many requests of the window needed one IdP dialect normalisation.", simpleResolvers: true })
export class ProvisioningNormalizationCountType {
  @Field({ description: "The normalisation, e.g. entra-capitalised-op." })
  normalization!: string;

  @Field(() => Int, { description: "Requests it was applied to." })
  count!: number;
}

@ObjectType("ProvisioningSummary", {
  description:
    "The provisioning log of a time window in a few numbers, for the seeds' troubleshooting questions. \"Provisioning has suddenly stopped\": lastSuccess is old and revokedCredentialRequests (or wrongSecretRequests) counts recent refusals. \"Users are syncing but missing names\": usersCreatedWithoutNameCount counts users created through SCIM in the window whose givenName or familyName is still empty (check the IdP's attribute mapping).",
  simpleResolvers: true,
})
export class ProvisioningSummaryType {
  @Field({ description: "Start of the window (inclusive)." })
  since!: Date;

  @Field({ description: "End of the window (exclusive)." })
  until!: Date;

  @Field(() => Int, { description: "SCIM requests in the window." })
  totalRequests!: number;

  @Field(() => Int, { description: "Requests answered below 400." })
  successCount!: number;

  @Field(() => Int, { description: "Requests answered with 400 or more." })
  failureCount!: number;

  @Field(() => [ProvisioningStatusCountType], { description: "Requests by HTTP status, in status order." })
  countsByStatus!: ProvisioningStatusCountType[];

  @Field(() => ProvisioningEventType, { nullable: true, description: "The latest successful request before the window's end, however long ago; null if none ever." })
  lastSuccess!: ProvisioningEventType | null;

  @Field(() => ProvisioningEventType, {
    nullable: true,
    description: "The latest failed request before the window's end, however long ago, with its status, scimType and detail; null if none ever.",
  })
  lastFailure!: ProvisioningEventType | null;

  @Field(() => Int, {
    description:
      "401s in the window that named one of the company's Client IDs which had been revoked: the IdP still uses a revoked app password. (A Client ID unknown to rolebridge belongs to no company and is not counted anywhere a company can see.)",
  })
  revokedCredentialRequests!: number;

  @Field(() => Int, { description: "401s in the window that named one of the company's active Client IDs with a wrong secret." })
  wrongSecretRequests!: number;

  @Field(() => [ProvisioningNormalizationCountType], { description: "IdP dialect normalisations applied in the window, most frequent first." })
  normalizations!: ProvisioningNormalizationCountType[];

  @Field(() => Int, {
    description: "Users created through SCIM (POST /Users that succeeded) in the window whose givenName or familyName is empty now.",
  })
  usersCreatedWithoutNameCount!: number;

  @Field(() => [UserType], { description: "Up to 20 of those users, most recently created first." })
  usersCreatedWithoutName!: UserType[];
}

/** Shapes a ProvisioningEvent (its app password populated) for GraphQL. */
export function toProvisioningEventType(e: ProvisioningEvent): ProvisioningEventType {
  const ap = e.appPassword;
  return {
    id: e.id,
    createdAt: e.createdAt,
    credential: ap ? { id: ap.id, name: ap.name, clientId: ap.clientId, revokedAt: ap.revokedAt ?? null } : null,
    method: e.method,
    path: e.path,
    resourceType: e.resourceType ?? null,
    resourceId: e.resourceId ?? null,
    outcome: e.outcome === "success" ? ProvisioningOutcome.SUCCESS : ProvisioningOutcome.FAILURE,
    status: e.status,
    scimType: e.scimType ?? null,
    detail: e.detail ?? null,
    durationMs: e.durationMs,
    normalizations: e.normalizations ?? [],
  };
}
