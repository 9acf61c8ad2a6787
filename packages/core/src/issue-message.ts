import type * as z from 'zod/mini';

// zod/mini ships no locale (to save bytes), so config errors get their wording here.
const describe = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

/** A short English message for one zod issue. */
export function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `required (${issue.expected})` : `expected ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `needs at least ${describe(issue.minimum)} ${issue.origin === 'array' ? (issue.minimum === 1 ? 'item' : 'items') : issue.minimum === 1 ? 'character' : 'characters'}`
        : `must be ${issue.inclusive ? '≥' : '>'} ${describe(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `allows at most ${describe(issue.maximum)} ${issue.origin === 'array' ? 'items' : 'characters'}`
        : `must be ${issue.inclusive ? '≤' : '<'} ${describe(issue.maximum)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(describe).join(', ')}`;
    case 'invalid_union': {
      // A discriminated union (trigger kinds, event types) reports the values it knows.
      const options = (issue as { options?: unknown[] }).options;
      return Array.isArray(options) && options.length > 0
        ? `expected one of ${options.map(describe).join(', ')}`
        : 'matches none of the allowed shapes';
    }
    case 'invalid_format':
      return `invalid ${issue.format}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.join(', ')}`;
    case 'invalid_key':
      return 'invalid key';
    case 'not_multiple_of':
      return issue.divisor === 1
        ? 'must be a whole number'
        : `must be a multiple of ${describe(issue.divisor)}`;
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : 'invalid value';
  }
}
