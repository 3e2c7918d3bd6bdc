import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** docs/benchmarks.md of this repository, whatever the working directory. */
export const BENCHMARKS_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../docs/benchmarks.md',
);

const FILE_HEADER = `# Benchmarks

Measured figures, appended by the scripts in \`scripts/bench/\`. Each section says when it was
run, on which machine and with which command, and is never edited afterwards: a new run adds a new
section. Timings from a shared machine are noisy; compare runs by the ratios each section gives.
`;

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  memoryGiB: number;
  /** One-minute load average when the run began: above the core count, timings are inflated. */
  loadAverage: number;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg()[0] ?? 0,
  };
}

export interface ReportSection {
  title: string;
  /** The exact command line that produced the figures. */
  command: string;
  /** Sentences about what the run was (subset or full, limits, seed) and how to read the table. */
  notes: readonly string[];
  table: string;
  date: Date;
  /** The machine as described when the run began. */
  machine: Machine;
  /** One-minute load average when the run ended. */
  loadAverageEnd: number;
}

export function formatSection(section: ReportSection): string {
  const { machine } = section;
  return [
    `## ${section.title} (${section.date.toISOString().slice(0, 16).replace('T', ' ')} UTC)`,
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}, 1-min load average ${machine.loadAverage.toFixed(1)} at the start and ${section.loadAverageEnd.toFixed(1)} at the end`,
    `- Command: \`${section.command}\``,
    ...section.notes.map((note) => `- ${note}`),
    '',
    section.table,
    '',
  ].join('\n');
}

/** Appends a section, creating the file with its header first when it does not exist yet. */
export function appendSection(section: ReportSection, file = BENCHMARKS_FILE): void {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, FILE_HEADER);
  }
  appendFileSync(file, `\n${formatSection(section)}`);
}

export function loadAverageNow(): number {
  return os.loadavg()[0] ?? 0;
}

/** How the current script was invoked, as a command to paste. */
export function currentCommand(script: string): string {
  return ['npx tsx', script, ...process.argv.slice(2)].join(' ');
}
