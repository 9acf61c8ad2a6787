import { readFileSync } from 'node:fs';
import { defineConfig } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { analyzeExperiment } from './analyze-experiment.ts';
import { experimentCounts } from './experiment-counts.ts';
import type { StoredEvent } from './stored-event.ts';

const config = defineConfig(
  JSON.parse(readFileSync(new URL('../../core/examples/acme.config.json', import.meta.url), 'utf8')),
);
const DAY = 86_400_000;
let seq = 0;
const id = () => `0190aaaa-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
const exposure = (accountId: string, variantId: string, ts: number): StoredEvent => ({
  id: id(),
  type: 'exposure',
  experimentId: 'usage_copy',
  variantId,
  accountId,
  ts,
  source: 'browser',
});
const completed = (accountId: string, ts: number, source: 'browser' | 'server'): StoredEvent => ({
  id: id(),
  type: 'upgrade_completed',
  plan: 'team',
  amount: 1440,
  accountId,
  ts,
  source,
});

describe('experimentCounts', () => {
  it('first exposure wins; server goals within the window count once per unit; browser goals never', () => {
    const events: StoredEvent[] = [
      exposure('a1', 'control', 0),
      exposure('a1', 'momentum', DAY), // later exposure of the same unit: ignored
      completed('a1', 2 * DAY, 'server'),
      completed('a1', 3 * DAY, 'server'), // second goal: still one conversion
      exposure('a2', 'momentum', 0),
      completed('a2', DAY, 'browser'), // a browser cannot fake a conversion
      exposure('a3', 'momentum', 0),
      completed('a3', 31 * DAY, 'server'), // outside the 30-day window
      exposure('a4', 'momentum', 10 * DAY),
      completed('a4', 5 * DAY, 'server'), // before exposure
      completed('a5', DAY, 'server'), // never exposed
    ];
    const [usage] = experimentCounts(config, events);
    expect(usage).toMatchObject({ id: 'usage_copy', goal: 'upgrade_completed', conversionWindowDays: 30 });
    expect(usage!.variants).toEqual([
      { id: 'control', weight: 50, exposures: 1, conversions: 1 },
      { id: 'momentum', weight: 50, exposures: 3, conversions: 0 },
    ]);
  });

  it('takes the earliest exposure even when events arrive out of order', () => {
    const [usage] = experimentCounts(config, [
      exposure('a1', 'momentum', 5 * DAY),
      exposure('a1', 'control', DAY),
    ]);
    expect(usage!.variants.find((v) => v.id === 'control')!.exposures).toBe(1);
    expect(usage!.variants.find((v) => v.id === 'momentum')!.exposures).toBe(0);
  });

  it('keeps a variant removed from the config with weight 0; the analysis retires it (no false SRM)', () => {
    // 300 / 300 on the live variants plus 60 units first shown a since-removed variant: before
    // #19 the SRM check expected 330 each and flagged this perfect split.
    const events: StoredEvent[] = [];
    for (let i = 0; i < 300; i++)
      events.push(exposure(`c${i}`, 'control', i), exposure(`m${i}`, 'momentum', i));
    for (let i = 0; i < 60; i++) events.push(exposure(`u${i}`, 'urgency', i));
    const [usage] = experimentCounts(config, events);
    // The same shape GET /v1/admin/experiments answers (packages/edge/test/admin-experiments-retired.test.ts).
    expect(usage!.variants).toEqual([
      { id: 'control', weight: 50, exposures: 300, conversions: 0 },
      { id: 'momentum', weight: 50, exposures: 300, conversions: 0 },
      { id: 'urgency', weight: 0, exposures: 60, conversions: 0 },
    ]);
    const analysis = analyzeExperiment(usage!);
    expect(analysis.srm.mismatch).toBe(false);
    expect(analysis.srm.chiSquare).toBe(0);
    expect(analysis.retired.map((v) => v.id)).toEqual(['urgency']);
    expect(analysis.verdict.kind).not.toBe('sample_ratio_mismatch');
  });
});
