import { createPgliteClient, createSqlStorage } from '../src/index.ts';
import { aggregatesSuite } from './suite/aggregates-suite.ts';

aggregatesSuite('PGlite', async () => {
  const db = await createPgliteClient();
  const storage = createSqlStorage(db);
  await storage.migrate();
  return { storage, db };
});
