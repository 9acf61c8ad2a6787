import { type ConfigChange, diffConfigs, validateConfig } from '@headroom/core';
import { useState } from 'preact/hooks';
import type { AdminClient } from '../admin-client.ts';

type Result =
  | { kind: 'changes'; from: number; to: number; changes: ConfigChange[] }
  | { kind: 'error'; text: string };

/** Picks two published versions and lists what changed from one to the other (core diff). */
export function VersionCompare({
  client,
  versions,
}: {
  client: AdminClient;
  versions: ReadonlyArray<{ version: number }>;
}) {
  const numbers = versions.map((v) => v.version).sort((a, b) => b - a);
  const [from, setFrom] = useState(numbers[1] ?? numbers[0] ?? 0);
  const [to, setTo] = useState(numbers[0] ?? 0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  if (numbers.length < 2) return null;

  const compare = async () => {
    setBusy(true);
    try {
      const [before, after] = await Promise.all([client.configVersion(from), client.configVersion(to)]);
      // Stored versions were validated when published; parsing again types them and fills
      // defaults a version written by older code may lack, so only real changes show.
      const a = validateConfig(before.config);
      const b = validateConfig(after.config);
      setResult(
        a.valid && b.valid
          ? { kind: 'changes', from, to, changes: diffConfigs(a.config, b.config) }
          : { kind: 'error', text: `v${a.valid ? to : from} no longer validates, so it cannot be compared.` },
      );
    } catch (e) {
      setResult({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  const picker = (label: string, value: number, set: (n: number) => void) => (
    <label>
      {label}{' '}
      <select value={String(value)} onChange={(e) => set(Number(e.currentTarget.value))}>
        {numbers.map((n) => (
          <option key={n} value={String(n)}>
            v{n}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <fieldset class="compare">
      <legend>Compare two versions</legend>
      {picker('From', from, setFrom)} {picker('To', to, setTo)}{' '}
      <button type="button" disabled={busy} onClick={() => void compare()}>
        Compare
      </button>
      <div aria-live="polite">
        {result?.kind === 'error' && <p class="error">{result.text}</p>}
        {result?.kind === 'changes' &&
          (result.changes.length === 0 ? (
            <p>
              v{result.from} and v{result.to} are the same configuration.
            </p>
          ) : (
            <ul class="issues" aria-label={`Changes from v${result.from} to v${result.to}`}>
              {result.changes.map((change) => (
                <li key={`${change.kind}:${change.path}`}>{change.summary}</li>
              ))}
            </ul>
          ))}
      </div>
    </fieldset>
  );
}
