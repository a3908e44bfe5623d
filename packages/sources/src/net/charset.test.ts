import { describe, expect, it } from 'vitest';
import { encodeSingleByte } from '../testing/legacy-encode.ts';
import { decodeBody, parseContentType, UndecodableError } from './charset.ts';

const ARABIC = 'المغرب وكازاخستان';

describe('decodeBody', () => {
  it('takes the charset from the header', () => {
    expect(decodeBody(encodeSingleByte(ARABIC, 'windows-1256'), 'windows-1256')).toEqual({
      text: ARABIC,
      charset: 'windows-1256',
      from: 'header',
    });
  });

  it('takes it from the XML declaration when the header has none', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-6"?><rss><title>${ARABIC}</title></rss>`;
    const decoded = decodeBody(encodeSingleByte(xml, 'iso-8859-6'), undefined);
    expect(decoded).toMatchObject({ charset: 'iso-8859-6', from: 'xml' });
    expect(decoded.text).toContain(ARABIC);
  });

  it('takes it from <meta charset> or <meta http-equiv> in HTML', () => {
    const a = decodeBody(
      encodeSingleByte(`<html><head><meta charset="windows-1256"></head><p>${ARABIC}</p>`, 'windows-1256'),
      undefined,
    );
    expect(a).toMatchObject({ charset: 'windows-1256', from: 'meta' });
    expect(a.text).toContain(ARABIC);
    const b = decodeBody(
      encodeSingleByte(
        `<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-6"><p>${ARABIC}</p>`,
        'iso-8859-6',
      ),
      undefined,
    );
    expect(b).toMatchObject({ charset: 'iso-8859-6', from: 'meta' });
    expect(b.text).toContain(ARABIC);
  });

  it('lets a byte-order mark win over a wrong declaration, and drops it', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`<?xml version="1.0" encoding="windows-1256"?>${ARABIC}`),
    ]);
    const decoded = decodeBody(bytes, 'iso-8859-1');
    expect(decoded).toMatchObject({ charset: 'utf-8', from: 'bom' });
    expect(decoded.text.startsWith('<?xml')).toBe(true);
    expect(decoded.text).toContain(ARABIC);
  });

  it('falls back to UTF-8 for an unknown label', () => {
    expect(decodeBody(new TextEncoder().encode('é'), 'x-klingon')).toEqual({
      text: 'é',
      charset: 'utf-8',
      from: 'default',
    });
  });

  it('detects a page whose bytes do not fit its declared UTF-8, and reads it in the charset its letters make', () => {
    const pages = [
      {
        charset: 'windows-1256',
        text: 'استقبل وزير الشؤون الخارجية والتعاون الإفريقي والمغاربة المقيمين بالخارج، اليوم الجمعة بالرباط، سفيرة جمهورية كازاخستان.',
      },
      {
        charset: 'windows-1251',
        text: 'Министр иностранных дел Казахстана провёл переговоры со своим марокканским коллегой в Рабате.',
      },
      {
        charset: 'windows-1252',
        text: 'Le ministre des Affaires étrangères a reçu vendredi à Rabat l’ambassadrice du Kazakhstan, accréditée auprès du Royaume.',
      },
    ];
    for (const { charset, text } of pages) {
      const html = `<html><head><meta charset="utf-8"></head><body><p>${text}</p></body></html>`;
      const decoded = decodeBody(encodeSingleByte(html, charset), 'utf-8');
      expect(decoded, charset).toMatchObject({ charset, from: 'sniffed', declared: 'utf-8' });
      expect(decoded.text).toContain(text);
    }
    // UTF-8 bytes declared windows-1256: read as the UTF-8 they are.
    const utf8 = decodeBody(new TextEncoder().encode(`<p>${ARABIC}</p>`), 'windows-1256');
    expect(utf8).toMatchObject({ charset: 'utf-8', from: 'sniffed', declared: 'windows-1256' });
    expect(utf8.text).toContain(ARABIC);
  });

  it('reads UTF-8 with a stray byte as UTF-8 (the byte as U+FFFD)', () => {
    const text = `<p>${ARABIC} ${'نص المقال '.repeat(200)}</p>`;
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xff]), Buffer.from(text)]);
    const decoded = decodeBody(bytes, 'utf-8');
    expect(decoded).toMatchObject({ charset: 'utf-8', from: 'sniffed', declared: 'utf-8' });
    expect(decoded.text).toBe(`${text}\ufffd${text}`);
  });

  it('refuses bytes that are in no charset it can tell (random bytes labelled utf-8)', () => {
    let seed = 7;
    const random = Uint8Array.from({ length: 20_000 }, () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed >> 16;
    });
    expect(() => decodeBody(random, 'utf-8')).toThrow(UndecodableError);
    expect(() => decodeBody(random, undefined)).toThrow(/not UTF-8 nor/);
  });

  it('parses a content type', () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-6"')).toEqual({
      type: 'text/html',
      charset: 'iso-8859-6',
    });
    expect(parseContentType(undefined)).toEqual({ type: '', charset: undefined });
  });
});
