import { parentPort } from 'node:worker_threads';

/** A simulation worker that dies on its first task: the run must end failed, not stay running. */
parentPort!.on('message', () => {
  throw new Error('simulated worker crash');
});
