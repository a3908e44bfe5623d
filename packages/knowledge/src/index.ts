export {
  Actor,
  type ActorLanguage,
  ActorRole,
  ActorsFile,
  actorsDir,
  loadActors,
  roleCovers,
  roleSpan,
} from './actors.ts';
export {
  EventLanguage,
  EventLexicon,
  eventLanguages,
  eventLexiconsDir,
  loadEventLexicon,
  TriggerType,
} from './event-lexicon.ts';
export { KazakhInflection, loadKazakhInflection } from './kazakh.ts';
export {
  BoilerplateLexicon,
  DatesLexicon,
  type LexiconLanguage,
  lexiconsDir,
  loadBoilerplateLexicon,
  loadDatesLexicon,
} from './lexicons.ts';
export { DataFileError, knowledgeDir, parseYaml, readYamlFile } from './load-yaml.ts';
export {
  Gathering,
  loadGatherings,
  loadPlaces,
  loadThirdCountries,
  Place,
  ThirdCountry,
} from './places.ts';
export {
  CountryProfile,
  countryTerms,
  DEFAULT_PROFILE,
  loadProfile,
  Profile,
  type ProfileLanguage,
  profileEnv,
  profilesDir,
  type TermKind,
  termKinds,
  withActors,
  withPlaces,
} from './profile.ts';
