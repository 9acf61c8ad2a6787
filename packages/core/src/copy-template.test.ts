import { describe, expect, it } from 'vitest';
import { COPY_PLACEHOLDERS, fillCopy, isCopyPlaceholder, placeholdersIn } from './copy-template.ts';

describe('copy templates', () => {
  it('lists placeholders in order, including unknown and empty ones', () => {
    expect(placeholdersIn('{used} of {limit} {seats} {}')).toEqual(['used', 'limit', 'seats', '']);
  });

  it('knows exactly the eleven documented placeholders', () => {
    expect([...COPY_PLACEHOLDERS].sort()).toEqual(
      [
        'count',
        'feature',
        'limit',
        'meter',
        'nextLimit',
        'nextPlan',
        'percent',
        'plan',
        'used',
        'adoptedPercent',
        'nextPlanFeatures',
      ].sort(),
    );
    expect(isCopyPlaceholder('nextPlan')).toBe(true);
    expect(isCopyPlaceholder('constructor')).toBe(false);
  });

  it('fills known placeholders and never shows raw braces', () => {
    expect(fillCopy("You've used {percent} of your {meter}", { percent: '82%', meter: 'API calls' })).toBe(
      "You've used 82% of your API calls",
    );
    expect(fillCopy('{used} of {limit} seats', { used: '9' })).toBe('9 of  seats');
    expect(fillCopy('Hi {firstName}', {})).toBe('Hi ');
  });

  it('inserts values verbatim in one pass: no HTML escaping, no re-expansion', () => {
    expect(fillCopy('{feature}', { feature: '<img src=x onerror=alert(1)>' })).toBe(
      '<img src=x onerror=alert(1)>',
    );
    expect(fillCopy('{plan} {nextPlan}', { plan: '{nextPlan}', nextPlan: 'Business' })).toBe(
      '{nextPlan} Business',
    );
  });
});
