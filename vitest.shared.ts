// Shared vitest settings: every project resolves workspace packages to their source
// through the `@headroom/source` export condition, so nothing needs a watch build.
import type { UserConfig } from 'vite';

export const sourceConditions = ['@headroom/source', 'module', 'browser', 'development|production'];
export const sourceConditionsNode = ['@headroom/source', 'module', 'node', 'development|production'];

export const sourceResolve: Pick<UserConfig, 'resolve' | 'ssr'> = {
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditionsNode, externalConditions: ['@headroom/source'] } },
};
