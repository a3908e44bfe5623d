/** schema.org JSON-LD objects of a page, flattened (arrays and @graph), for metadata. */

export type JsonObject = { readonly [key: string]: unknown };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function flatten(value: unknown, out: JsonObject[], depth = 0): void {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, out, depth + 1);
  } else if (isObject(value)) {
    out.push(value);
    if (value['@graph']) flatten(value['@graph'], out, depth + 1);
    if (isObject(value.mainEntity)) flatten(value.mainEntity, out, depth + 1);
  }
}

/** Parses each `<script type="application/ld+json">` body; broken ones are skipped. */
export function parseJsonLd(scripts: readonly string[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const source of scripts) {
    try {
      // Some sites wrap the JSON in CDATA or leave control characters in strings.
      const json = source.replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '').replace(/\p{Cc}+/gu, ' ');
      flatten(JSON.parse(json), out);
    } catch {
      // Not JSON: nothing to read.
    }
  }
  return out;
}

const ARTICLE_TYPES = /^(?:\w*Article|BlogPosting|Report|LiveBlogPosting|SocialMediaPosting|Posting)$/;

function types(obj: JsonObject): string[] {
  const t = obj['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** The article object: the first of an *Article type, else the first with a headline. */
export function articleObject(objects: readonly JsonObject[]): JsonObject | undefined {
  return (
    objects.find((o) => types(o).some((t) => ARTICLE_TYPES.test(t))) ??
    objects.find((o) => typeof o.headline === 'string')
  );
}

export function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) return stringOf(value[0]);
  return undefined;
}

/** Names of `author` (a string, a Person, or a list of them). */
export function authorNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') names.push(item.trim());
    else if (isObject(item) && typeof item.name === 'string') names.push(item.name.trim());
  }
  return names.filter((n) => n.length > 0 && !/^https?:/i.test(n));
}

export function publisherName(value: unknown): string | undefined {
  if (isObject(value)) return stringOf(value.name);
  return stringOf(value);
}
