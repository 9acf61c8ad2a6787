import { type ConfigChange, diffConfigs, type HeadroomConfig } from '@headroom/core';
import { useMemo } from 'preact/hooks';

/**
 * What a publish would change against the live version, one named change per line (the core's
 * semantic diff: triggers and variants by id, defaults spelled out or not are the same).
 */
export function ConfigChanges({
  live,
  draft,
  version,
}: {
  live: HeadroomConfig;
  draft: HeadroomConfig;
  version: number;
}) {
  const changes: ConfigChange[] = useMemo(() => diffConfigs(live, draft), [live, draft]);
  if (changes.length === 0) return <p class="meta">No changes against live version {version}.</p>;
  return (
    <>
      <p>
        {changes.length} change{changes.length === 1 ? '' : 's'} against live version {version}:
      </p>
      <ul class="issues" aria-label={`Changes against version ${version}`}>
        {changes.map((change) => (
          <li key={`${change.kind}:${change.path}`}>{change.summary}</li>
        ))}
      </ul>
    </>
  );
}
