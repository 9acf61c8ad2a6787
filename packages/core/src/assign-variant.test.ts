import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acmeConfig } from '../test/acme.ts';
import { assignVariant } from './assign-variant.ts';

const UNITS = Array.from({ length: 100_000 }, (_, i) => `acct_${i}`);
type Variants = Array<{ id: string; weight: number }>;

function shares(experiment: { id: string; variants: Variants; salt?: string }) {
  const counts = new Map<string, number>();
  for (const unit of UNITS) {
    const { variantId } = assignVariant(experiment, unit);
    counts.set(variantId, (counts.get(variantId) ?? 0) + 1);
  }
  return counts;
}

describe('assignVariant', () => {
  it('assigns the canonical usage_copy experiment deterministically', () => {
    const experiment = { id: 'usage_copy', ...acmeConfig.experiments.usage_copy! };
    const first = assignVariant(experiment, 'acct_42');
    expect(first).toEqual(assignVariant(experiment, 'acct_42'));
    expect(first.experimentId).toBe('usage_copy');
    expect(['control', 'momentum']).toContain(first.variantId);
    expect(first.enrolled).toBe(true);
  });

  it.each([
    ['50/50', [50, 50]],
    ['90/10', [90, 10]],
    ['1/2/3/4', [1, 2, 3, 4]],
    ['33/33/34', [33, 33, 34]],
  ])('matches %s weights within 1 % over 100,000 units', (_, weights) => {
    const variants = weights.map((weight, i) => ({ id: `v${i}`, weight }));
    const counts = shares({ id: `exp_${weights.join('_')}`, variants });
    const total = weights.reduce((a, b) => a + b, 0);
    variants.forEach((variant) => {
      const share = (counts.get(variant.id) ?? 0) / UNITS.length;
      expect(Math.abs(share - variant.weight / total)).toBeLessThan(0.01);
    });
  });

  it('moves units only to a variant added at the end', () => {
    const before: Variants = [
      { id: 'control', weight: 50 },
      { id: 'momentum', weight: 50 },
    ];
    const after: Variants = [...before, { id: 'scarcity', weight: 50 }];
    let moved = 0;
    let movedElsewhere = 0;
    for (const unit of UNITS) {
      const a = assignVariant({ id: 'usage_copy', variants: before }, unit).variantId;
      const b = assignVariant({ id: 'usage_copy', variants: after }, unit).variantId;
      if (a !== b) moved++;
      if (a !== b && b !== 'scarcity') movedElsewhere++;
    }
    expect(movedElsewhere).toBe(0);
    expect(Math.abs(moved / UNITS.length - 1 / 3)).toBeLessThan(0.01);
  });

  it('only adds units when coverage ramps up, and enrols the configured share', () => {
    const variants: Variants = [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 1 },
    ];
    let enrolledAt10 = 0;
    let lost = 0;
    for (const unit of UNITS) {
      const low = assignVariant({ id: 'ramp', variants, coverage: 0.1 }, unit);
      const high = assignVariant({ id: 'ramp', variants, coverage: 0.5 }, unit);
      if (low.enrolled) enrolledAt10++;
      if (low.enrolled && (!high.enrolled || high.variantId !== low.variantId)) lost++;
      if (high.bucket !== low.bucket) lost++;
    }
    expect(lost).toBe(0);
    expect(Math.abs(enrolledAt10 / UNITS.length - 0.1)).toBeLessThan(0.01);
  });

  it('shows units left out by coverage the first variant, not enrolled', () => {
    const out = assignVariant(
      {
        id: 'x',
        coverage: 0,
        variants: [
          { id: 'control', weight: 1 },
          { id: 'b', weight: 99 },
        ],
      },
      'u',
    );
    expect(out).toMatchObject({ variantId: 'control', enrolled: false });
  });

  it('buckets different experiments (salts) independently', () => {
    const variants: Variants = [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 1 },
    ];
    const cells = new Map<string, number>();
    for (const unit of UNITS) {
      const x = assignVariant({ id: 'usage_copy', variants }, unit).variantId;
      const y = assignVariant({ id: 'seat_copy', variants }, unit).variantId;
      cells.set(x + y, (cells.get(x + y) ?? 0) + 1);
    }
    for (const cell of ['aa', 'ab', 'ba', 'bb']) {
      expect(Math.abs((cells.get(cell) ?? 0) / UNITS.length - 0.25)).toBeLessThan(0.01);
    }
  });

  it('uses an explicit salt instead of the id, so renaming an experiment can keep its buckets', () => {
    const variants: Variants = [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 1 },
    ];
    const old = assignVariant({ id: 'usage_copy', variants }, 'acct_7');
    const renamed = assignVariant({ id: 'usage_copy_v2', salt: 'usage_copy', variants }, 'acct_7');
    expect(renamed).toEqual({ ...old, experimentId: 'usage_copy_v2' });
  });
});

describe('assignVariant properties', () => {
  const variantsArb = fc
    .uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 5 })
    .chain((ids) =>
      fc.tuple(...ids.map((id) => fc.integer({ min: 1, max: 100 }).map((weight) => ({ id, weight })))),
    );

  it('is a pure function of (experiment, unit): same answer on every call', () => {
    fc.assert(
      fc.property(fc.string(), variantsArb, fc.string({ minLength: 1 }), (id, variants, unit) => {
        expect(assignVariant({ id, variants }, unit)).toEqual(
          assignVariant({ id, variants: [...variants] }, unit),
        );
      }),
    );
  });

  it('adding a variant anywhere moves units only to the new variant', () => {
    fc.assert(
      fc.property(
        variantsArb,
        fc.integer({ min: 1, max: 100 }),
        fc.string({ minLength: 1 }),
        (variants, weight, unit) => {
          const before = assignVariant({ id: 'e', variants }, unit).variantId;
          const after = assignVariant(
            { id: 'e', variants: [...variants, { id: 'new', weight }] },
            unit,
          ).variantId;
          expect([before, 'new']).toContain(after);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('ramping coverage up never un-enrols or reassigns a unit', () => {
    fc.assert(
      fc.property(
        variantsArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.string({ minLength: 1 }),
        (variants, p, q, unit) => {
          const [lo, hi] = p < q ? [p, q] : [q, p];
          const low = assignVariant({ id: 'e', variants, coverage: lo }, unit);
          const high = assignVariant({ id: 'e', variants, coverage: hi }, unit);
          if (low.enrolled) expect(high).toEqual(low);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps the bucket in 0–9999', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (id, unit) => {
        const { bucket } = assignVariant({ id, variants: [{ id: 'a', weight: 1 }] }, unit);
        expect(Number.isInteger(bucket) && bucket >= 0 && bucket < 10_000).toBe(true);
      }),
    );
  });
});

describe('assignment version 2', () => {
  const variants: Variants = [
    { id: 'control', weight: 50 },
    { id: 'treatment', weight: 50 },
  ];
  const sameVariantShare = (first: string, second: string, assignmentVersion: 1 | 2 | 'absent') => {
    let same = 0;
    const units = UNITS.slice(0, 10_000);
    for (const unit of units) {
      const version = assignmentVersion === 'absent' ? {} : { assignmentVersion };
      const a = assignVariant({ id: first, variants, ...version }, unit).variantId;
      const b = assignVariant({ id: second, variants, ...version }, unit).variantId;
      if (a === b) same++;
    }
    return same / units.length;
  };

  it('version 1 assigns "costarring" and "liquid" identically: their FNV-1a states collide', () => {
    expect(sameVariantShare('costarring', 'liquid', 'absent')).toBe(1);
    expect(sameVariantShare('costarring', 'liquid', 1)).toBe(1);
  });

  it('version 2 assigns those two experiments independently (about half the units agree, by chance)', () => {
    expect(Math.abs(sameVariantShare('costarring', 'liquid', 2) - 0.5)).toBeLessThan(0.03);
  });

  it('version 2 keeps any two distinct experiment ids independent', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (first, second) => {
        fc.pre(first !== second);
        let same = 0;
        for (const unit of UNITS.slice(0, 400)) {
          const a = assignVariant({ id: first, variants, assignmentVersion: 2 }, unit).variantId;
          const b = assignVariant({ id: second, variants, assignmentVersion: 2 }, unit).variantId;
          if (a === b) same++;
        }
        // 400 fair coin flips agree between 140 and 260 times except with probability < 1e-9.
        expect(same).toBeGreaterThan(140);
        expect(same).toBeLessThan(260);
      }),
      { numRuns: 200 },
    );
  });

  it('version 2 still honours weights and coverage', () => {
    const weighted = {
      id: 'exp_v2',
      variants: [
        { id: 'a', weight: 90 },
        { id: 'b', weight: 10 },
      ],
      assignmentVersion: 2 as const,
    };
    let b = 0;
    let enrolled = 0;
    for (const unit of UNITS) {
      if (assignVariant(weighted, unit).variantId === 'b') b++;
      if (assignVariant({ ...weighted, coverage: 0.25 }, unit).enrolled) enrolled++;
    }
    expect(Math.abs(b / UNITS.length - 0.1)).toBeLessThan(0.01);
    expect(Math.abs(enrolled / UNITS.length - 0.25)).toBeLessThan(0.01);
  });
});
