import type * as z from 'zod/mini';
import { issueMessage } from './issue-message.ts';

/** One problem in a configuration: where it is and what is wrong. */
export interface ConfigIssue {
  /** Dotted path, e.g. `triggers.0.atLeast`; empty for the document itself. */
  path: string;
  message: string;
}

/** One issue per zod issue, worded for people (zod/mini ships no messages). */
export function configIssues(error: z.core.$ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.code === 'custom' ? issue.message : issueMessage(issue),
  }));
}

/** Thrown by `defineConfig`; `issues` lists every invalid path, not just the first. */
export class HeadroomConfigError extends Error {
  override readonly name = 'HeadroomConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`);
    super(
      `Invalid Headroom config (${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}):\n${lines.join('\n')}`,
    );
    this.issues = issues;
  }

  /** Builds the error from a zod failure, one issue per path. */
  static fromZod(error: z.core.$ZodError): HeadroomConfigError {
    return new HeadroomConfigError(configIssues(error));
  }
}
