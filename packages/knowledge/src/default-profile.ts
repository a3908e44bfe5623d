/** The relationship Dyad watches unless `DYAD_PROFILE` (or `--profile`) says another. */
export const DEFAULT_PROFILE = 'ma-kz';
