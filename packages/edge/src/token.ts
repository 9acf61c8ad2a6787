// `@headroom/edge/token` predates `@headroom/server`; one implementation lives there.
export { type AccountTokenClaims, type SignAccountTokenOptions, signAccountToken } from '@headroom/server';
