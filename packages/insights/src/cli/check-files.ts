import { stat } from 'node:fs/promises';

// What a file-system error says to a person, by its code.
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  ENOTDIR: 'a part of the path is not a folder',
};

/** A file the CLI was told to read and cannot: one line naming the flag, the path and why. */
export class FileArgumentError extends Error {}

/**
 * Checks, before any work starts, that each given file flag names a readable file, so a typo
 * gets one clear line (`cannot read --events x: no such file`) instead of a raw ENOENT later.
 */
export async function checkFiles(values: Record<string, unknown>, flags: readonly string[]): Promise<void> {
  for (const flag of flags) {
    const path = values[flag];
    if (typeof path !== 'string') continue;
    let reason: string | undefined;
    try {
      if ((await stat(path)).isDirectory()) reason = 'it is a folder, not a file';
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      reason = (typeof code === 'string' && REASONS[code]) || String((error as Error).message);
    }
    if (reason !== undefined) throw new FileArgumentError(`cannot read --${flag} ${path}: ${reason}`);
  }
}
