import { createPgliteStorage } from '../src/index.ts';
import { experimentVersionsSuite } from './suite/experiment-versions-suite.ts';

experimentVersionsSuite('PGlite', () => createPgliteStorage());
