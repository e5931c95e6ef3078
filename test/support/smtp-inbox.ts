import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerSession } from "smtp-server";

/** A message the inbox received, parsed as a mail client would. */
export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The invitation link in the text, and its token (the URL fragment). */
  link: string;
  token: string;
}

/**
 * A real SMTP server (smtp-server) on a free 127.0.0.1 port, in the test's process, that parses
 * what it receives with mailparser. Its behaviour can be set for the next sessions: refuse the
 * recipient with a temporary error (a mail server that is briefly unavailable), or hold a session
 * before it accepts the sender (a crash test kills the sender while the message is in flight).
 */
export class SmtpInbox {
  readonly received: ReceivedMail[] = [];
  private waiters: (() => void)[] = [];
  private refusals = 0;
  private holding?: { started: () => void };
  private readonly server: SMTPServer;
  private port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onMailFrom: (_address, _session: SMTPServerSession, callback) => {
        const hold = this.holding;
        if (hold) {
          this.holding = undefined;
          hold.started();
          // Never answered: the sender's process is killed while it waits here.
          return;
        }
        callback();
      },
      onRcptTo: (_address, _session, callback) => {
        if (this.refusals > 0) {
          this.refusals--;
          const err = Object.assign(new Error("4.3.2 try again later"), { responseCode: 451 });
          return callback(err);
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.received.push(toReceived(mail));
            for (const w of this.waiters.splice(0)) w();
            callback();
          })
          .catch(callback);
      },
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** SMTP_URL of this server. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Refuse the next `n` recipients with 451 (a temporary failure the sender retries). */
  refuseNext(n: number): void {
    this.refusals = n;
  }

  /** Hold the next session before MAIL FROM; resolves once a sender is held there. */
  holdNext(): Promise<void> {
    return new Promise((resolve) => {
      this.holding = { started: resolve };
    });
  }

  /** Waits until `count` messages have arrived (failing the test after `timeoutMs`), and returns them. */
  async waitFor(count: number, timeoutMs = 20_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} message(s), received ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.received.slice(0, count);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function toReceived(mail: ParsedMail): ReceivedMail {
  const to = Array.isArray(mail.to) ? mail.to[0]!.text : (mail.to?.text ?? "");
  const text = mail.text ?? "";
  const link = /https?:\/\/\S+\/admin\/invitation#token=\S+/.exec(text)?.[0] ?? "";
  const token = decodeURIComponent(link.split("#token=")[1] ?? "");
  return { to, subject: mail.subject ?? "", text, html: typeof mail.html === "string" ? mail.html : "", messageId: mail.messageId ?? "", link, token };
}
