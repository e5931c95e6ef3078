import { prepared, type Sql } from "../../db/sql.js";
import { PasswordPolicy } from "./company.entity.js";

const POLICY = prepared(
  `select password_min_length, password_require_lowercase, password_require_uppercase, password_require_digit,
          password_require_symbol, password_disallow_user_name
     from company where id = $1`,
);

/** A company's password policy, read in one statement within the caller's transaction. */
export async function passwordPolicyOf(sql: Sql, companyId: string): Promise<PasswordPolicy> {
  const [row] = await sql.query<Record<string, number | boolean>>(POLICY, [companyId]);
  const policy = new PasswordPolicy();
  if (!row) return policy;
  policy.minLength = Number(row.password_min_length);
  policy.requireLowercase = Boolean(row.password_require_lowercase);
  policy.requireUppercase = Boolean(row.password_require_uppercase);
  policy.requireDigit = Boolean(row.password_require_digit);
  policy.requireSymbol = Boolean(row.password_require_symbol);
  policy.disallowUserName = Boolean(row.password_disallow_user_name);
  return policy;
}
