import { Permission } from "../access-roles/permission.js";

/**
 * Rotation ends at the successor's first successful authentication: the predecessor is revoked
 * and the revocation audited by the authentication statement itself, as two data-modifying CTEs
 * (PostgreSQL runs each exactly once, whether or not the outer query reads them). A request
 * therefore costs no extra statement, on its first use or after, and there is no moment when both
 * the predecessor and an unaudited revocation could be observed. Two first uses racing update the
 * predecessor once: the second waits for the first's row lock, then finds it revoked.
 *
 * `credential` names the enclosing CTE, which must expose `app_password_id`, `client_id`,
 * `predecessor_id`, the principal columns (`user_id`, `user_name`, `active`, `scim_enabled`,
 * `permissions`) and `revoked_at`; `succeeded` is the statement's condition for a good secret.
 * Only a request that could provision counts: an account without the permission, or a company
 * with SCIM off, gets 403 and has not switched over.
 */
export function predecessorRevocationCtes(credential: string, succeeded: string): string {
  return `retired as (
            update app_password p set revoked_at = now()
              from ${credential}
             where p.id = ${credential}.predecessor_id and p.company_id = ${credential}.company_id and p.revoked_at is null
               and ${succeeded} and ${credential}.revoked_at is null and ${credential}.active and ${credential}.scim_enabled
               and '${Permission.CanProvisionUsersAsSCIM}' = any(${credential}.permissions)
             returning p.id, p.company_id, p.name, p.client_id, p.superseded_at, p.revoked_at,
                       ${credential}.user_id, ${credential}.user_name, ${credential}.app_password_id as successor_id, ${credential}.client_id as successor_client_id),
          retired_audit as (
            insert into audit_event (id, company_id, actor_user_id, actor_user_name, impersonator_user_id, action, target_type, target_id, before, after, created_at)
            select gen_random_uuid(), r.company_id, r.user_id::text, r.user_name, null, 'appPassword.revokeOnSuccessorUse', 'AppPassword', r.id::text,
                   jsonb_build_object('name', r.name, 'clientId', r.client_id, 'supersededAt', r.superseded_at, 'revokedAt', null),
                   jsonb_build_object('name', r.name, 'clientId', r.client_id, 'supersededAt', r.superseded_at, 'revokedAt', r.revoked_at,
                                      'successor', jsonb_build_object('id', r.successor_id, 'clientId', r.successor_client_id)),
                   clock_timestamp()
              from retired r
            returning id)`;
}
