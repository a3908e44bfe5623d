export { type CleanerEnv, cleanerEnvSchema } from './config.ts';
export { detectLanguage } from './language.ts';
export { CLEANER_VERSION, cleanPlainText, UnsupportedContentError } from './plain-text.ts';
export { CleanerService } from './service.ts';
