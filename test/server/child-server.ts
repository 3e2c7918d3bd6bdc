import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A token in the API's format, for ADMIN_TOKEN. */
export const TEST_ADMIN_TOKEN = 'sdt_0123456789abcdef_test-admin-token-secret-0123456789abcdef';

export interface ChildServer {
  child: ChildProcess;
  baseUrl: string;
  port: number;
  /** Every stdout and stderr line so far (pino JSON lines and anything else). */
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, 'close');
  return port;
}

/**
 * Starts `src/server.ts` as the real service does (tsx), without demo data, and resolves once it
 * listens. `env` adds to the environment (DATA_DIR or DATABASE_URL, timeouts).
 */
export async function startServer(
  env: Record<string, string>,
  entry = 'src/server.ts',
): Promise<ChildServer> {
  const port = await freePort();
  const baseEnv = { ...process.env };
  // The child chooses its database from env alone (the parent's test variables must not leak in).
  delete baseEnv.DATABASE_URL;
  delete baseEnv.TEST_DATABASE;
  delete baseEnv.VITEST;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: {
      ...baseEnv,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'info',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      RATE_LIMIT_MAX: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let listening: () => void = () => {};
  const ready = new Promise<void>((resolve) => (listening = resolve));
  for (const stream of [child.stdout!, child.stderr!]) {
    let pending = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        if (line.includes('spares-dispatch listening')) listening();
      }
    });
  }
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 120_000).unref()),
  ]);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    throw new Error(`the server did not start (${outcome}):\n${output.slice(-30).join('\n')}`);
  }
  return { child, baseUrl: `http://127.0.0.1:${port}`, port, output, exited };
}
