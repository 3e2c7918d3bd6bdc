/**
 * Planners' what-if (pure, seeded): a discrete-event simulation of the network over days to a
 * quarter through the real dispatch and reorder code, and the paired comparison of two sets of runs.
 */
export type * from './types.ts';
export { simulate, type Dispatcher, type SimEvent } from './simulate.ts';
export { compare, kpiFigures, type KpiComparison } from './compare.ts';
export { quantiles } from './kpis.ts';
