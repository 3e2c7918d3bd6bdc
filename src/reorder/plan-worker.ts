import { parentPort } from 'node:worker_threads';
import { planReplenishment } from '../../solver/inventory/index.ts';
import { workOnPlanJob, type PlanJob } from './plan-workers.ts';

/** A planning worker: claims chunks of the shared inputs it is sent and answers their outcomes. */
parentPort!.once('message', (job: PlanJob) => {
  workOnPlanJob(job, planReplenishment, (message) => parentPort!.postMessage(message));
});
