import { parentPort } from 'node:worker_threads';
import { simulate } from '../../solver/simulate/index.ts';
import type { SimulationTask, SimulationWorkerMessage } from './simulation-runner.ts';

/**
 * One replication of one side off the request thread: the simulation is pure, so the worker only
 * runs it and reports each simulated midnight and the KPIs (not the per-ticket outcomes, which a
 * comparison does not need and which would be most of the message).
 */
parentPort!.on('message', (task: SimulationTask) => {
  const post = (message: SimulationWorkerMessage) => parentPort!.postMessage(message);
  try {
    const result = simulate(task.input, {
      seed: task.seed,
      replication: task.replication,
      onProgress: (daysDone) => post({ id: task.id, kind: 'progress', daysDone }),
    });
    post({
      id: task.id,
      kind: 'done',
      kpis: result.kpis,
      events: result.events,
      solverCalls: result.solverCalls,
    });
  } catch (error) {
    post({ id: task.id, kind: 'error', error: error instanceof Error ? error.message : String(error) });
  }
});
