import { createPgliteStorage } from '../src/index.ts';
import { edgeSuite } from './suite/edge-suite.ts';

edgeSuite('PGlite', () => createPgliteStorage());
