import { parentPort } from 'node:worker_threads';
import { planReplenishment } from '../../solver/inventory/index.ts';
import type { ReplenishmentInput } from '../../solver/inventory/types.ts';
import { planEach } from './plan-workers.ts';

/** A planning worker: plans each input of a batch it is sent and answers the outcomes in order. */
parentPort!.on('message', (inputs: ReplenishmentInput[]) => {
  parentPort!.postMessage(planEach(inputs, planReplenishment));
});
