import { Field, InputType } from "type-graphql";

@InputType({
  description:
    "A SAML 2.0 connection's settings. On create, give a name and the IdP's metadata (by URL or as XML); on update, fields left out are kept, and metadata given is read again.",
})
export class SamlConnectionInput {
  @Field(() => String, { nullable: true, description: "A name for admins, e.g. the IdP's (required on create)." })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The IdP's metadata URL (https), fetched by rolebridge now and at every update that gives it: Okta's \"Metadata URL\", Entra ID's \"App Federation Metadata Url\". Not together with idpMetadataXml.",
  })
  idpMetadataUrl?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The IdP's metadata document itself (an EntityDescriptor with an IDPSSODescriptor), at most 1 MB. Not together with idpMetadataUrl.",
  })
  idpMetadataXml?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Refuse assertions that are not signed themselves (default true)." })
  wantAssertionsSigned?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Refuse Responses whose <Response> element is not signed (default false). At least one of the two signatures is always required.",
  })
  wantResponseSigned?: boolean | null;

  @Field(() => String, { nullable: true, description: "The attribute carrying the email address (default email); empty clears it and the NameID is used when it is an email." })
  emailAttribute?: string | null;

  @Field(() => String, { nullable: true, description: "The attribute carrying the given name (default firstName); empty clears it." })
  givenNameAttribute?: string | null;

  @Field(() => String, { nullable: true, description: "The attribute carrying the family name (default lastName); empty clears it." })
  familyNameAttribute?: string | null;

  @Field(() => String, { nullable: true, description: "The attribute listing the user's groups (default groups); empty clears it, and sign-in then assigns no groups." })
  groupsAttribute?: string | null;
}
