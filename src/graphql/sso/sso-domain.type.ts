import { Field, ID, ObjectType } from "type-graphql";

@ObjectType("SsoDomain", { description: "An email domain the company claimed for single sign-on.", simpleResolvers: true })
export class SsoDomainType {
  @Field({ description: "The domain, lower-case, e.g. acme.example." })
  domain!: string;

  @Field(() => ID, { description: "The connection its addresses sign in through." })
  connectionId!: string;

  @Field({ description: "When it was claimed." })
  createdAt!: Date;
}
