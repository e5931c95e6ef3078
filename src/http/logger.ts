import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

/** `pretty`: one coloured line per event, for a person at a terminal; `json`: one JSON object per line, for log shippers. */
export type LogFormat = "pretty" | "json";

/**
 * The format when LOG_FORMAT does not say: a person reading a terminal gets readable lines, while
 * output to a pipe or a file (a container runtime, systemd, a log shipper) stays JSON.
 */
export function logFormatFor(setting: LogFormat | undefined, stdout: { isTTY?: boolean } = process.stdout): LogFormat {
  return setting ?? (stdout.isTTY ? "pretty" : "json");
}

/** Logs with credentials and secrets redacted wherever they appear, as JSON lines or readable ones. */
export function createLogger(level: string, destination?: DestinationStream, format: LogFormat = "json"): Logger {
  const options = {
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "*.password",
        "*.clientSecret",
        "*.secret",
        "*.token",
        "*.passwordHash",
        "*.secretHash",
      ],
      censor: "[redacted]",
    },
  };
  if (format === "pretty") {
    // Formatted in this thread and written synchronously rather than by pino's worker-thread
    // transport: a line logged just before process.exit (a failed start-up) is not lost, and lines
    // keep their order with the first-run lines main.ts prints with console.log.
    return pino(options, pretty({ sync: true, destination: destination ?? 1, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss.l" }));
  }
  return destination ? pino(options, destination) : pino(options);
}
