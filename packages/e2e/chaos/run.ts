/**
 * `pnpm chaos [--articles N] [--timeout-min M] [--keep]`: the chaos run (packages/e2e/src/chaos.ts)
 * with 2,000 articles by default. Progress goes to stderr; the three `chaos:` lines to stdout. Exits
 * 1 when an article is lost, an event is announced twice or never, or a dead letter has no reason.
 */
import { parseArgs } from 'node:util';
import { runChaos } from '../src/chaos.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '2000' },
    'timeout-min': { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});
const articles = Number(values.articles);
const timeoutMin = Number(values['timeout-min']);
if (!Number.isInteger(articles) || articles < 10 || !(timeoutMin > 0)) {
  process.stderr.write('usage: pnpm chaos [--articles N (≥ 10)] [--timeout-min M] [--keep]\n');
  process.exit(2);
}

const result = await runChaos({
  articles,
  timeoutMs: timeoutMin * 60_000,
  keepDir: values.keep,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stderr.write(
  `chaos: ${result.seconds} s; done to the processes: ${result.actions.join(', ')}; ` +
    `restarted after exiting on their own: ${result.unexpectedExits.join(', ') || 'none'}\n`,
);
for (const line of result.lines) process.stdout.write(`${line}\n`);
process.exit(result.ok ? 0 : 1);
