import { Field, ObjectType } from "type-graphql";

@ObjectType("SigningKeyInfo", {
  description: "A key that signs or signed rolebridge tokens (public facts only; the private key never leaves the database).",
  simpleResolvers: true,
})
export class SigningKeyInfoType {
  @Field({ description: "The key id: the JWS `kid` header of the tokens it signs, and its entry in /.well-known/jwks.json." })
  kid!: string;

  @Field({ description: "The JWS algorithm (EdDSA)." })
  alg!: string;

  @Field({ description: "When the key was created." })
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: "When a rotation retired it; null for the key that signs now. A retired key signs nothing but verifies the tokens it signed until they expire.",
  })
  retiredAt?: Date | null;
}
