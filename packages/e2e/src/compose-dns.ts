/**
 * Compose's DNS (127.0.0.11 in every container) for the processes that stand in for a stack: a
 * compose service name is answered with the address of each of its replicas. Only what a client
 * such as HAProxy asks is answered: one question per query, class IN; A records for known names,
 * an empty answer for their other types, NXDOMAIN for unknown names. Replicas of a service are
 * processes listening on distinct loopback addresses (127.0.1.1, 127.0.1.2, …) and the same
 * ports, as containers have an address each and the same ports.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';

const TYPE_A = 1;
const CLASS_IN = 1;
const RCODE_FORMERR = 1;
const RCODE_NXDOMAIN = 3;
const RCODE_NOTIMP = 4;

export interface DnsQuestion {
  readonly id: number;
  readonly flags: number;
  readonly name: string;
  readonly type: number;
  readonly qclass: number;
  /** The question section as it came, which an answer repeats. */
  readonly raw: Buffer;
}

/** Reads the header and the one question of a query; undefined when the packet is not one. */
export function parseQuery(packet: Buffer): DnsQuestion | undefined {
  if (packet.length < 12) return undefined;
  const flags = packet.readUInt16BE(2);
  if (flags & 0x8000 || packet.readUInt16BE(4) !== 1) return undefined;
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = packet[offset];
    if (length === undefined || length > 63) return undefined;
    offset += 1;
    if (length === 0) break;
    if (offset + length > packet.length) return undefined;
    labels.push(packet.toString('ascii', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > packet.length) return undefined;
  return {
    id: packet.readUInt16BE(0),
    flags,
    name: labels.join('.').toLowerCase(),
    type: packet.readUInt16BE(offset),
    qclass: packet.readUInt16BE(offset + 2),
    raw: packet.subarray(12, offset + 4),
  };
}

/** An answer to `question`: A records (TTL `ttl` seconds) for `addresses`, or an error code. */
export function answer(question: DnsQuestion, addresses: readonly string[], rcode = 0, ttl = 1): Buffer {
  const records = rcode === 0 && question.type === TYPE_A ? addresses : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(question.id, 0);
  // QR, the query's opcode and RD, RA; then the response code.
  header.writeUInt16BE(0x8000 | (question.flags & 0x7900) | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(CLASS_IN, 4);
    record.writeUInt32BE(ttl, 6);
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((octet, i) => {
      record[12 + i] = Number(octet);
    });
    return record;
  });
  return Buffer.concat([header, question.raw, ...answers]);
}

export interface ComposeDns {
  readonly host: string;
  readonly port: number;
  /** Sets the addresses a name resolves to (the replicas of a service); none removes it. */
  set(name: string, addresses: readonly string[]): void;
  /** How many queries it answered, by name. */
  readonly queries: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** A DNS server on 127.0.0.1 (UDP, a free port) answering `records` (name → IPv4 addresses). */
export async function startComposeDns(
  records: Readonly<Record<string, readonly string[]>> = {},
): Promise<ComposeDns> {
  const table = new Map<string, readonly string[]>();
  const queries = new Map<string, number>();
  const set = (name: string, addresses: readonly string[]) => {
    for (const address of addresses) if (!isIPv4(address)) throw new Error(`${address}: not an IPv4 address`);
    if (addresses.length === 0) table.delete(name.toLowerCase());
    else table.set(name.toLowerCase(), [...addresses]);
  };
  for (const [name, addresses] of Object.entries(records)) set(name, addresses);
  const socket: Socket = createSocket('udp4');
  socket.on('message', (packet: Buffer, from: RemoteInfo) => {
    const question = parseQuery(packet);
    if (!question) {
      if (packet.length >= 2) {
        const reply = Buffer.alloc(12);
        packet.copy(reply, 0, 0, 2);
        reply.writeUInt16BE(0x8000 | RCODE_FORMERR, 2);
        socket.send(reply, from.port, from.address);
      }
      return;
    }
    queries.set(question.name, (queries.get(question.name) ?? 0) + 1);
    const opcode = (question.flags >> 11) & 0xf;
    const addresses = table.get(question.name);
    const rcode =
      opcode !== 0 || question.qclass !== CLASS_IN ? RCODE_NOTIMP : addresses ? 0 : RCODE_NXDOMAIN;
    socket.send(answer(question, addresses ?? [], rcode), from.port, from.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    host: '127.0.0.1',
    port: socket.address().port,
    set,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
