// Node-only entry (`@headroom/insights/node`): streaming file readers for backtests.
export { readLineBatches } from './read-lines.ts';
export { type ReadStats, readExpansions, readRecords } from './read-records.ts';
