import { fillCopy } from '@headroom/core';
import { describe, expect, it } from 'vitest';
import { interpolate } from './interpolate.ts';

describe('interpolate', () => {
  it('fills known names and leaves no braces behind for unknown, empty or inherited ones', () => {
    expect(interpolate('{used} of {limit} {unit}', { used: '8', limit: '10', unit: 'seats' })).toBe(
      '8 of 10 seats',
    );
    expect(interpolate('a{x}b{}c{ y }d', { y: 'no' })).toBe('abcd');
    expect(interpolate('{constructor}{toString}{__proto__}', {})).toBe('');
    expect(interpolate('{plan}', { plan: undefined })).toBe('');
  });

  it('fills prompt copy exactly as core fillCopy does', () => {
    const values = { percent: '82%', meter: 'calls', nextPlan: 'Business', count: '3' };
    for (const copy of [
      "You've used {percent} of your {meter}",
      'Unlock {feature} with {nextPlan}: {count} {nextPlan} features',
      '{unknown} {constructor} {} {nextPlan',
    ]) {
      expect(interpolate(copy, values)).toBe(fillCopy(copy, values));
    }
  });
});
