import { describe, expect, it } from 'vitest';
import { acmeConfig, acmeCopy, NOW } from '../test/acme.ts';
import type { HeadroomConfig } from './config.ts';
import { defineConfig } from './define-config.ts';
import { evaluateTriggers } from './evaluate-triggers.ts';
import { lintConfig } from './lint-config.ts';
import { inTriggerHoldout } from './trigger-holdout.ts';

const usageCeiling = { id: 'usage_ceiling', holdout: 0.1 };

/** The acme config with a holdout on `usage_ceiling` (meter_ratio, api_calls ≥ 80 %). */
function withHoldout(share: number): HeadroomConfig {
  return {
    ...acmeConfig,
    triggers: acmeConfig.triggers.map((t) => (t.id === 'usage_ceiling' ? { ...t, holdout: share } : t)),
  };
}

const ids = (n: number, prefix = 'acct_') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('inTriggerHoldout', () => {
  it('matches hash values computed independently (Python, FNV-1a + fmix32)', () => {
    // hashUnit("<account>|holdout|<trigger>"), computed outside JavaScript.
    const vectors: Array<[string, string, number]> = [
      ['acct_1', 'usage_ceiling', 0.03929440013598651],
      ['acct_2', 'usage_ceiling', 0.18753495381679386],
      ['acct_2', 'seat_pressure', 0.02556674915831536],
      ['hooli', 'usage_ceiling', 0.11103333963546902],
      ['acme', 'usage_ceiling', 0.9101320944027975],
    ];
    for (const [account, trigger, unit] of vectors) {
      expect(inTriggerHoldout({ id: trigger, holdout: 0.1 }, account)).toBe(unit < 0.1);
      expect(inTriggerHoldout({ id: trigger, holdout: 0.2 }, account)).toBe(unit < 0.2);
    }
    expect(inTriggerHoldout(usageCeiling, 'acct_1')).toBe(true);
    expect(inTriggerHoldout(usageCeiling, 'hooli')).toBe(false);
    expect(inTriggerHoldout({ id: 'usage_ceiling', holdout: 0.12 }, 'hooli')).toBe(true);
  });

  it('holds out the configured share of accounts', () => {
    const accounts = ids(100_000);
    const held = accounts.filter((a) => inTriggerHoldout(usageCeiling, a)).length;
    // Binomial(100,000, 0.1): σ ≈ 95; 5σ is a bound a correct hash never breaks by chance.
    expect(Math.abs(held - 10_000)).toBeLessThan(475);
  });

  it('raising the share only adds accounts', () => {
    const accounts = ids(20_000);
    const at10 = accounts.filter((a) => inTriggerHoldout({ id: 'x', holdout: 0.1 }, a));
    const at20 = new Set(accounts.filter((a) => inTriggerHoldout({ id: 'x', holdout: 0.2 }, a)));
    expect(at10.every((a) => at20.has(a))).toBe(true);
    expect(at20.size).toBeGreaterThan(at10.length);
  });

  it('holds out different accounts for different triggers (independent draws)', () => {
    const accounts = ids(100_000);
    const both = accounts.filter(
      (a) =>
        inTriggerHoldout({ id: 'usage_ceiling', holdout: 0.1 }, a) &&
        inTriggerHoldout({ id: 'seat_pressure', holdout: 0.1 }, a),
    ).length;
    // Independent: ≈ 1 % of accounts are in both (σ ≈ 31); the same draw would give 10 %.
    expect(Math.abs(both - 1_000)).toBeLessThan(160);
  });

  it('holds out nobody without a share or without an account id', () => {
    expect(inTriggerHoldout({ id: 'usage_ceiling' }, 'acct_1')).toBe(false);
    expect(inTriggerHoldout(usageCeiling, undefined)).toBe(false);
  });
});

describe('a trigger with a holdout', () => {
  const snapshot = (sub: string | undefined) => ({
    claims: { plan: 'team', ...(sub === undefined ? {} : { sub }) },
    meters: { api_calls: 90_000 },
  });

  it('fires for a held-out account but asks for no prompt', () => {
    const [result] = evaluateTriggers(snapshot('acct_1'), withHoldout(0.1), NOW);
    expect(result).toMatchObject({ id: 'usage_ceiling', fired: true, heldOut: true });
    expect(result?.prompt).toBeUndefined();
    expect(result?.reason).toContain('api_calls at 90% of its limit');
  });

  it('asks for its prompt for every other account', () => {
    const [result] = evaluateTriggers(snapshot('hooli'), withHoldout(0.1), NOW);
    expect(result).toMatchObject({ fired: true, prompt: 'usage_upgrade' });
    expect(result?.heldOut).toBeUndefined();
    // With no account id to assign, the prompt is shown.
    expect(evaluateTriggers(snapshot(undefined), withHoldout(0.1), NOW)[0]?.prompt).toBe('usage_upgrade');
  });

  it('is validated: a share above one half or at zero is refused with its path', () => {
    for (const share of [0, 0.6, -0.1]) {
      const input = acmeCopy();
      (input.triggers as Array<Record<string, unknown>>)[0] = {
        ...(input.triggers as Array<Record<string, unknown>>)[0],
        holdout: share,
      };
      expect(() => defineConfig(input)).toThrow(/triggers\.0\.holdout/);
    }
  });

  it('on a trigger with no prompt is flagged: it would withhold nothing', () => {
    const config: HeadroomConfig = {
      ...acmeConfig,
      triggers: [{ id: 'cs_only', kind: 'invites_sent', atLeast: 5, withinDays: 30, holdout: 0.1 }],
    };
    expect(lintConfig(config)).toContainEqual(
      expect.objectContaining({ code: 'holdout_without_prompt', path: 'triggers.0.holdout' }),
    );
    expect(lintConfig(withHoldout(0.1)).some((w) => w.code === 'holdout_without_prompt')).toBe(false);
  });
});
