/** Thrown by `publishConfig` when the latest version is not the one the publisher started from. */
export class ConfigConflictError extends Error {
  override readonly name = 'ConfigConflictError';
  constructor(
    /** The latest published version (0: none yet). */
    readonly currentVersion: number,
  ) {
    super(`config version ${currentVersion} was published meanwhile`);
  }
}
