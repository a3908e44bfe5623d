import { readYamlFile } from '@dyad/knowledge';
import { z } from 'zod';
import { defaultFeedProxiesFile } from '../data-files.ts';

const Host = z
  .string()
  .regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/, 'a lowercase host name, optionally "*." first and ":port" last');

const PathPattern = z.string().refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const Base = { name: z.string().min(1), host: Host, path: PathPattern };

export const FeedProxy = z.union([
  z.object({ ...Base, param: z.array(z.string().min(1)).min(1) }).strict(),
  z.object({ ...Base, redirect: z.literal(true) }).strict(),
]);
export type FeedProxy = z.infer<typeof FeedProxy>;

export const FeedProxiesFile = z.object({ proxies: z.array(FeedProxy) });
export type FeedProxiesFile = z.infer<typeof FeedProxiesFile>;

/** What a link through a proxy resolves to, without a request when the target is in the URL. */
export type ProxyMatch =
  | { readonly kind: 'param'; readonly proxy: string; readonly target: string }
  | { readonly kind: 'redirect'; readonly proxy: string };

export interface FeedProxies {
  match(url: URL): ProxyMatch | undefined;
}

function hostMatches(pattern: string, url: URL): boolean {
  const host = pattern.includes(':') ? url.host : url.hostname;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) || host === pattern.slice(2);
  return host === pattern;
}

export function feedProxies(file: FeedProxiesFile): FeedProxies {
  const rules = file.proxies.map((p) => ({ ...p, re: new RegExp(p.path) }));
  return {
    match(url) {
      for (const rule of rules) {
        if (!hostMatches(rule.host, url) || !rule.re.test(url.pathname)) continue;
        if ('redirect' in rule) return { kind: 'redirect', proxy: rule.name };
        for (const param of rule.param) {
          const target = url.searchParams.get(param);
          if (target && /^https?:\/\//i.test(target) && URL.canParse(target)) {
            return { kind: 'param', proxy: rule.name, target };
          }
        }
      }
      return undefined;
    },
  };
}

export function loadFeedProxies(file = defaultFeedProxiesFile): FeedProxies {
  return feedProxies(readYamlFile(file, FeedProxiesFile));
}
