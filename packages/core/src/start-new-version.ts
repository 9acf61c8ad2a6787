import { ASSIGNMENT_VERSION } from './assign-variant.ts';

/** The experiments of a config or draft `startNewVersion` reads; any other field is kept as it is. */
export type VersionedExperiments = Record<
  string,
  {
    salt?: string | undefined;
    version?: number | undefined;
    assignmentVersion?: 1 | 2 | undefined;
    [field: string]: unknown;
  }
>;

/**
 * The config with `experimentId` started over as its next version: `version` raised by one, a
 * fresh salt (so units are bucketed anew) and the newest assignment algorithm. Exposures then
 * carry the new version and its results are counted apart from the earlier ones'. Works on a
 * parsed config or a draft alike; the input is not changed.
 *
 * @example
 * const draft = startNewVersion(edited, 'usage_copy'); // usage_copy: version 2, salt "usage_copy#v2"
 */
export function startNewVersion<Config extends { experiments?: VersionedExperiments }>(
  config: Config,
  experimentId: string,
): Config {
  const experiment = config.experiments?.[experimentId];
  if (experiment === undefined) throw new RangeError(`no experiment "${experimentId}" in the config`);
  const version = (experiment.version ?? 1) + 1;
  return {
    ...config,
    experiments: {
      ...config.experiments,
      [experimentId]: {
        ...experiment,
        version,
        // "#" cannot occur in an id, so no other experiment's default salt can equal this one.
        salt: `${experimentId}#v${version}`,
        assignmentVersion: ASSIGNMENT_VERSION,
      },
    },
  };
}
