/**
 * The one SCIM error model (RFC 7644 §3.12), modelled on SCIMMY's `messages/error.js`: the legal
 * status codes, `scimType` keywords and their pairings are data, enforced at construction, and the
 * GraphQL `extensions.code` (+ `reason`) of the core is mapped to them here and nowhere else.
 */

export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
/** rolebridge's own extension of the error message: the request id, which is also the ProvisioningEvent id. */
export const ROLEBRIDGE_ERROR_SCHEMA = "urn:rolebridge:scim:api:messages:2.0:Error";

export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive"
  // RFC 9865 §2.1 adds these to RFC 7644's Table 9. rolebridge's keyset cursors do not expire, so
  // expiredCursor is never sent.
  | "invalidCursor"
  | "invalidCount";

/**
 * RFC 7644 §3.12 Table 9 (which status each scimType goes with), plus the plain HTTP statuses the
 * protocol uses without a scimType. 429 and 503 are outside RFC 7644's list, but IdPs retry on them.
 */
const LEGAL_PAIRS: Readonly<Record<number, readonly ScimType[]>> = {
  307: [],
  308: [],
  400: ["invalidFilter", "tooMany", "invalidPath", "noTarget", "invalidValue", "invalidSyntax", "invalidVers", "mutability", "invalidCursor", "invalidCount"],
  401: [],
  403: ["sensitive"],
  404: [],
  409: ["uniqueness"],
  412: [],
  413: [],
  429: [],
  500: [],
  501: [],
  503: [],
};

export interface ScimErrorBody {
  schemas: string[];
  status: string;
  scimType?: ScimType;
  detail: string;
  [ROLEBRIDGE_ERROR_SCHEMA]?: { requestId: string };
}

/** An error the facade answers with; `headers` carries WWW-Authenticate or Retry-After. */
export class ScimError extends Error {
  override readonly name = "ScimError";

  constructor(
    readonly status: number,
    readonly scimType: ScimType | undefined,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    const legal = LEGAL_PAIRS[status];
    if (!legal) throw new TypeError(`HTTP status ${status} is not one a SCIM error may have`);
    if (scimType !== undefined && !legal.includes(scimType)) {
      throw new TypeError(`scimType ${scimType} does not go with HTTP status ${status} (RFC 7644 §3.12)`);
    }
  }

  body(requestId?: string): ScimErrorBody {
    return {
      schemas: requestId ? [ERROR_SCHEMA, ROLEBRIDGE_ERROR_SCHEMA] : [ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.detail,
      ...(requestId ? { [ROLEBRIDGE_ERROR_SCHEMA]: { requestId } } : {}),
    };
  }

  /** Facade-born 400s: the single constructor for each kind of client mistake. */
  static invalidSyntax(detail: string): ScimError {
    return new ScimError(400, "invalidSyntax", detail);
  }
  static invalidFilter(detail: string): ScimError {
    return new ScimError(400, "invalidFilter", detail);
  }
  static invalidValue(detail: string): ScimError {
    return new ScimError(400, "invalidValue", detail);
  }
  static invalidPath(detail: string): ScimError {
    return new ScimError(400, "invalidPath", detail);
  }
  static noTarget(detail: string): ScimError {
    return new ScimError(400, "noTarget", detail);
  }
  static invalidCursor(detail: string): ScimError {
    return new ScimError(400, "invalidCursor", detail);
  }
  static invalidCount(detail: string): ScimError {
    return new ScimError(400, "invalidCount", detail);
  }
  static mutability(detail: string): ScimError {
    return new ScimError(400, "mutability", detail);
  }
  static notFound(detail: string): ScimError {
    return new ScimError(404, undefined, detail);
  }
  static preconditionFailed(detail: string): ScimError {
    return new ScimError(412, undefined, detail);
  }
  static unauthenticated(detail: string): ScimError {
    // RFC 7644 §2: the WWW-Authenticate header names each scheme the service provider accepts.
    return new ScimError(401, undefined, detail, {
      "WWW-Authenticate": 'Basic realm="rolebridge SCIM", Bearer realm="rolebridge SCIM"',
    });
  }
  static forbidden(detail: string): ScimError {
    return new ScimError(403, undefined, detail);
  }
  static payloadTooLarge(detail: string): ScimError {
    return new ScimError(413, undefined, detail);
  }
  static internal(): ScimError {
    return new ScimError(500, undefined, "internal error; quote the request id to the service's operators");
  }
}

/** What the facade reads from a formatted GraphQL error (graphql/errors.ts sets these). */
export interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: unknown; field?: unknown; reason?: unknown; [key: string]: unknown };
}

/**
 * GraphQL `extensions.code` (+ `reason`) → SCIM status + scimType, written once.
 * `field` names the attribute in SCIM terms when the operation's input path differs.
 */
export function fromGraphQLError(error: GraphQLErrorLike, fieldNames: Record<string, string> = {}): ScimError {
  const code = typeof error.extensions?.code === "string" ? error.extensions.code : "INTERNAL";
  const reason = typeof error.extensions?.reason === "string" ? error.extensions.reason : undefined;
  const field = typeof error.extensions?.field === "string" ? error.extensions.field : undefined;
  const scimField = field ? ((Object.hasOwn(fieldNames, field) ? fieldNames[field] : undefined) ?? field) : undefined;
  const detail = scimField && !error.message.includes(scimField) ? `${scimField}: ${error.message}` : error.message;
  switch (code) {
    case "NOT_FOUND":
      return new ScimError(404, undefined, error.message);
    case "CONFLICT":
      // The company's last configurator: a conflict with the company's state, not with another resource's value.
      if (reason === "LAST_ADMINISTRATOR") return new ScimError(409, undefined, detail);
      return new ScimError(409, "uniqueness", detail);
    case "BAD_USER_INPUT":
      if (reason === "MUTABILITY") return new ScimError(400, "mutability", detail);
      if (reason === "TOO_MANY") return new ScimError(400, "tooMany", detail);
      if (reason === "INVALID_FILTER") return new ScimError(400, "invalidFilter", detail);
      if (reason === "INVALID_PATH") return new ScimError(400, "invalidPath", detail);
      if (reason === "NO_TARGET") return new ScimError(400, "noTarget", detail);
      if (reason === "INVALID_SYNTAX") return new ScimError(400, "invalidSyntax", detail);
      if (reason === "INVALID_CURSOR") return new ScimError(400, "invalidCursor", error.message);
      return new ScimError(400, "invalidValue", detail);
    case "PRECONDITION_FAILED":
      return new ScimError(412, undefined, error.message);
    case "FORBIDDEN":
      return new ScimError(403, undefined, error.message);
    case "UNAUTHENTICATED":
      return ScimError.unauthenticated(error.message);
    case "SERVICE_UNAVAILABLE":
      return new ScimError(503, undefined, error.message, { "Retry-After": "5" });
    // A document the schema rejects is the facade's own bug, not the client's.
    default:
      return ScimError.internal();
  }
}
