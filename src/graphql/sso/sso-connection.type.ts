import { Field, ID, Int, ObjectType } from "type-graphql";
import { SsoConnectionStatus, SsoProtocol } from "../enums.js";
import { JSONScalar } from "../scalars.js";

@ObjectType("SsoConnection", {
  description:
    "A company's single sign-on connection to one IdP. The client secret is never returned: `clientSecretSet` says whether one is stored (encrypted at rest).",
})
export class SsoConnectionType {
  @Field(() => ID, { description: "Opaque, stable identifier." })
  id!: string;

  @Field(() => SsoProtocol, { description: "OIDC or SAML." })
  protocol!: SsoProtocol;

  @Field({ description: "A name for admins, e.g. the IdP's." })
  name!: string;

  @Field(() => SsoConnectionStatus, { description: "DRAFT until a test sign-in succeeds, then ACTIVE; DISABLED refuses every sign-in." })
  status!: SsoConnectionStatus;

  @Field(() => Date, { nullable: true, description: "When the last successful test sign-in ran." })
  testedAt!: Date | null;

  @Field(() => JSONScalar, {
    nullable: true,
    description: "What the last test sign-in found: claims received, the user matched or to be created, the roles it would assign.",
  })
  lastTestResult!: unknown;

  @Field(() => Int, { description: "Bumped on every change; send it back as expectedVersion." })
  version!: number;

  @Field({ description: "When the connection was created." })
  createdAt!: Date;

  @Field({ description: "When the connection last changed." })
  updatedAt!: Date;

  @Field(() => String, { nullable: true, description: "OIDC: the issuer URL; its /.well-known/openid-configuration is discovered." })
  issuer!: string | null;

  @Field(() => String, { nullable: true, description: "OIDC: the client ID the IdP gave rolebridge's application." })
  clientId!: string | null;

  @Field({ description: "OIDC: whether a client secret is stored (it is never returned)." })
  clientSecretSet!: boolean;

  @Field(() => [String], { description: "OIDC: scopes asked for besides openid." })
  scopes!: string[];

  @Field(() => String, { nullable: true, description: "OIDC: the claim carrying the user's groups (e.g. groups)." })
  groupsClaim!: string | null;

  @Field({ description: "The URL that starts a sign-in through the company's active connection (/sso/{company})." })
  signInUrl!: string;

  @Field({
    description: "Opened by a signed-in admin, runs a test sign-in through this connection: shows what the IdP sent and what would happen, changing nothing, and activates the connection.",
  })
  testSignInUrl!: string;

  @Field(() => String, { nullable: true, description: "OIDC: the redirect URI (callback URL) to register at the IdP." })
  callbackUrl!: string | null;

  @Field(() => [String], { description: "Email domains claimed for this connection: their addresses sign in through it." })
  domains!: string[];
}
