export { CLEANER_VERSION, cleanInputOf, cleanStep, toArticleCleaned } from './clean-step.ts';
export { type ExtractStepResult, extractStep } from './extract-step.ts';
export { type ReplayedFile, replayedArticle } from './replayed.ts';
