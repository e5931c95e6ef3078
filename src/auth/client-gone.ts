import type { Response } from "express";

/**
 * Runs `work` with a signal that aborts when the client closes its connection while `work` still
 * runs (an attempt waiting for a brute-force slot stops waiting for a client that left). The
 * listener goes when `work` ends, so a request answered normally aborts nothing: an abort builds a
 * DOMException with its stack, which every request would otherwise pay for when it closes.
 */
export async function whileClientWaits<T>(res: Response, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const gone = new AbortController();
  const abort = () => gone.abort();
  res.once("close", abort);
  try {
    return await work(gone.signal);
  } finally {
    res.off("close", abort);
  }
}
