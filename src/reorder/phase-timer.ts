import { performance } from 'node:perf_hooks';

/**
 * Times the phases of a run and notes the process's resident memory after each, so a run's
 * history says where its time and memory went (the nightly target is on both).
 */
export function createPhaseTimer(now: () => number = () => performance.now()) {
  const ms: Record<string, number> = {};
  const cpuMs: Record<string, number> = {};
  const rssMiBAfter: Record<string, number> = {};
  return {
    async time<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
      const started = now();
      const cpuBefore = process.cpuUsage();
      try {
        return await work();
      } finally {
        ms[phase] = Math.round((ms[phase] ?? 0) + now() - started);
        const cpu = process.cpuUsage(cpuBefore);
        cpuMs[phase] = Math.round((cpuMs[phase] ?? 0) + (cpu.user + cpu.system) / 1000);
        rssMiBAfter[phase] = Math.round(process.memoryUsage.rss() / 2 ** 20);
      }
    },
    /**
     * `{ ms: { phase: duration }, cpuMs: { phase: CPU time of the whole process, all threads },
     * rssMiBAfter: { phase: MiB } }`, phases in the order first timed. CPU time tells a phase's
     * cost apart from waiting on a loaded machine or on the database.
     */
    report: () => ({ ms: { ...ms }, cpuMs: { ...cpuMs }, rssMiBAfter: { ...rssMiBAfter } }),
  };
}

export type PhaseTimer = ReturnType<typeof createPhaseTimer>;
