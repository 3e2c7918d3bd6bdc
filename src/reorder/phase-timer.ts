import { performance } from 'node:perf_hooks';

/**
 * Times the phases of a run and notes the process's resident memory after each, so a run's
 * history says where its time and memory went (the nightly target is on both).
 */
export function createPhaseTimer(now: () => number = () => performance.now()) {
  const ms: Record<string, number> = {};
  const rssMiBAfter: Record<string, number> = {};
  return {
    async time<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
      const started = now();
      try {
        return await work();
      } finally {
        ms[phase] = Math.round((ms[phase] ?? 0) + now() - started);
        rssMiBAfter[phase] = Math.round(process.memoryUsage.rss() / 2 ** 20);
      }
    },
    /** `{ ms: { phase: duration }, rssMiBAfter: { phase: MiB } }`, phases in the order first timed. */
    report: () => ({ ms: { ...ms }, rssMiBAfter: { ...rssMiBAfter } }),
  };
}

export type PhaseTimer = ReturnType<typeof createPhaseTimer>;
