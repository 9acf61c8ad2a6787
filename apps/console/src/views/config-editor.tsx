import {
  COPY_PLACEHOLDERS,
  type ConfigIssue,
  type ConfigWarning,
  type HeadroomConfig,
  lintConfig,
  startNewVersion,
  validateConfig,
} from '@headroom/core';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AdminApiError, type AdminClient } from '../admin-client.ts';
import { arrayAt, recordAt, setIn, stringAt } from '../set-in.ts';
import { useResource } from '../use-resource.ts';
import { BacktestPreview } from './backtest-preview.tsx';
import { ConfigChanges } from './config-changes.tsx';
import { CopyFields, NumberField } from './config-fields.tsx';
import { ConfigHistory } from './config-history.tsx';
import { CopyPreview, type PreviewSource } from './copy-preview.tsx';
import { ImpactPreview } from './impact-preview.tsx';
import { LoadState } from './load-state.tsx';
import { MixedTreatmentsWarning, mixedExperimentIds } from './mixed-treatments-warning.tsx';
import { VersionCompare } from './version-compare.tsx';

type Path = ReadonlyArray<string | number>;

/**
 * The core's own validation (unknown keys included, each with a suggestion) and its warnings,
 * worded as `defineConfig` and the edge word them.
 */
function validate(draft: unknown): {
  config: HeadroomConfig | null;
  issues: readonly ConfigIssue[];
  warnings: readonly ConfigWarning[];
} {
  const result = validateConfig(draft);
  if (!result.valid) {
    return {
      config: null,
      issues: result.issues.map((i) => ({ ...i, path: i.path || '(root)' })),
      warnings: [],
    };
  }
  return { config: result.config, issues: [], warnings: lintConfig(result.config) };
}

/** Copy a preview can show: every prompt's own copy and every experiment variant's. */
function previewSources(config: HeadroomConfig): PreviewSource[] {
  const sources: PreviewSource[] = [];
  for (const [id, prompt] of Object.entries(config.prompts)) {
    if (prompt.copy)
      sources.push({ key: `prompt:${id}`, label: `Prompt ${id}`, promptId: id, copy: prompt.copy });
    const experiment = prompt.experiment === undefined ? undefined : config.experiments[prompt.experiment];
    for (const variant of experiment?.variants ?? []) {
      sources.push({
        key: `variant:${prompt.experiment}:${variant.id}`,
        label: `Experiment ${prompt.experiment}, variant ${variant.id}`,
        promptId: id,
        copy: variant.copy,
      });
    }
  }
  return sources;
}

/**
 * Edits triggers, prompt copy and experiment variants of the live config; validates every
 * keystroke with the core schema, previews the real widget, publishes a new version and rolls
 * back to any earlier one.
 */
export function ConfigEditor({ client }: { client: AdminClient }) {
  const [refresh, setRefresh] = useState(0);
  const resource = useResource(() => client.config(), `config:${refresh}`);
  const [draft, setDraft] = useState<unknown>(null);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{
    kind: 'ok' | 'error' | 'conflict' | 'mixed';
    text: string;
    issues?: readonly ConfigIssue[];
  } | null>(null);
  const [previewKey, setPreviewKey] = useState<string | null>(null);
  const liveVersion = resource.status === 'ready' ? (resource.data.current?.version ?? 0) : -1;
  // The version this edit started from, sent as If-Match so a publish never overwrites another.
  const baseVersion = liveVersion > 0 ? liveVersion : undefined;

  // A new live version (first load, publish, rollback) resets the draft to it.
  useEffect(() => {
    if (resource.status !== 'ready') return;
    const config = resource.data.current?.config ?? null;
    setDraft(config);
    setJson(config === null ? '' : JSON.stringify(config, null, 2));
    setJsonError(null);
  }, [liveVersion]);

  const { config: valid, issues, warnings } = useMemo(() => validate(draft), [draft]);
  // The live version parsed like a draft, so the publish step can say what changes.
  const live = useMemo(() => {
    const current = resource.status === 'ready' ? resource.data.current?.config : undefined;
    return current === undefined ? null : validate(current).config;
  }, [liveVersion]);
  // While the draft is invalid the preview keeps showing the last valid version of it.
  const lastValidRef = useRef<HeadroomConfig | null>(null);
  if (valid) lastValidRef.current = valid;
  const lastValid = valid ?? lastValidRef.current;
  const sources = useMemo(() => (lastValid ? previewSources(lastValid) : []), [lastValid]);
  const source = sources.find((s) => s.key === previewKey) ?? sources[0];

  const update = (path: Path, value: unknown) => {
    const next = setIn(draft, path, value);
    setDraft(next);
    setJson(JSON.stringify(next, null, 2));
    setJsonError(null);
    setStatus(null);
  };
  const onJson = (text: string) => {
    setJson(text);
    setStatus(null);
    try {
      setDraft(JSON.parse(text));
      setJsonError(null);
    } catch (e) {
      setJsonError(`Not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  // `fromDraft`: a publish, which "Start a new version" can fix; a rollback shows the plain error.
  const run = async (
    action: () => Promise<{ version: number }>,
    done: (version: number) => string,
    fromDraft = false,
  ) => {
    setBusy(true);
    try {
      const { version } = await action();
      setStatus({ kind: 'ok', text: done(version) });
      setNote('');
      setRefresh((n) => n + 1);
    } catch (e) {
      setStatus(
        e instanceof AdminApiError && e.status === 412
          ? {
              kind: 'conflict',
              // The edit started from an older version: overwriting would silently drop theirs.
              text: `Someone else published version ${e.currentVersion ?? 'newer'} — reload and merge your changes. Nothing was published.`,
            }
          : e instanceof AdminApiError
            ? {
                kind: fromDraft && e.code === 'mixes_treatments' ? 'mixed' : 'error',
                text: e.message,
                issues: e.issues,
              }
            : { kind: 'error', text: String(e) },
      );
    } finally {
      setBusy(false);
    }
  };
  const message = note.trim();
  const publish = (acknowledgeMixedTreatments = false) => {
    if (valid === null || jsonError !== null || message === '') return;
    void run(
      () => client.publishConfig(draft, message, baseVersion, acknowledgeMixedTreatments),
      (v) =>
        `Published version ${v}. SDKs pick it up on their next config revalidation (within about a minute).`,
      true,
    );
  };
  // Each experiment the edge named starts its next version in the draft; publishing starts it.
  const startNewVersions = (issues: readonly ConfigIssue[]) => {
    const ids = mixedExperimentIds(issues);
    const next = ids.reduce(
      (config, id) => startNewVersion(config, id),
      draft as Parameters<typeof startNewVersion>[0],
    );
    update([], next);
    const versions = ids.map((id) => `${id} version ${next.experiments?.[id]?.version}`).join(', ');
    setStatus({
      kind: 'ok',
      text: `The draft now starts ${versions}, with a new salt. Publish to start it.`,
    });
  };
  const rollback = (version: number) =>
    void run(
      () => client.rollback(version, baseVersion),
      (v) => `Rolled back: version ${version} is live again as version ${v}.`,
    );

  const triggers = arrayAt(draft, 'triggers');
  const prompts = recordAt(draft, 'prompts');
  const experiments = recordAt(draft, 'experiments');
  // Every version says why it exists: the history is read months later, by someone else.
  const canPublish = valid !== null && jsonError === null && !busy && message !== '';

  return (
    <section aria-labelledby="config-heading">
      <h2 id="config-heading">Configuration</h2>
      <LoadState resource={resource}>
        {(data) => (
          <>
            <p class="meta">
              {data.current
                ? `Live: version ${data.current.version}`
                : 'Nothing published yet: paste a config below.'}
            </p>
            <div class="editor">
              {/* Enter in a field must not publish: only the Publish button does. */}
              <form onSubmit={(e) => e.preventDefault()} class="editor-form" aria-label="Edit configuration">
                <fieldset>
                  <legend>Triggers</legend>
                  {triggers.map((t, i) => {
                    const id = stringAt(t, 'id') || `#${i + 1}`;
                    const kind = stringAt(t, 'kind');
                    const ratio = kind === 'meter_ratio' || kind === 'meter_sustained';
                    return (
                      <fieldset key={id} class="row">
                        <legend>
                          Trigger {id} <small>({kind})</small>
                        </legend>
                        <NumberField
                          id={`trigger-${i}-atLeast`}
                          label={ratio ? 'Threshold (share of the limit, 0–1)' : 'Threshold'}
                          value={(t as Record<string, unknown>).atLeast}
                          step={ratio ? 0.01 : 1}
                          onChange={(v) => update(['triggers', i, 'atLeast'], v)}
                        />
                        {'withinDays' in (t as object) && (
                          <NumberField
                            id={`trigger-${i}-withinDays`}
                            label="Within days"
                            value={(t as Record<string, unknown>).withinDays}
                            onChange={(v) => update(['triggers', i, 'withinDays'], v)}
                          />
                        )}
                        {'days' in (t as object) && (
                          <NumberField
                            id={`trigger-${i}-days`}
                            label="For consecutive days"
                            value={(t as Record<string, unknown>).days}
                            onChange={(v) => update(['triggers', i, 'days'], v)}
                          />
                        )}
                      </fieldset>
                    );
                  })}
                </fieldset>
                <fieldset>
                  <legend>Prompt copy</legend>
                  <p class="meta">Placeholders: {COPY_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}</p>
                  {Object.entries(prompts).map(([id, prompt]) =>
                    'copy' in (prompt as object) ? (
                      <CopyFields
                        key={id}
                        idPrefix={`prompt-${id}`}
                        legend={`Prompt ${id}`}
                        copy={recordAt(prompt, 'copy')}
                        onChange={(field, v) => update(['prompts', id, 'copy', field], v)}
                      />
                    ) : (
                      <p key={id}>
                        Prompt {id}: copy comes from experiment <code>{stringAt(prompt, 'experiment')}</code>.
                      </p>
                    ),
                  )}
                </fieldset>
                <fieldset>
                  <legend>Experiment variants</legend>
                  {Object.entries(experiments).map(([id, experiment]) => (
                    <fieldset key={id}>
                      <legend>Experiment {id}</legend>
                      {arrayAt(experiment, 'variants').map((variant, i) => {
                        const vid = stringAt(variant, 'id') || `#${i + 1}`;
                        return (
                          <CopyFields
                            key={vid}
                            idPrefix={`experiment-${id}-${i}`}
                            legend={`Variant ${vid}`}
                            copy={recordAt(variant, 'copy')}
                            onChange={(field, v) =>
                              update(['experiments', id, 'variants', i, 'copy', field], v)
                            }
                          >
                            <NumberField
                              id={`experiment-${id}-${i}-weight`}
                              label="Weight"
                              value={(variant as Record<string, unknown>).weight}
                              onChange={(v) => update(['experiments', id, 'variants', i, 'weight'], v)}
                            />
                          </CopyFields>
                        );
                      })}
                    </fieldset>
                  ))}
                </fieldset>
                <details>
                  <summary>Whole config as JSON</summary>
                  <label for="config-json">Config JSON</label>
                  <textarea
                    id="config-json"
                    rows={18}
                    spellcheck={false}
                    value={json}
                    onInput={(e) => onJson(e.currentTarget.value)}
                  />
                </details>
                <div role="status" aria-live="polite" class="validation">
                  {jsonError ? (
                    <p class="error">{jsonError}</p>
                  ) : issues.length === 0 ? (
                    <>
                      <p class="ok">Valid configuration.</p>
                      {warnings.length > 0 && (
                        <>
                          <p>
                            {warnings.length} warning{warnings.length === 1 ? '' : 's'} — worth a second look,
                            but publishing is not blocked:
                          </p>
                          <ul class="issues" aria-label="Warnings">
                            {warnings.map((warning) => (
                              <li key={`${warning.path}:${warning.code}`}>
                                <code>{warning.path}</code>: {warning.message}
                              </li>
                            ))}
                          </ul>
                        </>
                      )}
                    </>
                  ) : (
                    <>
                      <p class="error">
                        {issues.length} problem{issues.length === 1 ? '' : 's'} to fix before publishing:
                      </p>
                      <ul class="issues">
                        {issues.map((issue) => (
                          <li key={`${issue.path}:${issue.message}`}>
                            <code>{issue.path}</code>: {issue.message}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
                {live && valid && <ConfigChanges live={live} draft={valid} version={liveVersion} />}
                {valid && jsonError === null && (
                  <>
                    <ImpactPreview key={`impact:${liveVersion}`} client={client} draft={draft} />
                    <BacktestPreview key={`backtest:${liveVersion}`} client={client} draft={draft} />
                  </>
                )}
                <label for="publish-note">Change note (required)</label>
                <input
                  id="publish-note"
                  value={note}
                  required
                  aria-describedby="publish-note-hint"
                  onInput={(e) => setNote(e.currentTarget.value)}
                  maxLength={200}
                />
                <p id="publish-note-hint" class="meta">
                  A short message, shown in the version history with who published and when.
                </p>
                <button type="button" disabled={!canPublish} onClick={() => publish()}>
                  {busy ? 'Publishing…' : 'Publish'}
                </button>
                {status?.kind === 'mixed' && status.issues ? (
                  <MixedTreatmentsWarning
                    issues={status.issues}
                    busy={busy}
                    onStartNewVersion={() => startNewVersions(status.issues ?? [])}
                    onPublishAnyway={() => publish(true)}
                  />
                ) : (
                  status && (
                    <div
                      role={status.kind === 'ok' ? 'status' : 'alert'}
                      class={status.kind === 'ok' ? 'ok' : 'error'}
                    >
                      <p>{status.text}</p>
                      {status.kind === 'conflict' && (
                        <button
                          type="button"
                          onClick={() => {
                            setStatus(null);
                            setRefresh((n) => n + 1);
                          }}
                        >
                          Reload the latest version
                        </button>
                      )}
                      {status.issues && status.issues.length > 0 && (
                        <ul class="issues">
                          {status.issues.map((i) => (
                            <li key={i.path}>
                              <code>{i.path}</code>: {i.message}
                            </li>
                          ))}
                        </ul>
                      )}
                    </div>
                  )
                )}
              </form>
              <aside aria-labelledby="preview-heading" class="editor-preview">
                <h3 id="preview-heading">Preview</h3>
                {lastValid && source ? (
                  <>
                    <label for="preview-source">Copy to preview</label>
                    <select
                      id="preview-source"
                      value={source.key}
                      onChange={(e) => setPreviewKey(e.currentTarget.value)}
                    >
                      {sources.map((s) => (
                        <option key={s.key} value={s.key}>
                          {s.label}
                        </option>
                      ))}
                    </select>
                    <CopyPreview config={lastValid} source={source} />
                    {valid === null && <p class="meta">Showing the last valid version of your edits.</p>}
                  </>
                ) : (
                  <p>No prompt copy to preview yet.</p>
                )}
              </aside>
            </div>
            <ConfigHistory data={data} busy={busy} onRollback={rollback} />
            <VersionCompare key={liveVersion} client={client} versions={data.versions} />
          </>
        )}
      </LoadState>
    </section>
  );
}
