import { inject } from 'vitest';
import { createPostgresStorage } from '../../src/index.ts';
import { configToolsSuite } from '../suite/config-tools-suite.ts';

configToolsSuite('Postgres', () => createPostgresStorage(inject('pgUrl')));
