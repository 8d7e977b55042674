/**
 * @module notify/transports
 * Where reminders go: email through the SMTP server in BASIS_SMTP_URL (nodemailer), and a
 * JSON POST to BASIS_WEBHOOK_URL. A send resolves once the server accepted the message and
 * throws otherwise, so the outbox knows whether to mark it sent or retry it.
 */
import type { OutboxMessage } from "./outbox.ts";

export interface Transport {
  email?: (message: OutboxMessage) => Promise<void>;
  webhook?: (message: OutboxMessage) => Promise<void>;
  close(): void;
}

export const DEFAULT_MAIL_FROM = "basis@localhost";

/**
 * Email through an SMTP server given as smtp://user:pass@host:port (smtps:// for TLS).
 * nodemailer is loaded with the first message, not at every server start (~0.1 s).
 */
export function smtpSender(url: string, from: string) {
  let transporter: Promise<import("nodemailer").Transporter> | undefined;
  const open = () => {
    transporter ??= import("nodemailer").then((m) => m.default.createTransport(url));
    return transporter;
  };
  return {
    async send(m: OutboxMessage): Promise<void> {
      await (await open()).sendMail({
        from,
        to: m.recipient,
        subject: m.subject,
        text: m.body,
        // Lets a mail client or a test tell which outbox entry a message is.
        headers: { "X-Basis-Reminder": m.key },
      });
    },
    close: () => {
      void transporter?.then((t) => t.close());
    },
  };
}

/** POST the message's JSON body; anything but a 2xx answer is a failure. */
export function webhookSender(url: string, timeoutMs = 10_000) {
  return async (m: OutboxMessage): Promise<void> => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-basis-reminder": m.key },
      body: m.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  };
}

export interface TransportConfig {
  smtpUrl?: string | undefined;
  mailFrom?: string | undefined;
  webhookUrl?: string | undefined;
}

export function transportOf(config: TransportConfig): Transport {
  const smtp = config.smtpUrl
    ? smtpSender(config.smtpUrl, config.mailFrom || DEFAULT_MAIL_FROM)
    : undefined;
  return {
    ...(smtp ? { email: smtp.send } : {}),
    ...(config.webhookUrl ? { webhook: webhookSender(config.webhookUrl) } : {}),
    close: () => smtp?.close(),
  };
}

/** The transport the environment configures, or undefined when neither SMTP nor a webhook is set. */
export function transportFromEnv(env: NodeJS.ProcessEnv = process.env): Transport | undefined {
  if (!env.BASIS_SMTP_URL && !env.BASIS_WEBHOOK_URL) return undefined;
  return transportOf({
    smtpUrl: env.BASIS_SMTP_URL,
    mailFrom: env.BASIS_MAIL_FROM,
    webhookUrl: env.BASIS_WEBHOOK_URL,
  });
}
