import { describe, expect, it } from 'vitest';
import { didYouMean } from './did-you-mean.ts';

describe('didYouMean', () => {
  const fatigue = [
    'maxModalsPerDay',
    'maxPromptsPerWeek',
    'snoozeDays',
    'snoozeAfterClickDays',
    'retireAfterDismissals',
    'retireDays',
  ];

  it('suggests the key one typo away', () => {
    expect(didYouMean('trigers', ['meters', 'plans', 'triggers', 'prompts'])).toBe('triggers');
    expect(didYouMean('maxPromptPerWeek', fatigue)).toBe('maxPromptsPerWeek');
    expect(didYouMean('retireDay', fatigue)).toBe('retireDays');
  });

  it('counts a swap of two neighbouring letters as one typo', () => {
    expect(didYouMean('wieght', ['id', 'weight', 'copy'])).toBe('weight');
    expect(didYouMean('cat', ['title', 'body', 'cta', 'dismiss'])).toBe('cta');
  });

  it('ignores case, _ and - so snake_case and camelCase spellings find each other', () => {
    expect(didYouMean('max_prompts_per_week', fatigue)).toBe('maxPromptsPerWeek');
    expect(didYouMean('midMarket', ['smb', 'mid_market', 'enterprise'])).toBe('mid_market');
    expect(didYouMean('checkoutURL', ['checkoutUrl', 'bookingUrl'])).toBe('checkoutUrl');
  });

  it('suggests the longer key a truncated one starts', () => {
    expect(didYouMean('snooze', fatigue)).toBe('snoozeDays');
    expect(didYouMean('snoozeAfterClick', fatigue)).toBe('snoozeAfterClickDays');
    expect(didYouMean('snooze_after_clicks_days', fatigue)).toBe('snoozeAfterClickDays');
  });

  it('picks the closest of several candidates, the first on a tie', () => {
    expect(didYouMean('retireDys', fatigue)).toBe('retireDays');
    expect(didYouMean('ab', ['ac', 'ad'])).toBe('ac');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(didYouMean('colour', ['label', 'unit', 'resets'])).toBeUndefined();
    expect(didYouMean('x', ['id', 'kind'])).toBeUndefined();
    expect(didYouMean('anything', [])).toBeUndefined();
  });
});
