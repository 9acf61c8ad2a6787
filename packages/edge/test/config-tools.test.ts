import { createPgliteStorage } from '../src/index.ts';
import { configToolsSuite } from './suite/config-tools-suite.ts';

configToolsSuite('PGlite', () => createPgliteStorage());
