import { inject } from 'vitest';
import { createPostgresStorage } from '../../src/index.ts';
import { experimentVersionsSuite } from '../suite/experiment-versions-suite.ts';

experimentVersionsSuite('Postgres', () => createPostgresStorage(inject('pgUrl')));
