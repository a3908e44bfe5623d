export { eventReport, extractedArticle } from './builders.ts';
export {
  deleteNamespaceKeys,
  deleteNamespaceStreams,
  describe,
  expect,
  it,
  type NatsFixture,
  type PostgresFixture,
  type RedisFixture,
} from './fixtures.ts';
export {
  type ExitResult,
  eventually,
  findExecutable,
  freePort,
  type ProcessOptions,
  TestProcess,
  waitForHttp,
} from './processes.ts';
export {
  checkServer,
  type ServerKind,
  serverUrl,
  stopContainers,
  TestServerUnavailableError,
} from './servers.ts';
export { uniqueNamespace } from './unique.ts';
