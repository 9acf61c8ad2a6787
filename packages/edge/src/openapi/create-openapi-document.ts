import { configJsonSchema, eventSchema } from '@headroom/core';
import { accountTraitsBatchSchema, accountTraitsSchema } from '@headroom/server';
import * as z from 'zod/mini';
import { MAX_BODY_BYTES } from '../read-json.ts';
import { publishSchema, rollbackSchema } from '../routes/admin-routes.ts';
import { browserBatchSchema, MAX_EVENTS_PER_BATCH, serverIdentity } from '../routes/events-route.ts';
import { routeBodySchema } from '../routes/route-route.ts';
import {
  accountHistorySchema,
  adminConfigSchema,
  configVersionSchema,
  errorSchema,
  eventsResultSchema,
  expansionReportSchema,
  experimentsReportSchema,
  funnelReportSchema,
  handoffsReportSchema,
  healthSchema,
  holdoutsReportSchema,
  pqlsReportSchema,
  publishedSchema,
  routeDecisionSchema,
  serverAccountsResultSchema,
} from './response-schemas.ts';

type Json = Record<string, unknown>;

/** JSON Schema 2020-12 (OpenAPI 3.1's dialect) of a zod schema, as sent or as answered. */
function schemaOf(schema: z.ZodMiniType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: Json, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid body, query or path parameter (`issues` lists zod paths)',
  401: 'Missing, malformed, tampered or expired token or key',
  403: 'Origin not in `HEADROOM_ALLOWED_ORIGINS`',
  404: 'Not found, or the route is not enabled (no server key / admin token configured)',
  409: 'The change alters the copy, weights or variants of an experiment version units were exposed to (`mixes_treatments`; `issues` names each experiment): start a new version (`startNewVersion`) or send `acknowledgeMixedTreatments: true`',
  412: 'If-Match does not name the latest config version',
  413: `Body larger than ${MAX_BODY_BYTES} bytes`,
  428: 'If-Match is required to publish',
  429: 'Rate limited or over quota; retry after `Retry-After` seconds',
  503: 'Storage unavailable or no config published yet',
};

function errors(...statuses: number[]): Json {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: ERROR_TEXT[status] ?? 'Error',
        ...(status === 429
          ? {
              headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 }, description: 'seconds' } },
            }
          : {}),
        content: { 'application/json': { schema: ref('Error') } },
      },
    ]),
  );
}

/** Errors every `/v1` route can answer: CORS allowlist, per-IP rate limit, storage down. */
const V1_ERRORS = [403, 429, 503] as const;

const intQuery = (name: string, min: number, max: number, fallback: number, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'integer', minimum: min, maximum: max, default: fallback },
});

const adminReport = (summary: string, schemaName: string, parameters: Json[] = []) => ({
  get: {
    summary,
    tags: ['admin'],
    security: [{ adminToken: [] }],
    parameters,
    responses: {
      200: jsonBody(ref(schemaName), summary),
      ...errors(400, 401, 404, ...V1_ERRORS),
    },
  },
});

const ifMatch = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'ETag of the version this change is based on (`"hr-config-N"`); required when the edge enforces it',
  schema: { type: 'string' },
};

/**
 * The edge's HTTP API as an OpenAPI 3.1 document, generated from the zod schemas the routes
 * validate with (requests) and the response schemas the contract test holds answers to.
 */
export function createOpenApiDocument(version: string): Json {
  const serverEvent = z.intersection(eventSchema, serverIdentity);
  const browserBatch = schemaOf(browserBatchSchema, 'input');
  const browserEvents = (browserBatch.properties as Json).events as Json;
  browserEvents.items = ref('Event');
  browserEvents.description = `At most ${MAX_EVENTS_PER_BATCH} events; each is validated on its own and refused alone`;
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Headroom edge API',
      version,
      description:
        'Config, events, routing and CS handoffs for the Headroom SDK; server routes for the host backend; the admin API for the console and CLI. Errors are `{ error: { code, message, issues? } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'browser', description: 'Called by @headroom/sdk with the account token' },
      {
        name: 'server',
        description: 'Called by the host backend with HEADROOM_SERVER_KEY (@headroom/server)',
      },
      { name: 'admin', description: 'Console and CLI, with HEADROOM_ADMIN_TOKEN' },
      { name: 'meta' },
    ],
    components: {
      securitySchemes: {
        accountToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'HS256 account context token signed by the host backend',
        },
        serverKey: { type: 'http', scheme: 'bearer', description: 'HEADROOM_SERVER_KEY' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'HEADROOM_ADMIN_TOKEN' },
      },
      schemas: {
        Error: schemaOf(errorSchema, 'output'),
        Event: schemaOf(eventSchema, 'input'),
        ServerEvent: schemaOf(serverEvent, 'input'),
        Config: (({ $schema: _dialect, ...rest }) => rest)(configJsonSchema()),
        AccountTraits: schemaOf(accountTraitsSchema, 'input'),
        AccountTraitsBatch: schemaOf(accountTraitsBatchSchema, 'input'),
        EventsResult: schemaOf(eventsResultSchema, 'output'),
        RouteDecision: schemaOf(routeDecisionSchema, 'output'),
        AccountHistory: schemaOf(accountHistorySchema, 'output'),
        ServerAccountsResult: schemaOf(serverAccountsResultSchema, 'output'),
        Health: schemaOf(healthSchema, 'output'),
        ExperimentsReport: schemaOf(experimentsReportSchema, 'output'),
        FunnelReport: schemaOf(funnelReportSchema, 'output'),
        HoldoutsReport: schemaOf(holdoutsReportSchema, 'output'),
        ExpansionReport: schemaOf(expansionReportSchema, 'output'),
        HandoffsReport: schemaOf(handoffsReportSchema, 'output'),
        PqlsReport: schemaOf(pqlsReportSchema, 'output'),
        AdminConfig: schemaOf(adminConfigSchema, 'output'),
        ConfigVersion: schemaOf(configVersionSchema, 'output'),
        Published: schemaOf(publishedSchema, 'output'),
      },
    },
    paths: {
      '/v1/config': {
        get: {
          summary: 'The published config (public part), ETag-cached',
          tags: ['browser'],
          parameters: [{ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } }],
          responses: {
            200: {
              description: 'The config',
              headers: {
                ETag: { schema: { type: 'string' } },
                'Cache-Control': { schema: { type: 'string' } },
              },
              content: { 'application/json': { schema: ref('Config') } },
            },
            304: { description: 'Not modified (If-None-Match matched the ETag)' },
            ...errors(...V1_ERRORS),
          },
        },
      },
      '/v1/events': {
        post: {
          summary: 'A browser batch; the token is in the body so sendBeacon works',
          description: 'Idempotent by event id. Accepts `application/json` and `text/plain` (sendBeacon).',
          tags: ['browser'],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: browserBatch }, 'text/plain': { schema: browserBatch } },
          },
          responses: {
            202: jsonBody(ref('EventsResult'), 'Stored, duplicates and refused events'),
            ...errors(400, 401, 413, ...V1_ERRORS),
          },
        },
      },
      '/v1/route': {
        post: {
          summary: 'Decide the upgrade route from the verified token and the request',
          tags: ['browser'],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: schemaOf(routeBodySchema, 'input') },
              'text/plain': { schema: schemaOf(routeBodySchema, 'input') },
            },
          },
          responses: {
            200: jsonBody(ref('RouteDecision'), 'The decision'),
            ...errors(400, 401, 413, ...V1_ERRORS),
          },
        },
      },
      '/v1/account': {
        get: {
          summary: 'Account-level history from the store (all users of the account)',
          tags: ['browser'],
          security: [{ accountToken: [] }],
          responses: {
            200: jsonBody(ref('AccountHistory'), 'History, active triggers and eligibility'),
            ...errors(401, ...V1_ERRORS),
          },
        },
      },
      '/v1/server/events': {
        post: {
          summary: "Events from the host's backend for any account (usage, upgrade_completed, …)",
          tags: ['server'],
          security: [{ serverKey: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    events: { type: 'array', maxItems: MAX_EVENTS_PER_BATCH, items: ref('ServerEvent') },
                  },
                  required: ['events'],
                },
              },
            },
          },
          responses: {
            202: jsonBody(ref('EventsResult'), 'Stored, duplicates and refused events'),
            ...errors(400, 401, 404, 413, ...V1_ERRORS),
          },
        },
      },
      '/v1/server/accounts': {
        post: {
          summary: 'Upsert account traits (one account, or `{ accounts: [...] }` up to 100)',
          tags: ['server'],
          security: [{ serverKey: [] }],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: { oneOf: [ref('AccountTraits'), ref('AccountTraitsBatch')] } },
            },
          },
          responses: {
            200: jsonBody(ref('ServerAccountsResult'), 'Each account named, re-evaluated'),
            ...errors(400, 401, 404, 413, ...V1_ERRORS),
          },
        },
      },
      '/v1/admin/experiments': adminReport('Exposures and conversions per variant', 'ExperimentsReport'),
      '/v1/admin/funnel': adminReport('Funnel per trigger and the route split', 'FunnelReport', [
        intQuery('days', 1, 3650, 90, 'Window in days'),
      ]),
      '/v1/admin/holdouts': adminReport(
        'Trigger holdouts: eligible accounts that fired, held out of the prompt or shown it, and their expansions',
        'HoldoutsReport',
        [
          intQuery('days', 1, 3650, 365, 'Window of first fires, in days'),
          intQuery('outcomeDays', 1, 365, 60, 'Days after a fire in which an upgrade counts'),
        ],
      ),
      '/v1/admin/expansion': adminReport(
        'Expansion metrics inputs: activity, invites, PQLs, the billing ledger and CS assists, by week, segment and trigger',
        'ExpansionReport',
        [
          intQuery('days', 1, 3650, 180, 'Window in days'),
          intQuery('outcomeDays', 1, 365, 60, 'Days after a PQL fire in which an upgrade counts'),
          intQuery(
            'assistDays',
            1,
            365,
            60,
            'Days before an expansion in which a CS handoff makes it CS-assisted',
          ),
        ],
      ),
      '/v1/admin/handoffs': adminReport('Handoffs and their delivery state', 'HandoffsReport', [
        intQuery('limit', 1, 1000, 200, 'Most handoffs listed'),
      ]),
      '/v1/admin/pqls': adminReport('Accounts in a PQL episode, and suppressed ones', 'PqlsReport', [
        intQuery('limit', 1, 50_000, 5000, 'Most accounts per list'),
      ]),
      '/v1/admin/config': {
        ...adminReport('The current config version and every version', 'AdminConfig'),
        put: {
          summary: 'Publish a new config version (validated; old versions kept for rollback)',
          tags: ['admin'],
          security: [{ adminToken: [] }],
          parameters: [ifMatch],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  ...schemaOf(publishSchema, 'input'),
                  properties: {
                    config: ref('Config'),
                    note: { type: 'string', maxLength: 500 },
                    acknowledgeMixedTreatments: {
                      type: 'boolean',
                      description:
                        'Publish even though exposed experiments would mix two treatments (else 409)',
                    },
                  },
                },
              },
            },
          },
          responses: {
            201: jsonBody(ref('Published'), 'Published; `warnings` when valid but probably wrong'),
            ...errors(400, 401, 404, 409, 412, 413, 428, ...V1_ERRORS),
          },
        },
      },
      '/v1/admin/config/versions/{version}': {
        get: {
          summary: 'One stored config version with its document',
          tags: ['admin'],
          security: [{ adminToken: [] }],
          parameters: [
            { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
          ],
          responses: {
            200: jsonBody(ref('ConfigVersion'), 'The version'),
            ...errors(400, 401, 404, ...V1_ERRORS),
          },
        },
      },
      '/v1/admin/config/rollback': {
        post: {
          summary: 'Publish an old version again as the next version',
          tags: ['admin'],
          security: [{ adminToken: [] }],
          parameters: [ifMatch],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(rollbackSchema, 'input') } },
          },
          responses: {
            201: jsonBody(ref('Published'), 'The new version'),
            ...errors(400, 401, 404, 409, 412, 413, 428, ...V1_ERRORS),
          },
        },
      },
      '/v1/admin/events': {
        get: {
          summary: 'Every stored event since a time, one JSON event per line',
          tags: ['admin'],
          security: [{ adminToken: [] }],
          parameters: [
            {
              name: 'since',
              in: 'query',
              required: false,
              description: 'ISO date or ms since the epoch',
              schema: { type: 'string' },
            },
            { name: 'format', in: 'query', required: false, schema: { const: 'ndjson' } },
          ],
          responses: {
            200: {
              description: 'NDJSON: one event per line with accountId, userId, source and receivedAt',
              content: { 'application/x-ndjson': { schema: { type: 'string' } } },
            },
            ...errors(400, 401, 404, ...V1_ERRORS),
          },
        },
      },
      '/v1/openapi.json': {
        get: {
          summary: 'This document',
          tags: ['meta'],
          responses: {
            200: jsonBody({ type: 'object' }, 'OpenAPI 3.1'),
            ...errors(404, ...V1_ERRORS),
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Liveness and storage check',
          tags: ['meta'],
          responses: {
            200: jsonBody(ref('Health'), 'Storage reachable'),
            503: jsonBody(ref('Health'), 'Storage unavailable'),
          },
        },
      },
    },
  };
}
