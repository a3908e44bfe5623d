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
  /** Where the charset came from. */
  readonly from: 'bom' | 'header' | 'xml' | 'meta' | 'default';
}

export function decodeBody(bytes: Uint8Array, headerCharset: string | undefined): Decoded {
  const candidates: { label: string | undefined; from: Decoded['from'] }[] = [
    { label: bomCharset(bytes), from: 'bom' },
    { label: headerCharset, from: 'header' },
  ];
  const inDocument = declaredInDocument(bytes);
  if (inDocument) candidates.push({ label: inDocument.charset, from: inDocument.from });
  for (const { label, from } of candidates) {
    if (!label) continue;
    const decoder = decoderFor(label);
    // A UTF-16 declaration inside bytes we could read as ASCII is wrong: the bytes are 8-bit.
    if (decoder && !(from !== 'bom' && from !== 'header' && decoder.encoding.startsWith('utf-16'))) {
      return { text: decoder.decode(bytes), charset: decoder.encoding, from };
    }
  }
  return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', from: 'default' };
}
