import { Counter } from "prom-client";

/** The guessable secrets rolebridge compares: an app password's Client Secret, a user's password. */
export type CheckedCredential = "app_password" | "password";

/**
 * Counts every comparison of a presented secret with a stored one, where it happens, as
 * `rolebridge_credential_checks_total` by credential and outcome. Each comparison is one guess an
 * attacker gets, so this is the number the brute-force limits bound; operators also see a
 * misconfigured connector as a run of mismatches. Comparisons made against a stand-in hash, so
 * that an unknown Client ID or userName costs the same time, are guesses too and count.
 *
 * The counter belongs to no registry until the HTTP metrics publish it, so the CLI and tests that
 * build services without HTTP carry it harmlessly.
 */
export class CredentialChecks {
  readonly counter = new Counter({
    name: "rolebridge_credential_checks_total",
    help: "Comparisons of a presented secret (app-password Client Secret, user password) with the stored one, by credential and outcome.",
    labelNames: ["credential", "outcome"] as const,
    registers: [],
  });

  record(credential: CheckedCredential, matched: boolean): void {
    this.counter.inc({ credential, outcome: matched ? "match" : "mismatch" });
  }
}
