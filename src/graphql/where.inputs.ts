import { Field, ID, InputType } from "type-graphql";

/** Comparison inputs shared by every `<Type>Where` (RFC 7644 §3.4.2.2 operators). Several set operators are ANDed. */

@InputType({ description: "Comparisons of a string attribute; several operators in one object must all hold." })
export class StringComparison {
  @Field(() => String, { nullable: true, description: "Equal." })
  eq?: string | null;

  @Field(() => String, { nullable: true, description: "Not equal (an absent value is not equal)." })
  ne?: string | null;

  @Field(() => String, { nullable: true, description: "Contains." })
  co?: string | null;

  @Field(() => String, { nullable: true, description: "Starts with." })
  sw?: string | null;

  @Field(() => String, { nullable: true, description: "Ends with." })
  ew?: string | null;

  @Field(() => String, { nullable: true, description: "Greater than (lexicographic)." })
  gt?: string | null;

  @Field(() => String, { nullable: true, description: "Greater than or equal." })
  ge?: string | null;

  @Field(() => String, { nullable: true, description: "Less than." })
  lt?: string | null;

  @Field(() => String, { nullable: true, description: "Less than or equal." })
  le?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Present: true matches a non-empty value, false an absent one." })
  pr?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Compare case-sensitively; defaults to the attribute's caseExact (false except externalId)." })
  caseExact?: boolean | null;
}

@InputType({ description: "Comparisons of a boolean attribute." })
export class BooleanComparison {
  @Field(() => Boolean, { nullable: true, description: "Equal." })
  eq?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Not equal." })
  ne?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Present: true matches a set value, false an absent one." })
  pr?: boolean | null;
}

@InputType({ description: "Comparisons of a date-time attribute, compared as instants." })
export class DateTimeComparison {
  @Field(() => Date, { nullable: true, description: "Equal." })
  eq?: Date | null;

  @Field(() => Date, { nullable: true, description: "Not equal." })
  ne?: Date | null;

  @Field(() => Date, { nullable: true, description: "Later than." })
  gt?: Date | null;

  @Field(() => Date, { nullable: true, description: "Later than or equal." })
  ge?: Date | null;

  @Field(() => Date, { nullable: true, description: "Earlier than." })
  lt?: Date | null;

  @Field(() => Date, { nullable: true, description: "Earlier than or equal." })
  le?: Date | null;

  @Field(() => Boolean, { nullable: true, description: "Present." })
  pr?: boolean | null;
}

@InputType({ description: "Comparisons of an id attribute." })
export class IdComparison {
  @Field(() => ID, { nullable: true, description: "Equal." })
  eq?: string | null;

  @Field(() => ID, { nullable: true, description: "Not equal." })
  ne?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Present." })
  pr?: boolean | null;
}
