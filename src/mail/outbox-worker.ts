import type { MikroORM } from "@mikro-orm/postgresql";
import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { type Deliver, OutboxDelivery, type RetryPolicy } from "../domain/outbox/outbox-delivery.js";
import { OutboxStatus } from "../domain/outbox/outbox-message.entity.js";
import { invitationEmail } from "./invitation-email.js";

/** How often an idle worker looks for due messages. */
const POLL_MS = 1_000;
/** How long shutdown waits for the message in flight; one still sending is left to roll back and go out after the restart. */
const STOP_GRACE_MS = 5_000;
/** SMTP timeouts: a stalled server fails the attempt (to be retried) instead of holding the message's lock for nodemailer's 10 minutes. */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * Sends the outbox inside the server process: started by main.ts once the server listens, stopped
 * on shutdown after the message in flight. With SMTP_URL it sends through nodemailer; without
 * it, in development, it writes each invitation's link to the log at info level (the one place a
 * token is logged, for a developer without a mail server) and marks the message `logged`; in
 * production without SMTP_URL it does not run, and messages wait in the outbox, which
 * administrators see in the console.
 */
export class OutboxWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly stopping = new AbortController();
  private readonly delivery: OutboxDelivery;
  private readonly deliver?: Deliver;
  private readonly sentAs: OutboxStatus.SENT | OutboxStatus.LOGGED = OutboxStatus.SENT;
  private readonly close: () => void = () => {};

  constructor(
    orm: MikroORM,
    config: Pick<Config, "SMTP_URL" | "MAIL_FROM" | "NODE_ENV">,
    private readonly baseUrl: () => string,
    private readonly log: Logger,
    retry?: RetryPolicy,
  ) {
    this.delivery = new OutboxDelivery(() => orm.em.fork(), retry);
    if (config.SMTP_URL) {
      const transport = nodemailer.createTransport({ url: config.SMTP_URL, ...SMTP_TIMEOUTS });
      this.close = () => transport.close();
      this.deliver = async (mail) => {
        const email = invitationEmail(mail, this.baseUrl());
        await transport.sendMail({ from: config.MAIL_FROM, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: mail.messageId });
        this.log.info({ to: email.to, messageId: mail.messageId }, "sent an invitation email");
      };
    } else if (config.NODE_ENV === "development") {
      this.sentAs = OutboxStatus.LOGGED;
      this.deliver = async (mail) => {
        const email = invitationEmail(mail, this.baseUrl());
        this.log.info({ to: email.to, invitationLink: email.link }, "no SMTP_URL: the invitation email was not sent; its link is logged here instead");
      };
    }
  }

  /** Whether this worker sends anything (SMTP_URL set, or development). */
  get active(): boolean {
    return this.deliver !== undefined;
  }

  start(): void {
    if (!this.deliver || this.stopped) return;
    this.schedule(0);
  }

  /**
   * Stops polling and waits for the message in flight to be recorded, for STOP_GRACE_MS at most:
   * a stalled SMTP server must not hold up shutdown, and a send cut short then is safe, since its
   * claim is rolled back unrecorded and the message is sent after the restart.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise<void>((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
    clearTimeout(grace);
    // A send still going: its claim rolls back, so the pool can close and the message waits for the next start.
    this.stopping.abort();
    await this.running;
    this.close();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
    }, ms);
  }

  /** Sends every due message, then waits POLL_MS; a database error is logged and retried after the wait. */
  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.delivery.deliverNext(this.deliver!, this.sentAs, this.stopping.signal)));
    } catch (err) {
      if (this.stopping.signal.aborted) this.log.info("shutdown cut an email's send short: it is sent again after the restart");
      else this.log.warn({ err }, "could not work the outbox; retrying shortly");
    }
    this.schedule(POLL_MS);
  }
}
