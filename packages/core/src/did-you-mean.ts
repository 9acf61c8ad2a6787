// Compared without case, `_` or `-`: `max_prompts_per_week` and `checkoutURL` are one typo
// of style away from `maxPromptsPerWeek` and `checkoutUrl`, not many letters.
const fold = (name: string) => name.toLowerCase().replace(/[_-]/g, '');

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`. */
function typos(a: string, b: string): number {
  // Three rows suffice: a swap looks two rows back.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const same = a[i - 1] === b[j - 1];
      let cost = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + (same ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        cost = Math.min(cost, (before[j - 2] as number) + 1);
      }
      row.push(cost);
    }
    before = previous;
    previous = row;
  }
  return previous[b.length] as number;
}

/**
 * The candidate `input` was most likely meant to be: one within a typo per three letters
 * (at least one), else one that a truncated `input` of four or more letters starts;
 * `undefined` when nothing is close. Ties go to the earlier candidate.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const typed = fold(input);
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const known = fold(candidate);
    const distance = typos(typed, known);
    // A truncation ranks just behind every real near-miss.
    const score =
      distance <= allowed ? distance : typed.length >= 4 && known.startsWith(typed) ? allowed + 1 : Infinity;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
