/**
 * The only error type domain code throws. `code` is mapped once to GraphQL `extensions.code`
 * (graphql/errors.ts), and the facade maps that once to SCIM status + scimType (scim/errors.ts).
 */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "CONFLICT"
  | "BAD_USER_INPUT"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "PRECONDITION_FAILED"
  | "SERVICE_UNAVAILABLE"
  /** An authentication attempt refused, its secret uncompared, after too many failures (HTTP 429). */
  | "TOO_MANY_REQUESTS";

/** Refines a code where one code covers several SCIM outcomes (status + scimType pairs). */
export type DomainErrorReason =
  | "MUTABILITY"
  | "TOO_MANY"
  | "VERSION_MISMATCH"
  | "UNIQUENESS"
  | "PASSWORD_POLICY"
  | "FEATURE_DISABLED"
  | "MISSING_PERMISSION"
  | "IMPERSONATION"
  | "ACTIVE_APP_PASSWORD"
  /** Rotating an app password that is revoked: there is nothing left to replace without downtime. */
  | "REVOKED_APP_PASSWORD"
  /** Rotating while the account's previous rotation still waits for its successor's first use. */
  | "ROTATION_IN_PROGRESS"
  | "INVALID_FILTER"
  /** A PATCH path that does not name an attribute (RFC 7644 §3.5.2). */
  | "INVALID_PATH"
  /** A PATCH value filter that matches no value (RFC 7644 §3.5.2.2). */
  | "NO_TARGET"
  /** A PATCH request whose structure is wrong. */
  | "INVALID_SYNTAX"
  /** A page cursor this API did not issue, or issued for another sort order (SCIM invalidCursor, RFC 9865 §2.1). */
  | "INVALID_CURSOR"
  /** A userName or password change of a user holding permissions the caller lacks (account-safeguards.ts). */
  | "PRIVILEGED_TARGET"
  /** A principal deactivating or deleting its own account. */
  | "SELF_LOCKOUT"
  /** Deactivating or deleting the company's last active holder of CanConfigureCompany. */
  | "LAST_ADMINISTRATOR"
  /** Password sign-in refused: the company enforces SSO and the user is not break-glass. */
  | "SSO_REQUIRED"
  /** Enforcing SSO, or ending it for a user, would leave no administrator able to sign in with a password. */
  | "NO_BREAK_GLASS_ADMINISTRATOR"
  /** An invitation link nobody issued, or one whose invitation is gone. */
  | "INVITATION_INVALID"
  /** An invitation link past its expiry. */
  | "INVITATION_EXPIRED"
  /** An invitation already accepted (each is used once). */
  | "INVITATION_USED"
  /** An invitation an administrator revoked. */
  | "INVITATION_REVOKED";

export class DomainError extends Error {
  override readonly name = "DomainError";

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: { field?: string; reason?: DomainErrorReason } = {},
  ) {
    super(message);
  }

  get field(): string | undefined {
    return this.details.field;
  }

  get reason(): DomainErrorReason | undefined {
    return this.details.reason;
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError("NOT_FOUND", `${what} ${id} not found`);
  }

  static invalid(field: string, message: string, reason?: DomainErrorReason): DomainError {
    return new DomainError("BAD_USER_INPUT", message, { field, reason });
  }

  static conflict(field: string, message: string): DomainError {
    return new DomainError("CONFLICT", message, { field, reason: "UNIQUENESS" });
  }

  static forbidden(message: string, reason: DomainErrorReason = "MISSING_PERMISSION"): DomainError {
    return new DomainError("FORBIDDEN", message, { reason });
  }

  static versionMismatch(what: string, expected: number, actual: number): DomainError {
    return new DomainError(
      "PRECONDITION_FAILED",
      `${what} is at version ${actual}, not the expected ${expected}; read it again and retry`,
      { reason: "VERSION_MISMATCH" },
    );
  }
}
