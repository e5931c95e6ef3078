import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { whileClientWaits } from "../../../src/auth/client-gone.js";

/**
 * The signal that lets an attempt stop waiting for a brute-force slot, over real HTTP: it aborts
 * when the client leaves while the work runs, and a request answered normally leaves it alone.
 */
let server: http.Server;
let origin: string;
/** The signals of /quick requests, after they were answered. */
const finished: AbortSignal[] = [];
/** Resolves with the signal of the /slow request once it aborted. */
let abandoned: (signal: AbortSignal) => void;

beforeAll(async () => {
  const app = express();
  app.get("/quick", async (_req, res) => {
    const signal = await whileClientWaits(res, async (s) => s);
    finished.push(signal);
    res.send("done");
  });
  app.get("/slow", async (_req, res) => {
    // Waits until the client's leaving aborts the signal, as an attempt waiting for a slot does.
    await whileClientWaits(res, (signal) => new Promise<void>((resolve) => signal.addEventListener("abort", () => (abandoned(signal), resolve()))));
    res.end();
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("whileClientWaits", () => {
  it("aborts the signal when the client closes its connection while the work waits", async () => {
    const aborted = new Promise<AbortSignal>((r) => (abandoned = r));
    const req = http.get(`${origin}/slow`);
    req.on("error", () => {});
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    expect((await aborted).aborted).toBe(true);
  });

  it("leaves the signal of a request answered normally unaborted after its connection closes", async () => {
    const res = await fetch(`${origin}/quick`, { headers: { connection: "close" } });
    expect(await res.text()).toBe("done");
    await new Promise((r) => setTimeout(r, 100));
    expect(finished).toHaveLength(1);
    expect(finished[0]!.aborted).toBe(false);
  });
});
