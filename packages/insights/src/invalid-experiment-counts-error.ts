/** One problem with experiment counts: where, and what is wrong. */
export interface CountsIssue {
  /** e.g. `variants.1.conversions`. */
  path: string;
  message: string;
}

/** Thrown by `analyzeExperiment` for counts no statistic should be computed from. */
export class InvalidExperimentCountsError extends Error {
  override readonly name = 'InvalidExperimentCountsError';
  readonly issues: readonly CountsIssue[];
  constructor(experimentId: string | null, issues: readonly CountsIssue[]) {
    const where = experimentId === null ? 'experiment counts' : `experiment ${experimentId}`;
    super(`Invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.issues = issues;
  }
}
