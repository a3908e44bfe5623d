/**
 * A service started with a NATS cluster that has not formed yet: its first node answers clients
 * at once, but JetStream has no meta leader (and no peers for a 3-replica stream) until the other
 * nodes join. Real nats-server processes on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { names as makeNames } from '@dyad/contracts';
import { describe, expect, findExecutable, freePort, it, TestProcess } from '@dyad/testkit';
import { JetStreamApiError } from '@nats-io/jetstream';
import { RequestError, TimeoutError } from '@nats-io/transport-node';
import { afterEach } from 'vitest';
import { NatsBus } from './bus.ts';
import { isJetStreamNotReady, JetStreamNotReadyError, untilJetStreamReady } from './ready.ts';

const started: TestProcess[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const node of started.splice(0)) {
    node.child.kill('SIGKILL');
    await node.exited;
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface ClusterPlan {
  readonly clientPorts: number[];
  readonly routePorts: number[];
}

async function planCluster(size: number): Promise<ClusterPlan> {
  const clientPorts: number[] = [];
  const routePorts: number[] = [];
  for (let i = 0; i < size; i++) {
    clientPorts.push(await freePort());
    routePorts.push(await freePort());
  }
  return { clientPorts, routePorts };
}

/** Starts node `index` of the planned cluster; resolves once it accepts clients. */
async function startNode(plan: ClusterPlan, index: number): Promise<TestProcess> {
  const store = mkdtempSync(join(tmpdir(), 'dyad-ready-'));
  dirs.push(store);
  const routes = plan.routePorts.map((port) => `nats://127.0.0.1:${port}`).join(',');
  const node = new TestProcess({
    name: `n${index}`,
    command: findExecutable('nats-server') ?? 'nats-server',
    args: [
      ...['--addr', '127.0.0.1', '--port', String(plan.clientPorts[index])],
      ...['--server_name', `n${index}`, '--jetstream', '--store_dir', store],
      ...['--cluster_name', 'ready-test', '--cluster', `nats://127.0.0.1:${plan.routePorts[index]}`],
      ...['--routes', routes],
    ],
  });
  started.push(node);
  await node.waitForLine(/Server is ready/, 15_000);
  return node;
}

describe('untilJetStreamReady', () => {
  it('waits out "not yet" errors and gives up on others at once', async () => {
    expect(isJetStreamNotReady(new TimeoutError())).toBe(true);
    expect(isJetStreamNotReady(new RequestError('no responders'))).toBe(true);
    const unavailable = new JetStreamApiError({
      code: 503,
      err_code: 10_008,
      description: 'JetStream system temporarily unavailable',
    });
    expect(isJetStreamNotReady(unavailable)).toBe(true);
    const refused = new JetStreamApiError({
      code: 400,
      err_code: 10_058,
      description: 'stream name already in use',
    });
    expect(isJetStreamNotReady(refused)).toBe(false);
    expect(isJetStreamNotReady(new Error('consumer filters x, the catalog says y'))).toBe(false);

    let calls = 0;
    const value = await untilJetStreamReady(
      async () => {
        calls++;
        if (calls < 3) throw new TimeoutError();
        return 'ready';
      },
      { what: 'the test', timeoutMs: 5_000, firstDelayMs: 10 },
    );
    expect([value, calls]).toEqual(['ready', 3]);

    calls = 0;
    await expect(
      untilJetStreamReady(
        async () => {
          calls++;
          throw refused;
        },
        { what: 'the test', timeoutMs: 5_000, firstDelayMs: 10 },
      ),
    ).rejects.toBe(refused);
    expect(calls).toBe(1);

    const late = untilJetStreamReady(
      async () => {
        throw new TimeoutError();
      },
      { what: 'the streams', timeoutMs: 120, firstDelayMs: 20 },
    );
    await expect(late).rejects.toThrow(JetStreamNotReadyError);
    await expect(late).rejects.toThrow(/JetStream did not answer the streams within 0 s \(last: timeout\)/);
    await expect(late).rejects.toHaveProperty('cause', expect.any(TimeoutError));
  });

  it('NatsBus.connect on a cluster still forming waits until it has formed, then creates the 3-replica streams', async () => {
    const plan = await planCluster(3);
    await startNode(plan, 0);
    const names = makeNames(`ready${Date.now().toString(36)}`);
    const connecting = NatsBus.connect({
      url: `nats://127.0.0.1:${plan.clientPorts[0]}`,
      name: 'ready-test',
      names,
      streamReplicas: 3,
      readyTimeoutMs: 60_000,
    });
    let settled = false;
    void connecting.then(
      () => (settled = true),
      () => (settled = true),
    );
    // One node alone has no JetStream leader: the connect must still be waiting, not failed.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(settled).toBe(false);
    await Promise.all([startNode(plan, 1), startNode(plan, 2)]);
    const bus = await connecting;
    try {
      const info = await bus.jsm.streams.info(names.stream('ARTICLES'));
      expect(info.config.num_replicas).toBe(3);
    } finally {
      await bus.close();
    }
  }, 90_000);

  it('NatsBus.connect gives up after NATS_READY_TIMEOUT_MS with the reason when the cluster never forms', async () => {
    const plan = await planCluster(3);
    await startNode(plan, 0);
    const connecting = NatsBus.connect({
      url: `nats://127.0.0.1:${plan.clientPorts[0]}`,
      name: 'ready-test',
      names: makeNames(`ready${Date.now().toString(36)}`),
      streamReplicas: 3,
      readyTimeoutMs: 1_500,
    });
    await expect(connecting).rejects.toThrow(JetStreamNotReadyError);
    await expect(connecting).rejects.toThrow(/has its cluster formed\?/);
  }, 60_000);
});
