import type { HeadroomEvent } from '@headroom/core';

/**
 * One event as `GET /v1/admin/events?format=ndjson` exports it: the event plus the account
 * and user from the verified token and where it came from (`server` = the host's backend).
 */
export type StoredEvent = HeadroomEvent & {
  accountId: string;
  userId?: string;
  source?: 'browser' | 'server';
};
