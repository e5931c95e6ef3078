import { cloneTemplateDatabase } from "../setup/db.js";
import { startTestApp, type TestApp } from "../setup/server.js";
import { startStatementCounter, type StatementCounter } from "./statement-counter.js";

/** The app over this file's own database, every statement it sends counted on the wire. */
export interface CountedApp {
  app: TestApp;
  counter: StatementCounter;
  /** The statements `work` caused, including those that follow its response until the app is quiet. */
  recorded<T>(work: () => Promise<T>): Promise<{ result: T; sql: string[] }>;
  close(): Promise<void>;
}

export async function startCountedApp(): Promise<CountedApp> {
  const databaseUrl = await cloneTemplateDatabase();
  const counter = await startStatementCounter(databaseUrl);
  const app = await startTestApp({ databaseUrl: counter.url });
  // Reads and refusals leave their ProvisioningEvent to a batch written up to a second later:
  // emptied before each measurement, so its insert never falls inside one.
  const quiet = async () => {
    for (;;) {
      const before = counter.statements().length;
      await new Promise((r) => setTimeout(r, 60));
      if (counter.statements().length === before) return;
    }
  };
  return {
    app,
    counter,
    async recorded(work) {
      await app.services.provisioningEvents.flush();
      await quiet();
      counter.reset();
      const result = await work();
      await quiet();
      return { result, sql: counter.statements().map((s) => s.sql) };
    },
    async close() {
      await app.close();
      await counter.close();
    },
  };
}

/** The statement that authenticates a request: it reads the caller's own memberships (permissions), never a role's member list. */
export function isAuthentication(sql: string): boolean {
  return /\bapp_password\b/.test(sql) || (sql.includes("user_direct_app_access_role") && sql.includes("operator_active"));
}
