import { inject } from 'vitest';
import { createPostgresStorage } from '../../src/index.ts';
import { configPublishSuite } from '../suite/config-publish-suite.ts';

configPublishSuite('Postgres', () => createPostgresStorage(inject('pgUrl'), { max: 40 }));
