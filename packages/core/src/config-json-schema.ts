import * as z from 'zod/mini';
import { configShapeSchema } from './config-schema.ts';

/** JSON Schema (draft 2020-12) of the configuration document, for editors and docs. */
export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configShapeSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
}
