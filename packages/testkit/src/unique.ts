import { randomBytes } from 'node:crypto';

/**
 * A namespace no other test uses: streams `<ns>_ARTICLES`, subjects `<ns>.article.fetched`,
 * BullMQ prefix `dyad:<ns>`, PostgreSQL schema `<ns>`. Lowercase, starts with a letter, and fits
 * every server's naming rules.
 */
export function uniqueNamespace(label = 't'): string {
  const clean =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 16) || 't';
  const prefix = /^[a-z]/.test(clean) ? clean : `t_${clean}`;
  return `${prefix}_${randomBytes(5).toString('hex')}`.slice(0, 40);
}
