import { type EntityManager, LockMode } from "@mikro-orm/postgresql";
import { Permission } from "../access-roles/permission.js";
import { recordAudit } from "../audit/audit.service.js";
import { hasPermission, requirePermission } from "../authorization.js";
import { Company } from "../companies/company.entity.js";
import { DomainError } from "../errors.js";
import { isSystemPrincipal } from "../principal.js";
import type { Scope } from "../scope.js";
import { inTransaction } from "../unit-of-work.js";
import { User } from "../users/user.entity.js";
import { bearerTokenOf, newCredential } from "./app-password-secret.js";
import { AppPassword } from "./app-password.entity.js";
import { isUuid } from "../uuid.js";

/** What generating returns: the secret exists only here, never again. */
export interface GeneratedAppPassword {
  appPassword: AppPassword;
  clientSecret: string;
  /** `<clientId>.<secret>`, for IdPs that take one "Secret Token" (Entra, OneLogin). */
  bearerToken: string;
}

/** What rotating returns: the successor with its secret (shown this once), and the app password it replaces. */
export interface RotatedAppPassword extends GeneratedAppPassword {
  /** Still working until the successor's first successful request, or until it is revoked. */
  predecessor: AppPassword;
}

/** What revoking returns: the app password, and whether it had been revoked before this call. */
export interface RevokedAppPassword {
  appPassword: AppPassword;
  /** True when it was revoked already: nothing changed and no AuditEvent was written. */
  alreadyRevoked: boolean;
}

const NAME_MAX_LENGTH = 200;

/**
 * App passwords (Client ID + Client Secret) of service accounts: the credential an IdP uses for
 * SCIM (HTTP Basic, or the single-string bearer token). Never expire; revocable; at most one
 * active per account (a new one needs the old one revoked first, or a rotation); the secret is
 * shown once and kept only as a SHA-256 hash.
 *
 * Rotation replaces a credential without downtime: the successor is issued while the current one
 * keeps working, so the IdP can be switched at any moment; the successor's first successful
 * request revokes its predecessor (in the authentication statement itself), as does revoking it
 * by hand. An account has at most one rotation under way.
 */
export class AppPasswordService {
  /**
   * Generates the caller's app password. Only the service account itself, signed in with its own
   * password, may do it: One Model's SCIM guide says proxying into the account "will not
   * suffice", and an app password (or a token issued from one) must not be able to mint its own
   * successor. The system principal (whoever runs the CLI holds the database credentials) names
   * the service account of its company instead, by `ownerUserName`.
   */
  async generate(scope: Scope, name: string, ownerUserName?: string): Promise<GeneratedAppPassword> {
    const system = isSystemPrincipal(scope.principal);
    if (!system) requireOwnSignedInServiceAccount(scope, "generate");
    if (!system && ownerUserName !== undefined) {
      throw DomainError.forbidden("only the operator names the account an app password is for; a service account generates its own");
    }
    if (system && ownerUserName === undefined) throw DomainError.invalid("userName", "name the service account the app password is for");
    const cleanName = validName(name);
    const { companyId, userId } = scope.principal;
    return inTransaction(scope, async (em) => {
      const user = ownerUserName === undefined ? await em.findOne(User, { id: userId, company: companyId }) : await serviceAccountNamed(em, companyId, ownerUserName);
      if (!user) throw DomainError.notFound("User", userId);
      const generated = await issue(em, user, cleanName);
      recordAudit(em, scope, auditOfGenerate(generated.appPassword, user));
      return generated;
    });
  }

  /**
   * Issues a successor to one of the caller's app passwords, which keeps working meanwhile; the
   * successor's first successful request revokes it. Same caller rules as generating (the system
   * principal rotates any company's, by Client ID). The successor keeps the name unless given one.
   */
  async rotate(scope: Scope, key: AppPasswordKey, name?: string): Promise<RotatedAppPassword> {
    const system = isSystemPrincipal(scope.principal);
    if (!system) requireOwnSignedInServiceAccount(scope, "rotate");
    const cleanName = name === undefined ? undefined : validName(name);
    return inTransaction(scope, async (em) => {
      const current = await lockedAppPassword(em, scope, key);
      if (current.revokedAt) {
        throw new DomainError("CONFLICT", `the app password "${current.name}" is revoked; generate a new one instead of rotating it`, {
          field: "appPassword",
          reason: "REVOKED_APP_PASSWORD",
        });
      }
      const pending = await em.findOne(
        AppPassword,
        { user: current.user.id, company: current.company.id, revokedAt: null, supersededAt: { $ne: null } },
        { filters: false },
      );
      if (pending) {
        throw new DomainError(
          "CONFLICT",
          pending.id === current.id
            ? `the app password "${current.name}" is already being replaced; its successor revokes it on its first use. Revoke one of the two to end the rotation`
            : `a rotation is under way: "${pending.name}" (Client ID ${pending.clientId}) still works until its successor's first use. Wait for that, or revoke "${pending.name}", then rotate`,
          { field: "appPassword", reason: "ROTATION_IN_PROGRESS" },
        );
      }
      // Superseded first, so the successor is the account's one current credential (the partial
      // unique indexes settle two rotations racing).
      current.supersededAt = new Date();
      await em.flush();
      const generated = await insertAppPassword(em, current.user, cleanName ?? current.name, current);
      recordAudit(em, scope, { companyId: current.company.id, ...auditOfRotate(current, generated.appPassword) });
      return { ...generated, predecessor: current };
    });
  }

  /**
   * Revokes one of the caller's app passwords, by id or by Client ID; it fails on the very next
   * request that uses it. The system principal revokes any company's, which is how an operator
   * stops a leaked credential whose company they may not know. Revoking a revoked one changes
   * nothing, and says so, so an operator is not told a leaked credential was stopped just now.
   */
  async revoke(scope: Scope, key: AppPasswordKey): Promise<RevokedAppPassword> {
    const system = isSystemPrincipal(scope.principal);
    if (!system) requireOwnSignedInServiceAccount(scope, "revoke");
    return inTransaction(scope, async (em) => {
      const appPassword = await lockedAppPassword(em, scope, key);
      if (appPassword.revokedAt) return { appPassword, alreadyRevoked: true };
      appPassword.revokedAt = new Date();
      recordAudit(em, scope, { companyId: appPassword.company.id, ...auditOfRevoke(appPassword) });
      // Revoking a successor before its first use ends the rotation: the credential it was to
      // replace is the account's current one again, and may be rotated anew.
      const predecessor = appPassword.predecessor
        ? await em.findOne(AppPassword, { id: appPassword.predecessor.id, revokedAt: null }, { filters: false })
        : null;
      if (predecessor?.supersededAt) {
        recordAudit(em, scope, { companyId: appPassword.company.id, ...auditOfRotationEnded(predecessor, appPassword) });
        predecessor.supersededAt = null;
      }
      return { appPassword, alreadyRevoked: false };
    });
  }

  /**
   * App passwords the caller may see: a holder of CanConfigureCompany sees all of the company's;
   * an account with CanCreateAppPasswords sees its own. Secrets and hashes are never part of it.
   * A company has few (one active per service account plus revoked ones), so no paging.
   */
  async list(scope: Scope): Promise<AppPassword[]> {
    const { companyId, userId } = scope.principal;
    let where: { company: string; user?: string };
    if (hasPermission(scope, Permission.CanConfigureCompany)) where = { company: companyId };
    else if (hasPermission(scope, Permission.CanCreateAppPasswords)) where = { company: companyId, user: userId };
    else throw DomainError.forbidden(`this requires the permission ${Permission.CanConfigureCompany} or ${Permission.CanCreateAppPasswords}`);
    return scope.em.find(AppPassword, where, { populate: ["user"], orderBy: { createdAt: "desc", id: "asc" } });
  }
}

export type AppPasswordKey = { id: string } | { clientId: string };

/**
 * One app password locked for a change: by id or Client ID, in the caller's company (the system
 * principal's reach is every company), and only the service account's own for anyone else.
 */
async function lockedAppPassword(em: EntityManager, scope: Scope, key: AppPasswordKey): Promise<AppPassword> {
  const system = isSystemPrincipal(scope.principal);
  const notFound = () =>
    "id" in key ? DomainError.notFound("AppPassword", key.id) : new DomainError("NOT_FOUND", `no app password has the Client ID ${key.clientId}`);
  if ("id" in key && !isUuid(key.id)) throw notFound();
  const { companyId, userId } = scope.principal;
  const appPassword = await em.findOne(
    AppPassword,
    { ...("id" in key ? { id: key.id } : { clientId: key.clientId }), ...(system ? {} : { company: companyId }) },
    { lockMode: LockMode.PESSIMISTIC_WRITE, ...(system ? { filters: false } : {}) },
  );
  if (!appPassword) throw notFound();
  if (!system && appPassword.user.id !== userId) {
    throw DomainError.forbidden("only the service account an app password belongs to can change it; log in to that service account");
  }
  await em.populate(appPassword, ["user"], { filters: false });
  return appPassword;
}

/**
 * The caller rules for generate, rotate and revoke: not an impersonated
 * session, CanCreateAppPasswords, a service account, and a signed-in session rather than a
 * credential derived from an app password.
 */
function requireOwnSignedInServiceAccount(scope: Scope, action: "generate" | "rotate" | "revoke"): void {
  const p = scope.principal;
  if (p.impersonatorUserId) {
    throw new DomainError(
      "FORBIDDEN",
      `log in to the service account itself; an impersonated (proxy) session cannot ${action} app passwords`,
      { reason: "IMPERSONATION" },
    );
  }
  requirePermission(scope, Permission.CanCreateAppPasswords);
  if (!p.isServiceAccount) {
    throw DomainError.forbidden(
      `app passwords belong to service accounts: log in to the service account itself to ${action} its app password`,
    );
  }
  if (p.credential.kind !== "session") {
    throw DomainError.forbidden(
      `log in to the service account with its password to ${action} app passwords; an app password or a token issued from one cannot`,
    );
  }
}

/** The service account of the company by userName (ignoring case): NOT_FOUND, or BAD_USER_INPUT for a person. */
async function serviceAccountNamed(em: EntityManager, companyId: string, userName: string): Promise<User> {
  const user = await em
    .createQueryBuilder(User, "u")
    .where({ company: companyId })
    .andWhere("lower(u.user_name) = lower(?)", [userName.trim()])
    .getSingleResult();
  if (!user) {
    const company = await em.findOne(Company, { id: companyId });
    throw new DomainError("NOT_FOUND", `no user "${userName}" in company "${company?.slug ?? companyId}"`);
  }
  if (!user.isServiceAccount) {
    throw DomainError.invalid(
      "userName",
      `${user.userName} is not a service account; app passwords belong to service accounts (create one with create-service-account)`,
    );
  }
  return user;
}

function validName(name: string): string {
  const clean = name.trim();
  if (!clean) throw DomainError.invalid("name", "name must not be empty; describe where the credential is used, e.g. the IdP");
  if (clean.length > NAME_MAX_LENGTH) throw DomainError.invalid("name", `name must be at most ${NAME_MAX_LENGTH} characters`);
  return clean;
}

/**
 * Inserts a new app password for `user`. The up-front check gives the clear message; the partial
 * unique index `app_password_one_active_per_user` settles a race between two generates
 * (unit-of-work.ts turns its violation into the same CONFLICT).
 */
async function issue(em: EntityManager, user: User, name: string): Promise<GeneratedAppPassword> {
  const active = await em.findOne(AppPassword, { user: user.id, company: user.company.id, revokedAt: null }, { filters: false });
  if (active) {
    throw new DomainError(
      "CONFLICT",
      `this account already has an active app password ("${active.name}", Client ID ${active.clientId}); revoke it first, then generate a new one`,
      { field: "appPassword", reason: "ACTIVE_APP_PASSWORD" },
    );
  }
  return insertAppPassword(em, user, name);
}

async function insertAppPassword(em: EntityManager, user: User, name: string, predecessor?: AppPassword): Promise<GeneratedAppPassword> {
  const credential = newCredential();
  const appPassword = em.create(AppPassword, {
    company: em.getReference(Company, user.company.id),
    user,
    name,
    clientId: credential.clientId,
    secretHash: credential.secretHash,
    predecessor: predecessor ?? null,
  });
  await em.flush();
  return {
    appPassword,
    clientSecret: credential.secret,
    bearerToken: bearerTokenOf(credential.clientId, credential.secret),
  };
}

// Audit records name the credential, never its secret or hash.
function auditOfGenerate(appPassword: AppPassword, user: User) {
  return {
    action: "appPassword.generate",
    targetType: "AppPassword",
    targetId: appPassword.id,
    after: { name: appPassword.name, clientId: appPassword.clientId, userId: user.id, userName: user.userName },
  };
}

function auditOfRotate(predecessor: AppPassword, successor: AppPassword) {
  return {
    action: "appPassword.rotate",
    targetType: "AppPassword",
    targetId: predecessor.id,
    before: { name: predecessor.name, clientId: predecessor.clientId, supersededAt: null },
    after: {
      name: predecessor.name,
      clientId: predecessor.clientId,
      supersededAt: predecessor.supersededAt?.toISOString(),
      successor: { id: successor.id, name: successor.name, clientId: successor.clientId },
    },
  };
}

function auditOfRotationEnded(predecessor: AppPassword, revokedSuccessor: AppPassword) {
  return {
    action: "appPassword.rotationEnded",
    targetType: "AppPassword",
    targetId: predecessor.id,
    before: { name: predecessor.name, clientId: predecessor.clientId, supersededAt: predecessor.supersededAt?.toISOString() },
    after: { name: predecessor.name, clientId: predecessor.clientId, supersededAt: null, revokedSuccessor: { id: revokedSuccessor.id, clientId: revokedSuccessor.clientId } },
  };
}

function auditOfRevoke(appPassword: AppPassword) {
  return {
    action: "appPassword.revoke",
    targetType: "AppPassword",
    targetId: appPassword.id,
    before: { name: appPassword.name, clientId: appPassword.clientId, revokedAt: null },
    after: { name: appPassword.name, clientId: appPassword.clientId, revokedAt: appPassword.revokedAt?.toISOString() },
  };
}
