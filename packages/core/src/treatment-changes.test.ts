import { describe, expect, it } from 'vitest';
import { acmeConfig, acmeCopy } from '../test/acme.ts';
import { assignVariant } from './assign-variant.ts';
import { defineConfig } from './define-config.ts';
import { startNewVersion } from './start-new-version.ts';
import { treatmentChanges } from './treatment-changes.ts';

type Draft = {
  experiments: Record<
    string,
    Record<string, unknown> & { variants: Array<Record<string, unknown> & { copy: Record<string, unknown> }> }
  >;
};
const edited = (change: (draft: Draft) => void) => {
  const draft = acmeCopy() as Draft;
  change(draft);
  return defineConfig(draft);
};

describe('treatmentChanges', () => {
  it('finds nothing when no variant changes, whatever else does', () => {
    expect(treatmentChanges(acmeConfig, acmeConfig)).toEqual([]);
    const reordered = edited((d) => {
      const variant = d.experiments.usage_copy!.variants[0]!;
      variant.copy = { cta: variant.copy.cta, body: variant.copy.body, title: variant.copy.title };
      d.experiments.usage_copy!.coverage = 0.5;
      d.experiments.usage_copy!.conversionWindowDays = 14;
    });
    expect(treatmentChanges(acmeConfig, reordered)).toEqual([]);
  });

  it('names each changed copy, weight, added or removed variant of the running version', () => {
    const draft = edited((d) => {
      const [control, momentum] = d.experiments.usage_copy!.variants;
      momentum!.copy.title = 'Room to grow';
      control!.weight = 80;
      d.experiments.usage_copy!.variants.push({
        id: 'bold',
        weight: 10,
        copy: { title: 'Go big', body: 'More room.', cta: 'Upgrade' },
      });
    });
    expect(treatmentChanges(acmeConfig, draft)).toEqual([
      {
        experimentId: 'usage_copy',
        version: 1,
        changes: ['variant control: weight 50 → 80', 'variant momentum: copy changed', 'variant bold: added'],
      },
    ]);
    const removed = edited((d) => {
      d.experiments.usage_copy!.variants.pop();
    });
    expect(treatmentChanges(acmeConfig, removed)[0]?.changes).toEqual(['variant momentum: removed']);
  });

  it('counts a new salt or assignment algorithm without a new version as a change: units move', () => {
    const draft = edited((d) => {
      d.experiments.usage_copy!.salt = 'other';
      d.experiments.usage_copy!.assignmentVersion = 2;
    });
    expect(treatmentChanges(acmeConfig, draft)[0]?.changes).toEqual([
      'salt changed',
      'assignment algorithm changed',
    ]);
  });

  it('finds nothing once the experiment starts a new version, nor for a removed experiment', () => {
    const draft = edited((d) => {
      d.experiments.usage_copy!.variants[1]!.copy.title = 'Room to grow';
    });
    expect(treatmentChanges(acmeConfig, startNewVersion(draft, 'usage_copy'))).toEqual([]);
    expect(treatmentChanges(acmeConfig, { experiments: {} })).toEqual([]);
  });
});

describe('startNewVersion', () => {
  it('raises the version with a fresh salt and the newest assignment algorithm, leaving the input alone', () => {
    const input = acmeCopy() as Draft;
    const next = startNewVersion(input, 'usage_copy');
    expect(next.experiments.usage_copy).toMatchObject({
      version: 2,
      salt: 'usage_copy#v2',
      assignmentVersion: 2,
    });
    expect(input.experiments.usage_copy).not.toHaveProperty('version');
    const third = startNewVersion(defineConfig(next), 'usage_copy');
    expect(third.experiments.usage_copy).toMatchObject({ version: 3, salt: 'usage_copy#v3' });
    // The result is a valid config.
    expect(defineConfig(third).experiments.usage_copy?.version).toBe(3);
  });

  it('buckets units anew: about half the units change variant in a 50/50 experiment', () => {
    const before = { id: 'usage_copy', ...acmeConfig.experiments.usage_copy! };
    const after = { id: 'usage_copy', ...startNewVersion(acmeConfig, 'usage_copy').experiments.usage_copy! };
    let moved = 0;
    for (let n = 0; n < 4000; n++)
      if (assignVariant(before, `acct_${n}`).variantId !== assignVariant(after, `acct_${n}`).variantId)
        moved++;
    expect(moved / 4000).toBeGreaterThan(0.45);
    expect(moved / 4000).toBeLessThan(0.55);
  });

  it('refuses an experiment the config does not have', () => {
    expect(() => startNewVersion(acmeConfig, 'nope')).toThrow('no experiment "nope" in the config');
  });
});
