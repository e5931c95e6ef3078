import { hash, verify } from "@node-rs/argon2";
import type { PasswordPolicy } from "../companies/company.entity.js";
import { DomainError } from "../errors.js";

/** OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane). */
const ARGON2_OPTIONS = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  if (!passwordHash) {
    // Spend the same time as a real check so a missing account is not revealed by timing.
    await hash(password, ARGON2_OPTIONS);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Checks a password against the company policy; the message names the rule that failed, so an
 * IdP admin can align the two policies (the IdP's and the company's must match in complexity).
 */
export function checkPasswordPolicy(password: string, policy: PasswordPolicy, userName: string): void {
  const fail = (rule: string) => {
    throw DomainError.invalid("password", `password does not satisfy the company password policy: ${rule}`, "PASSWORD_POLICY");
  };
  if (password.length < policy.minLength) fail(`it must be at least ${policy.minLength} characters long`);
  if (password.length > 1024) fail("it must be at most 1024 characters long");
  if (policy.requireLowercase && !/\p{Ll}/u.test(password)) fail("it must contain a lowercase letter");
  if (policy.requireUppercase && !/\p{Lu}/u.test(password)) fail("it must contain an uppercase letter");
  if (policy.requireDigit && !/\p{Nd}/u.test(password)) fail("it must contain a digit");
  if (policy.requireSymbol && !/[^\p{L}\p{Nd}]/u.test(password)) fail("it must contain a symbol");
  if (policy.disallowUserName && userName.length >= 3) {
    const local = userName.split("@")[0]!.toLowerCase();
    const lower = password.toLowerCase();
    if (lower.includes(userName.toLowerCase()) || (local.length >= 3 && lower.includes(local))) {
      fail("it must not contain the userName");
    }
  }
}
