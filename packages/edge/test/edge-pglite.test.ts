import { createPgliteStorage } from '../src/index.ts';
import { edgeSuite } from './suite/edge-suite.ts';
import { serverTruthSuite } from './suite/server-truth-suite.ts';

edgeSuite('PGlite', () => createPgliteStorage());

serverTruthSuite('PGlite', () => createPgliteStorage());
