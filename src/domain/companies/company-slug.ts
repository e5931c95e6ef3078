import { DomainError } from "../errors.js";

/** The reserved slug of the company that holds the platform operators. */
export const PLATFORM_COMPANY_SLUG = "platform";

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The slug as stored (lowercase), or BAD_USER_INPUT: malformed, or the platform's reserved slug. */
export function validSlug(raw: string, isPlatform = false): string {
  const slug = raw.trim().toLowerCase();
  if (!SLUG.test(slug)) {
    throw DomainError.invalid("slug", "slug must be 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
  }
  if (slug === PLATFORM_COMPANY_SLUG && !isPlatform) {
    throw DomainError.invalid("slug", `"${PLATFORM_COMPANY_SLUG}" is reserved for the platform operators' company`);
  }
  return slug;
}
