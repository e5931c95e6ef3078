/** RFC 7644 §3.4.2: the ListResponse message of a query. */
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export interface ListResponse {
  schemas: [typeof LIST_RESPONSE_SCHEMA];
  totalResults: number;
  itemsPerPage: number;
  /** Index paging only (RFC 7644 §3.4.2.4). */
  startIndex?: number;
  /** Cursor paging only: on every page but the last (RFC 9865 §2). */
  nextCursor?: string;
  Resources: Record<string, unknown>[];
}

/** A page by index (RFC 7644 §3.4.2.4), or a list that is not paged (discovery). */
export function listResponse(resources: Record<string, unknown>[], totalResults: number, startIndex: number): ListResponse {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults, itemsPerPage: resources.length, startIndex, Resources: resources };
}

/** A page by cursor (RFC 9865 §2): no startIndex, and nextCursor unless this is the last page. */
export function cursorListResponse(resources: Record<string, unknown>[], totalResults: number, nextCursor: string | undefined): ListResponse {
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    itemsPerPage: resources.length,
    ...(nextCursor === undefined ? {} : { nextCursor }),
    Resources: resources,
  };
}
