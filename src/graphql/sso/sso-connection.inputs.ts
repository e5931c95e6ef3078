import { Field, InputType } from "type-graphql";

@InputType({ description: "A new OpenID Connect connection; it starts as DRAFT until a test sign-in succeeds." })
export class CreateOidcConnectionInput {
  @Field({ description: "A name for admins, e.g. \"Okta\"." })
  name!: string;

  @Field({ description: "The issuer URL (https), e.g. https://acme.okta.com or https://login.microsoftonline.com/{tenant}/v2.0." })
  issuer!: string;

  @Field({ description: "The client ID the IdP gave rolebridge's application." })
  clientId!: string;

  @Field({ description: "The client secret; stored encrypted, never returned." })
  clientSecret!: string;

  @Field(() => [String], { nullable: true, description: "Scopes besides openid (default: email, profile)." })
  scopes?: string[];

  @Field(() => String, { nullable: true, description: "The claim carrying the user's groups (default: groups)." })
  groupsClaim?: string | null;
}

@InputType({ description: "Changes to an OpenID Connect connection; fields left out are kept. A new issuer or client ID makes an active connection DRAFT again." })
export class UpdateOidcConnectionInput {
  @Field(() => String, { nullable: true, description: "A name for admins." })
  name?: string;

  @Field(() => String, { nullable: true, description: "The issuer URL." })
  issuer?: string;

  @Field(() => String, { nullable: true, description: "The client ID." })
  clientId?: string;

  @Field(() => String, { nullable: true, description: "A new client secret (a rotation keeps the connection active)." })
  clientSecret?: string;

  @Field(() => [String], { nullable: true, description: "Scopes besides openid." })
  scopes?: string[];

  @Field(() => String, { nullable: true, description: "The claim carrying the user's groups; empty for none." })
  groupsClaim?: string | null;
}
