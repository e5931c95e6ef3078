import { Field, InputType, Int, ObjectType } from "type-graphql";

@InputType({ description: "Which page: offset paging (offset + first) or cursor paging (after + first), not both." })
export class PageInput {
  @Field(() => Int, { nullable: true, description: "Rows to skip (0-based); SCIM startIndex - 1." })
  offset?: number | null;

  @Field(() => Int, { nullable: true, description: "Rows wanted (default 100, at most 1000)." })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The endCursor of the previous page; the page seeks from that row (no rows are skipped) and keeps the same sort. A cursor this API did not issue, or one issued for another sort, is BAD_USER_INPUT with reason INVALID_CURSOR.",
  })
  after?: string | null;
}

@ObjectType({ description: "Where a page sits in the whole result.", simpleResolvers: true })
export class PageInfo {
  @Field({ description: "Whether rows follow this page." })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Cursor of the last row; pass it as after for the next page." })
  endCursor!: string | null;

  @Field(() => Int, { description: "Offset of the first row of this page (0-based)." })
  offset!: number;
}

export enum SortDirection {
  ASC = "ASC",
  DESC = "DESC",
}

/** Shapes a domain Page into a GraphQL connection's fields. */
export function toConnection<T>(page: { nodes: T[]; totalCount: number; hasNextPage: boolean; endCursor: string | null; offset: number }) {
  return {
    nodes: page.nodes,
    totalCount: page.totalCount,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor, offset: page.offset },
  };
}
