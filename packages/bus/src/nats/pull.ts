import {
  createInbox,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';

/**
 * Pull requests to a durable consumer over one subscription that lives as long as the consumer
 * loop. nats.js's `consumer.fetch()` subscribes to a new inbox for every pull and unsubscribes
 * when it ends, with an idle-heartbeat timer and a status iterator each time: with a slot freed
 * per finished message, that was a SUB, a pull and an UNSUB per message, in the client and in
 * nats-server. Here one request is open at a time, its reply subject `<inbox>.<n>`: delivered
 * messages come with their own subjects, so they are counted against the open request; its end
 * (status 408 when it expires, 409 when the server drops it) comes on its reply subject.
 */

/** The parts of a delivered JetStream message a stage consumer uses (nats.js's JsMsg has them too). */
export interface DeliveredMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: MsgHdrs | undefined;
  readonly info: { readonly streamSequence: number; readonly deliveryCount: number };
}

const ACK = '+ACK';
const NAK = '-NAK';
const WPI = '+WPI';
const TERM = '+TERM';

/**
 * The delivery info JetStream writes in a message's reply subject: `$JS.ACK.<stream>.<consumer>.
 * <delivered>.<stream seq>.<consumer seq>.<time>.<pending>`, or with `<domain>.<account hash>`
 * after `$JS.ACK` (and a token at the end) on newer servers.
 */
export function deliveryInfo(reply: string): DeliveredMessage['info'] | undefined {
  const tokens = reply.split('.');
  if (tokens[0] !== '$JS' || tokens[1] !== 'ACK') return undefined;
  const at = tokens.length === 9 ? 4 : tokens.length >= 11 ? 6 : -1;
  if (at < 0) return undefined;
  const deliveryCount = Number(tokens[at]);
  const streamSequence = Number(tokens[at + 1]);
  return Number.isInteger(deliveryCount) && Number.isInteger(streamSequence)
    ? { deliveryCount, streamSequence }
    : undefined;
}

/** A message delivered by a pull request, and the acknowledgements JetStream takes for it. */
export class Delivery implements DeliveredMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly headers: MsgHdrs | undefined;
  readonly info: DeliveredMessage['info'];
  private readonly nc: NatsConnection;
  private readonly reply: string;

  constructor(nc: NatsConnection, msg: Msg, info: DeliveredMessage['info']) {
    this.nc = nc;
    this.subject = msg.subject;
    this.data = msg.data;
    this.headers = msg.headers;
    this.reply = msg.reply ?? '';
    this.info = info;
  }

  /** Acknowledges and waits for the server to confirm it: after that a restart will not see it again. */
  async ackAck(timeoutMs: number): Promise<void> {
    await this.nc.request(this.reply, ACK, { timeout: timeoutMs });
  }

  /** Hands the message back, to be delivered again after `delayMs` (at once without it). */
  nak(delayMs?: number): void {
    this.nc.publish(this.reply, delayMs ? `${NAK} ${JSON.stringify({ delay: delayMs * 1_000_000 })}` : NAK);
  }

  /** Never to be delivered again (no reason: nats-server 2.9 ignores a term that carries one). */
  term(): void {
    this.nc.publish(this.reply, TERM);
  }

  /** Still being worked on: restarts the ack wait. */
  working(): void {
    this.nc.publish(this.reply, WPI);
  }
}

interface Request {
  readonly id: number;
  readonly batch: number;
  received: number;
  readonly timer: NodeJS.Timeout;
}

export interface PullerOptions {
  readonly nc: NatsConnection;
  /** The JetStream API prefix (`$JS.API` unless a domain or an account export says otherwise). */
  readonly apiPrefix: string;
  readonly stream: string;
  readonly durable: string;
  /** How long a pull request waits on the server for messages. */
  readonly expiresMs: number;
  /** Each delivered message, at once (it is no longer outstanding when this runs). */
  readonly onMessage: (message: Delivery) => void;
  /** The open request ended: delivered in full, expired, or dropped. */
  readonly onRequestEnd: () => void;
  readonly onError: (error: Error) => void;
}

/**
 * How long after its expiry a request the server never ended counts as ended. nats-server 2.9
 * ends an expired request without a 408 when a message comes for it before its expiry timer has
 * run (the message waits in the stream for the next request): at 50 messages a second and 1 s
 * pulls, about one partly filled request in 30. The connection may also have been lost. Either
 * way the server no longer delivers for it; what it still brings (the 408 or a message already
 * on its way) is handled all the same, so a short grace only covers the 408's way back.
 */
const EXPIRED_REQUEST_GRACE_MS = 200;

export class Puller {
  private readonly options: PullerOptions;
  private readonly inbox: string;
  private readonly subject: string;
  private readonly sub: Subscription;
  private request: Request | undefined;
  private next = 1;

  constructor(options: PullerOptions) {
    this.options = options;
    this.inbox = createInbox();
    this.subject = `${options.apiPrefix}.CONSUMER.MSG.NEXT.${options.stream}.${options.durable}`;
    const prefix = this.inbox.length + 1;
    this.sub = options.nc.subscribe(`${this.inbox}.*`, {
      callback: (error, msg) => {
        if (error) {
          options.onError(error);
          return;
        }
        const info = msg.reply ? deliveryInfo(msg.reply) : undefined;
        if (!info) {
          // A status on a request's reply subject: 408 (it expired), 409 (the server dropped
          // it), 404; no heartbeats are asked for. Either way that request is over.
          if (msg.subject.startsWith(`${this.inbox}.`)) this.end(Number(msg.subject.slice(prefix)));
          return;
        }
        const request = this.request;
        if (request && ++request.received >= request.batch) this.end(request.id);
        options.onMessage(new Delivery(options.nc, msg, info));
      },
    });
  }

  /** A request is open (another waits until it ends). */
  get busy(): boolean {
    return this.request !== undefined;
  }

  /** Messages asked for and not yet delivered. */
  get outstanding(): number {
    return this.request ? this.request.batch - this.request.received : 0;
  }

  /** Asks for up to `batch` messages, waiting up to `expiresMs` for them. */
  pull(batch: number): void {
    if (this.request) throw new Error('a pull request is open already');
    const id = this.next++;
    const { expiresMs } = this.options;
    const timer = setTimeout(() => this.end(id), expiresMs + EXPIRED_REQUEST_GRACE_MS);
    this.request = { id, batch, received: 0, timer };
    try {
      this.options.nc.publish(this.subject, JSON.stringify({ batch, expires: expiresMs * 1_000_000 }), {
        reply: `${this.inbox}.${id}`,
      });
    } catch (error) {
      clearTimeout(timer);
      this.request = undefined;
      throw error;
    }
  }

  /** Stops listening; messages of a request still open are redelivered after their ack wait. */
  close(): void {
    if (this.request) clearTimeout(this.request.timer);
    this.request = undefined;
    this.sub.unsubscribe();
  }

  private end(id: number): void {
    const request = this.request;
    if (!request || request.id !== id) return;
    clearTimeout(request.timer);
    this.request = undefined;
    this.options.onRequestEnd();
  }
}
