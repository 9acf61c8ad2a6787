import { describe, expect, it } from 'vitest';
import { acmeConfig, acmeCopy, acmeInput } from '../test/acme.ts';
import { validateConfig } from './validate-config.ts';

describe('validateConfig', () => {
  it('returns the parsed config, without throwing, when the input is valid', () => {
    expect(validateConfig(acmeInput)).toEqual({ valid: true, config: acmeConfig, issues: [] });
  });

  it('returns every issue with the same words defineConfig throws', () => {
    const input = acmeCopy() as Record<string, unknown> & { fatigue: Record<string, unknown> };
    input.trigers = [];
    input.fatigue.maxModalsPerDay = -1;
    expect(validateConfig(input)).toEqual({
      valid: false,
      config: null,
      issues: [
        { path: 'fatigue.maxModalsPerDay', message: 'must be ≥ 0' },
        { path: 'trigers', message: 'unknown key "trigers"; did you mean "triggers"?' },
      ],
    });
  });

  it('reports a document that is not an object at the root', () => {
    expect(validateConfig('meters: {}')).toEqual({
      valid: false,
      config: null,
      issues: [{ path: '', message: 'expected object' }],
    });
  });
});
