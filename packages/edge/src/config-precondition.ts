import type { EdgeContext } from './edge-context.ts';
import { HttpError } from './http-error.ts';
import { ConfigConflictError } from './storage/config-conflict-error.ts';

/** The ETag of a config version, the same on `GET /v1/config` and `GET /v1/admin/config`. */
export function configEtag(version: number): string {
  return `"hr-config-${version}"`;
}

const ETAG = /^(?:W\/)?"hr-config-(\d{1,10})"$/;

/**
 * The version a publish must replace, from its `If-Match` header: `undefined` when there is no
 * header and none is required (last writer wins), `'*'`-free. Two editors who loaded version 7
 * both send `"hr-config-7"`; the second gets 412 instead of silently overwriting the first.
 * @throws HttpError 428 when `requireIfMatch` is set and the header is missing, 412 when it names no version
 */
export function publishPrecondition(ctx: EdgeContext, ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (ctx.options.requireIfMatch)
      throw new HttpError(
        428,
        'precondition_required',
        'send If-Match with the ETag of the config version you edited (GET /v1/admin/config)',
      );
    return undefined;
  }
  const match = ETAG.exec(ifMatch.trim());
  if (!match?.[1])
    throw new HttpError(
      412,
      'precondition_failed',
      'If-Match must be the ETag of a config version, e.g. "hr-config-7"',
    );
  return Number(match[1]);
}

/** Maps a lost publish race to 412 with the winning version's ETag; anything else is rethrown. */
export function conflictToHttp(error: unknown): never {
  if (error instanceof ConfigConflictError) {
    throw new HttpError(
      412,
      'precondition_failed',
      `someone else published version ${error.currentVersion}: reload it and merge your changes`,
      undefined,
      { ETag: configEtag(error.currentVersion) },
    );
  }
  throw error;
}
