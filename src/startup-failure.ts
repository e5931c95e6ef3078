/**
 * A start-up that cannot go on for a reason the operator can fix (a port taken, a database
 * refusing the credentials). Its message is the one line they read: it names the problem and
 * what to do, never a password, and no stack trace is printed with it.
 */
export class StartupFailure extends Error {
  override name = "StartupFailure";
}
