import { type EntityManager, UniqueConstraintViolationException, ForeignKeyConstraintViolationException, DeadlockException, LockWaitTimeoutException } from "@mikro-orm/postgresql";
import { Company } from "./companies/company.entity.js";
import { DomainError } from "./errors.js";
import { ProvisioningEvent } from "./provisioning/provisioning-event.entity.js";
import type { Scope } from "./scope.js";

/** How many times a transaction is retried after a serialization failure or deadlock. */
const MAX_ATTEMPTS = 6;

export interface ProvisioningRecord<T> {
  resourceType: string;
  status: number;
  resourceId?: (result: T) => string | undefined;
  /** What else the change did, for the log (e.g. the roles a one-role-at-a-time move left). */
  detail?: (result: T) => string | undefined;
}

/**
 * Runs `work` in one transaction and commits the change together with its ProvisioningEvent
 * (DESIGN rule 6). Serialization failures (40001) and deadlocks (40P01) are retried here, in a
 * bounded loop with jitter, and never reach a client; unique violations become CONFLICT.
 */
export async function inTransaction<T>(
  scope: Scope,
  work: (em: EntityManager) => Promise<T>,
  record?: ProvisioningRecord<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await scope.em.transactional(async (em) => {
        const result = await work(em);
        const p = scope.provisioning;
        if (p && record && !p.recorded) {
          await em.flush();
          em.persist(
            em.create(ProvisioningEvent, {
              id: p.requestId,
              company: em.getReference(Company, scope.principal.companyId),
              appPassword: p.appPasswordId ?? null,
              method: p.method,
              path: p.path,
              resourceType: record.resourceType,
              resourceId: record.resourceId?.(result) ?? null,
              detail: record.detail?.(result) ?? null,
              outcome: "success",
              status: p.status ?? record.status,
              durationMs: Math.round(performance.now() - p.startedAt),
              normalizations: p.normalizations,
            }),
          );
        }
        return result;
      });
      if (scope.provisioning && record) scope.provisioning.recorded = true;
      return result;
    } catch (err) {
      if (isRetryable(err) && attempt < MAX_ATTEMPTS) {
        scope.em.clear();
        await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
        continue;
      }
      throw translateDatabaseError(err);
    }
  }
}

/** PostgreSQL serialization failure (40001) or deadlock (40P01): safe to run the transaction again. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof DeadlockException || err instanceof LockWaitTimeoutException) return true;
  const code = (err as { code?: string })?.code;
  return code === "40001" || code === "40P01";
}

/** Constraint names → the field a client should fix. */
const CONSTRAINT_FIELDS: Record<string, string> = {
  user_account_user_name_ci: "userName",
  customer_role_display_name_ci: "displayName",
  data_access_role_name_ci: "name",
  app_access_role_name_ci: "name",
  company_slug_ci: "slug",
  app_password_one_active_per_user: "appPassword",
};

export function translateDatabaseError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  if (err instanceof UniqueConstraintViolationException) {
    const constraint = (err as unknown as { constraint?: string }).constraint ?? "";
    const field = CONSTRAINT_FIELDS[constraint] ?? "id";
    if (constraint === "app_password_one_active_per_user") {
      return new DomainError("CONFLICT", "this account already has an active app password; revoke it first", {
        field,
        reason: "ACTIVE_APP_PASSWORD",
      });
    }
    return DomainError.conflict(field, `${field} is already taken`);
  }
  if (err instanceof ForeignKeyConstraintViolationException) {
    return DomainError.invalid("id", "a referenced resource does not exist");
  }
  return err;
}
