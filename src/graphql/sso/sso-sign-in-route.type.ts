import { Field, ObjectType } from "type-graphql";

@ObjectType("SsoSignInRoute", { description: "Where an email address signs in: its company's IdP.", simpleResolvers: true })
export class SsoSignInRouteType {
  @Field({ description: "The slug of the company that claimed the address's domain." })
  company!: string;

  @Field({ description: "The URL that starts the sign-in at the company's IdP." })
  signInUrl!: string;
}
