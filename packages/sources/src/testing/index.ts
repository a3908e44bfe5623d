// Fixtures for tests of whatever reads sources: a local HTTP server with feeds, sitemaps, listing
// pages, redirects, robots.txt and hostile answers (scenarios), and test settings.
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
export { keysFor, redisFor, testSettings } from './test-helpers.ts';
