import { describe, expect, it } from '@dyad/testkit';
import { paint, prefix, renderLogLine, wantsColour } from './render.ts';

const ID = '3f2a9c1b4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8';

describe('renderLogLine', () => {
  it('renders a pino line as time, level, message, article and short fields', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2026-01-02T03:04:05.678Z',
      pid: 123,
      hostname: 'box',
      service: 'cleaner',
      name: 'cleaner',
      seq: 4,
      delivery: 1,
      articleId: ID,
      msg: 'processed',
    });
    expect(renderLogLine(line)).toBe('03:04:05.678 INFO  processed  article=3f2a9c1b4d5e seq=4 delivery=1');
  });

  it('shows the error unless the message already says it, and leaves out long values', () => {
    const err = { type: 'Error', message: 'boom', stack: 'Error: boom\n    at x' };
    const long = 'x'.repeat(200);
    expect(
      renderLogLine(JSON.stringify({ level: 50, time: 1767323045678, msg: 'failed', err, body: long })),
    ).toBe('03:04:05.678 ERROR failed  err="boom"');
    expect(
      renderLogLine(JSON.stringify({ level: 'warn', msg: 'failed; will retry: boom', err, retryInMs: 900 })),
    ).toBe('WARN  failed; will retry: boom  retryInMs=900');
  });

  it('quotes strings with spaces and keeps short JSON values', () => {
    expect(
      renderLogLine(
        JSON.stringify({ level: 'info', msg: 'store ready', reason: 'start failed', applied: ['001.sql'] }),
      ),
    ).toBe('INFO  store ready  reason="start failed" applied=["001.sql"]');
  });

  it('passes other lines through unchanged', () => {
    for (const line of [
      '[17119] 2026/11/22 09:53:42.413233 [INF] Starting nats-server',
      '{not json',
      '{"a":1}',
      '[1,2]',
      '',
    ])
      expect(renderLogLine(line)).toBe(line);
  });

  it('colours level and fields only when asked', () => {
    const line = JSON.stringify({ level: 'error', msg: 'x', seq: 1 });
    expect(renderLogLine(line, true)).toBe(
      `${paint(true, 'red', 'ERROR')} x  ${paint(true, 'dim', 'seq=1')}`,
    );
    expect(renderLogLine(line, true)).toContain('\x1b[31mERROR\x1b[0m');
  });
});

describe('prefixes and colours', () => {
  it('pads names so that the bars line up', () => {
    expect(prefix('cleaner', 'magenta', false)).toBe('cleaner   | ');
    expect(prefix('extractor', 'yellow', false)).toBe('extractor | ');
    expect(prefix('nats', 'green', true)).toBe('\x1b[32mnats     \x1b[0m | ');
  });

  it('follows NO_COLOR, FORCE_COLOR and the terminal', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({}, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });
});
