export {
  articlePage,
  escapeXml,
  type FeedItemFixture,
  FixtureServer,
  type LoggedRequest,
  type RouteHandler,
  rssFeed,
  send,
} from './fixture-server.ts';
export { encodeSingleByte } from './legacy-encode.ts';
export {
  ARABIC_ITEMS,
  FIXTURE_PROXIES_YAML,
  FRENCH_ITEMS,
  installScenarios,
  MIXED_LINKS,
  type ScenarioState,
} from './scenarios.ts';
