import type { ConfigIssue } from '@headroom/core';

/** The experiment ids a 409 `mixes_treatments` names, from its paths `config.experiments.<id>.variants`. */
export function mixedExperimentIds(issues: readonly ConfigIssue[]): string[] {
  return issues.flatMap((issue) => /^config\.experiments\.([^.]+)\./.exec(issue.path)?.[1] ?? []);
}

/**
 * The publish step's answer to a draft that changes the copy or weights of experiments units
 * were already exposed to: start a new version of each (new salt, results kept apart), or
 * publish anyway knowingly.
 */
export function MixedTreatmentsWarning({
  issues,
  busy,
  onStartNewVersion,
  onPublishAnyway,
}: {
  issues: readonly ConfigIssue[];
  busy: boolean;
  onStartNewVersion: () => void;
  onPublishAnyway: () => void;
}) {
  return (
    <div role="alert" class="warning mixed-treatments">
      <p>
        <strong>This would mix two treatments.</strong> Units were already shown these experiments' variants;
        changing their copy or weights now would pool results of the old and the new treatment. Nothing was
        published.
      </p>
      <ul class="issues" aria-label="Experiments with exposures">
        {issues.map((issue) => (
          <li key={issue.path}>
            <code>{issue.path}</code>: {issue.message}
          </li>
        ))}
      </ul>
      <p class="meta">
        A new version gets a new salt: units are assigned afresh, and its results are listed apart from the
        earlier version's.
      </p>
      <button type="button" disabled={busy} onClick={onStartNewVersion}>
        Start a new version
      </button>{' '}
      <button type="button" class="secondary" disabled={busy} onClick={onPublishAnyway}>
        Publish anyway, mixing treatments
      </button>
    </div>
  );
}
