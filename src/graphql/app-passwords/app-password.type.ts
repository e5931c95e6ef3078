import { Field, ID, ObjectType } from "type-graphql";
import type { AppPassword } from "../../domain/app-passwords/app-password.entity.js";

@ObjectType("AppPasswordOwner", { description: "The service account an app password belongs to.", simpleResolvers: true })
export class AppPasswordOwnerType {
  @Field(() => ID, { description: "The service account's user id." })
  id!: string;

  @Field({ description: "The service account's userName." })
  userName!: string;
}

@ObjectType("AppPassword", {
  description:
    "A never-expiring, revocable credential (Client ID + Client Secret) of a service account, which an IdP uses for SCIM. The secret is never returned after generation; only its hash is stored.",
  simpleResolvers: true,
})
export class AppPasswordType {
  @Field(() => ID, { description: "Opaque, stable identifier (pass it to revokeAppPassword)." })
  id!: string;

  @Field({ description: "The descriptive name given at generation, e.g. the IdP it is configured in." })
  name!: string;

  @Field({ description: "The public Client ID: the HTTP Basic user name, and the part before the dot of the bearer token." })
  clientId!: string;

  @Field({ description: "When the app password was generated." })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: "When it last authenticated a request; recorded at most once a minute, so it may lag by up to a minute.",
  })
  lastUsedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: "When it was revoked; null while it is active." })
  revokedAt?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description:
      "When rotateAppPassword issued this one's successor. It keeps working until the successor's first successful request, which revokes it; null when it is not being replaced.",
  })
  supersededAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: "The app password this one was rotated from (its first successful request revokes that one); null for one made by generateAppPassword.",
  })
  predecessorId?: string | null;

  @Field(() => Date, { nullable: true, description: "When a request last failed to authenticate with this Client ID." })
  lastFailureAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Why that request failed, e.g. wrong client secret or revoked." })
  lastFailureReason?: string | null;

  @Field({ description: "True until it is revoked (app passwords do not expire)." })
  active!: boolean;

  @Field(() => AppPasswordOwnerType, { description: "The service account it belongs to." })
  owner!: AppPasswordOwnerType;
}

@ObjectType("GeneratedAppPassword", {
  description:
    "The result of generateAppPassword. The clientSecret and bearerToken are shown this once: copy them now; they cannot be retrieved later, only revoked.",
  simpleResolvers: true,
})
export class GeneratedAppPasswordType {
  @Field(() => AppPasswordType, { description: "The new app password." })
  appPassword!: AppPasswordType;

  @Field({ description: "The Client Secret, shown this once (HTTP Basic password). Only its hash is stored." })
  clientSecret!: string;

  @Field({
    description:
      "`<clientId>.<clientSecret>` as one string, for IdPs that take a single secret token (sent as Authorization: Bearer). Shown this once.",
  })
  bearerToken!: string;
}

@ObjectType("RotatedAppPassword", {
  description:
    "The result of rotateAppPassword: the successor, with its secret shown this once, and the app password it replaces, which keeps working until the successor's first successful request.",
  simpleResolvers: true,
})
export class RotatedAppPasswordType extends GeneratedAppPasswordType {
  @Field(() => AppPasswordType, { description: "The app password being replaced; revoked by the successor's first successful request." })
  predecessor!: AppPasswordType;
}

/** Shapes an AppPassword (with its user loaded) for GraphQL; never touches the secret hash. */
export function toAppPasswordType(appPassword: AppPassword): AppPasswordType {
  return {
    id: appPassword.id,
    name: appPassword.name,
    clientId: appPassword.clientId,
    createdAt: appPassword.createdAt,
    lastUsedAt: appPassword.lastUsedAt ?? null,
    revokedAt: appPassword.revokedAt ?? null,
    supersededAt: appPassword.supersededAt ?? null,
    predecessorId: appPassword.predecessor?.id ?? null,
    lastFailureAt: appPassword.lastFailureAt ?? null,
    lastFailureReason: appPassword.lastFailureReason ?? null,
    active: !appPassword.revokedAt,
    owner: { id: appPassword.user.id, userName: appPassword.user.userName },
  };
}
