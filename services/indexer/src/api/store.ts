import type { Store } from '@dyad/store';

/** The store queries the API reads with (it writes nothing). */
export type ApiStore = Pick<
  Store,
  | 'listEvents'
  | 'searchEvents'
  | 'getEvent'
  | 'childEvents'
  | 'recentEvents'
  | 'searchArticles'
  | 'listActors'
  // The web pages (../web/routes.ts):
  | 'eventMonthCounts'
  | 'eventHistory'
  | 'agreementEvents'
  | 'agreementActs'
  | 'eventFacets'
  | 'eventsMarker'
  | 'getArticle'
>;
