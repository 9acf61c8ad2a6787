import { createPgliteStorage } from '../src/index.ts';
import { configPublishSuite } from './suite/config-publish-suite.ts';

configPublishSuite('PGlite', () => createPgliteStorage());
