#!/usr/bin/env node
// Child process that times legacy SQL on a PGlite folder: PGlite has no working
// statement_timeout, so the parent kills this process when a read runs past its budget.
// argv[2]: JSON { dir, groups: [[{ sql, params }, …], …] }. Prints {"ready":true} once open,
// then {"ms":…} per group; stops after a group slower than 2 s (one timing is enough).
import { importFromEdge } from './edge-deps.mjs';

const { PGlite } = await importFromEdge('@electric-sql/pglite');
const { dir, groups } = JSON.parse(process.argv[2] ?? '{}');
const pg = await PGlite.create({ dataDir: dir });
console.log(JSON.stringify({ ready: true }));
for (const group of groups) {
  const started = performance.now();
  for (const s of group) await pg.query(s.sql, s.params);
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms }));
  if (ms > 2000) break;
}
await pg.close();
