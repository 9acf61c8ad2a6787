import type * as z from 'zod/mini';

/**
 * Turns a zod schema into an equivalent faster one: same output, same issues. `z.compile` from
 * zod is one (it generates code, so it needs a runtime that allows `new Function`, and it
 * weighs ~9 kB gzip that the worker bundle does not carry unless you pass it).
 */
export type SchemaCompiler = <T extends z.core.SomeType>(schema: T) => T;

/** A schema by its compiled twin, compiled once per schema on first use. */
export type CompiledSchemas = <T extends z.core.SomeType>(schema: T) => T;

/**
 * Compiles each schema the first time it is asked for. A compiler that throws leaves the
 * schema on zod's runtime parser (validation never depends on the compiler working).
 */
export function createCompiledSchemas(
  compile: SchemaCompiler | undefined,
  onError: (error: unknown) => void,
): CompiledSchemas {
  if (compile === undefined) return (schema) => schema;
  const compiled = new WeakMap<z.core.SomeType, z.core.SomeType>();
  return <T extends z.core.SomeType>(schema: T): T => {
    let hit = compiled.get(schema) as T | undefined;
    if (hit === undefined) {
      try {
        hit = compile(schema);
      } catch (error) {
        onError(error);
        hit = schema;
      }
      compiled.set(schema, hit);
    }
    return hit;
  };
}
