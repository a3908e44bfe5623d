import { TextDecoder } from 'node:util';

/** Encodes text in a single-byte charset (windows-1256, iso-8859-6…): fixtures of Arabic sites. */
export function encodeSingleByte(text: string, charset: string): Buffer {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const char = decoder.decode(Uint8Array.of(byte));
    if (char !== '\ufffd' && !table.has(char)) table.set(char, byte);
  }
  const out: number[] = [];
  for (const char of text) {
    const byte = table.get(char);
    if (byte === undefined) throw new Error(`${JSON.stringify(char)} has no ${charset} byte`);
    out.push(byte);
  }
  return Buffer.from(out);
}
