// The module worker the smoke test bundles and runs in workerd: the published
// `@headroom/edge/worker` entry with an injected storage and the canonical config.
import acme from '../../../core/examples/acme.config.json' with { type: 'json' };
import { createEdgeWorker } from '../../src/worker.ts';
import { memoryStorageFixture } from './memory-storage-fixture.ts';

export default createEdgeWorker(async () => ({
  storage: memoryStorageFixture(),
  config: acme,
  log: () => {},
}));
