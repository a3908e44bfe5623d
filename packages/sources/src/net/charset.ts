import { TextDecoder } from 'node:util';

/**
 * Decodes a body to a string, the charset taken (in this order) from a byte-order mark, the
 * Content-Type header, the XML declaration, or an HTML `<meta>` — Arabic sites still send
 * windows-1256 or ISO-8859-6 and often declare it only in the document.
 */

export function parseContentType(header: string | undefined): { type: string; charset: string | undefined } {
  const [type = '', ...params] = (header ?? '').split(';');
  let charset: string | undefined;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const key = param.slice(0, eq).trim().toLowerCase();
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^"|"$/g, '');
    if (key === 'charset' && value) charset = value.toLowerCase();
  }
  return { type: type.trim().toLowerCase(), charset };
}

const BOMS: readonly { bytes: readonly number[]; charset: string }[] = [
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
];

function bomCharset(bytes: Uint8Array): string | undefined {
  return BOMS.find((b) => b.bytes.every((v, i) => bytes[i] === v))?.charset;
}

/** The charset the document declares in its first 2 KiB (read as ASCII, which both forms are). */
function declaredInDocument(bytes: Uint8Array): { charset: string; from: 'xml' | 'meta' } | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head);
  if (xml?.[1]) return { charset: xml[1].toLowerCase(), from: 'xml' };
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([A-Za-z0-9._:-]+)/i.exec(head);
  if (meta?.[1]) return { charset: meta[1].toLowerCase(), from: 'meta' };
  return undefined;
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

export interface Decoded {
  readonly text: string;
  /** The WHATWG name of the charset used, e.g. "windows-1256", "iso-8859-6", "utf-8". */
  readonly charset: string;
  /**
   * Where the charset came from; `sniffed`: the declared charset did not fit the bytes (a
   * windows-1256 page declared utf-8), and the bytes' own letters told which one they are in.
   */
  readonly from: 'bom' | 'header' | 'xml' | 'meta' | 'default' | 'sniffed';
  /** Set when a declaration did not fit the bytes: what it said. */
  readonly declared?: string;
}

/** Bytes in no charset we can tell: neither UTF-8 nor, by their letters, a single-byte charset. */
export class UndecodableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndecodableError';
  }
}

function validUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The single-byte charsets of the dyad's languages, each with the characters its text is made of
 * beyond ASCII: Arabic letters (windows-1256), lowercase Cyrillic (windows-1251: Arabic bytes read
 * as 1251 come out mostly capitals), French accents and typography (windows-1252).
 */
const SINGLE_BYTE: readonly { charset: string; expected: RegExp }[] = [
  { charset: 'windows-1256', expected: /[\u0621-\u063a\u0641-\u064a\u060c\u061b\u061f\u0640\u00a0]/ },
  { charset: 'windows-1251', expected: /[\u0430-\u044f\u0451\u00a0\u00ab\u00bb\u2013\u2014\u2116]/ },
  {
    charset: 'windows-1252',
    expected: /[éèàêçôîûùâïëœÉÈÊÀÇ\u00a0\u00ab\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026]/,
  },
];

/** The share of a text's non-ASCII characters that `expected` accepts (1 when it has none). */
function plausibility(text: string, expected: RegExp): number {
  let seen = 0;
  let fit = 0;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    seen++;
    if (expected.test(ch)) fit++;
    if (seen >= 20_000) break;
  }
  return seen === 0 ? 1 : fit / seen;
}

/** At most this share of U+FFFD in a text read as UTF-8 despite stray bytes. */
const STRAY_MAX_SHARE = 0.001;

function strayShare(text: string): number {
  let stray = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0xfffd) stray++;
  return text.length ? stray / text.length : 0;
}

/** How much of the non-ASCII text must fit a sniffed charset's letters. */
const SNIFF_MIN = 0.85;

/** The single-byte charset whose letters the bytes make best, when one fits well enough. */
function sniffSingleByte(bytes: Uint8Array): Decoded | undefined {
  let best: { charset: string; text: string; score: number } | undefined;
  for (const { charset, expected } of SINGLE_BYTE) {
    const text = new TextDecoder(charset).decode(bytes);
    const score = plausibility(text, expected);
    if (!best || score > best.score) best = { charset, text, score };
  }
  return best && best.score >= SNIFF_MIN
    ? { text: best.text, charset: best.charset, from: 'sniffed' }
    : undefined;
}

/**
 * Bytes → text, in the charset they are really in. A declared UTF-8 (header, XML declaration,
 * `<meta>`) is checked: bytes that are not UTF-8 go on to the next declaration, then to the
 * single-byte charset whose letters they make (`from: 'sniffed'`, with what was declared), and
 * are refused (`UndecodableError`) when none fits. A declared single-byte charset whose bytes
 * are valid multi-byte UTF-8 is taken to be UTF-8 (such bytes are next to never real text).
 */
export function decodeBody(bytes: Uint8Array, headerCharset: string | undefined): Decoded {
  const candidates: { label: string | undefined; from: 'bom' | 'header' | 'xml' | 'meta' }[] = [
    { label: bomCharset(bytes), from: 'bom' },
    { label: headerCharset, from: 'header' },
  ];
  const inDocument = declaredInDocument(bytes);
  if (inDocument) candidates.push({ label: inDocument.charset, from: inDocument.from });
  const utf8 = validUtf8(bytes);
  let declared: string | undefined;
  for (const { label, from } of candidates) {
    if (!label) continue;
    const decoder = decoderFor(label);
    if (!decoder) continue;
    // A UTF-16 declaration inside bytes we could read as ASCII is wrong: the bytes are 8-bit.
    if (from !== 'bom' && from !== 'header' && decoder.encoding.startsWith('utf-16')) continue;
    if (from === 'bom' || decoder.encoding.startsWith('utf-16'))
      return { text: decoder.decode(bytes), charset: decoder.encoding, from };
    if (decoder.encoding === 'utf-8') {
      if (utf8 !== undefined) return { text: utf8, charset: 'utf-8', from };
      declared ??= decoder.encoding;
      continue;
    }
    // A single-byte declaration over bytes that are multi-byte UTF-8 (not plain ASCII).
    if (utf8 !== undefined && bytes.some((b) => b >= 0x80))
      return { text: utf8, charset: 'utf-8', from: 'sniffed', declared: decoder.encoding };
    return { text: decoder.decode(bytes), charset: decoder.encoding, from };
  }
  if (utf8 !== undefined)
    return {
      text: utf8,
      charset: 'utf-8',
      from: declared ? 'sniffed' : 'default',
      ...(declared ? { declared } : {}),
    };
  const sniffed = sniffSingleByte(bytes);
  if (sniffed) return { ...sniffed, ...(declared ? { declared } : {}) };
  // UTF-8 with a few stray bytes (a truncated character, one bad byte): read as UTF-8, the stray
  // bytes as U+FFFD, when they are at most one character in a thousand (STRAY_MAX_SHARE).
  const lenient = new TextDecoder('utf-8').decode(bytes);
  if (strayShare(lenient) <= STRAY_MAX_SHARE)
    return {
      text: lenient,
      charset: 'utf-8',
      from: declared ? 'sniffed' : 'default',
      ...(declared ? { declared } : {}),
    };
  throw new UndecodableError(
    declared
      ? `declared ${declared}, but the bytes are not ${declared} nor, by their letters, windows-1256, windows-1251 or windows-1252`
      : 'the bytes are not UTF-8 nor, by their letters, windows-1256, windows-1251 or windows-1252',
  );
}
