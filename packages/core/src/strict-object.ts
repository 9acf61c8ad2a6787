import * as z from 'zod/mini';
import { didYouMean } from './did-you-mean.ts';

/** What to say about a key the schema does not know: the key it was probably meant to be. */
export function unknownKeyMessage(key: string, known: readonly string[]): string {
  const guess = didYouMean(key, known);
  return `unknown key "${key}"; ${guess === undefined ? `allowed: ${known.join(', ')}` : `did you mean "${guess}"?`}`;
}

type RawIssue = z.core.ParsePayload['issues'][number];
/** zod's issue for this object's own extra keys (a nested object's carries a path). */
const ownUnknownKeys = (
  issue: RawIssue | undefined,
): issue is z.core.$ZodRawIssue<z.core.$ZodIssueUnrecognizedKeys> =>
  issue?.code === 'unrecognized_keys' && !issue.path?.length;

/**
 * Turns zod's one "unrecognized keys" issue of an object into one issue per key, each at the
 * key's own path and with a suggestion, so `trigers` reads `trigers: … did you mean "triggers"?`.
 */
/* @__NO_SIDE_EFFECTS__ */
export function explainUnknownKeys(known: readonly string[]) {
  return z.superRefine(
    (_value: unknown, payload) => {
      const issues = payload.issues;
      for (let i = issues.length - 1; i >= 0; i--) {
        const issue = issues[i];
        if (!ownUnknownKeys(issue)) continue;
        issues.splice(
          i,
          1,
          ...issue.keys.map((key) => ({
            code: 'custom' as const,
            path: [key],
            input: undefined,
            message: unknownKeyMessage(key, known),
            // Like zod's own issue: the other fields of the object are still checked.
            continue: true,
          })),
        );
      }
    },
    // Runs although fields failed (the default skips checks then): every mistake at once.
    { when: (payload) => payload.issues.some(ownUnknownKeys) },
  );
}

/**
 * An object schema that refuses keys it does not declare, explaining each (JSON Schema:
 * `additionalProperties: false`). A published config is read back by older and newer code,
 * but a person's typo must never silently become a default.
 */
/* @__NO_SIDE_EFFECTS__ */
export function strictObject<const Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.strictObject(shape).check(explainUnknownKeys(Object.keys(shape)));
}
