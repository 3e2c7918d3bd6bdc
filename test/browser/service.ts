import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The running service for the browser tests: `src/server.ts` as a child process, as `npm start`
 * runs it, on the embedded database in a fresh temporary folder (the demo network loaded), on a
 * free port, with an admin API token the console is given.
 */
export interface RunningService {
  baseUrl: string;
  token: string;
  /** Calls the API as the console's token holder; throws on a non-2xx answer. */
  api<T = unknown>(pathAndQuery: string, init?: { method?: string; body?: unknown }): Promise<T>;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the service was not ready within ${timeoutMs} ms:\n${log()}`);
}

export async function startService(): Promise<RunningService> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'console-test-'));
  const port = await freePort();
  const token = `sdt_${randomBytes(8).toString('hex')}_${randomBytes(24).toString('base64url')}`;
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      // The embedded database even where CI sets DATABASE_URL for the database tests.
      DATABASE_URL: '',
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      ADMIN_TOKEN: token,
      CONSOLE_TILE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);

  async function stop() {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  try {
    await waitUntilReady(baseUrl, child, () => output, 240_000);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    baseUrl,
    token,
    async api(pathAndQuery, init = {}) {
      const response = await fetch(`${baseUrl}/api/v1${pathAndQuery}`, {
        method: init.method ?? 'GET',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await response.text();
      if (!response.ok)
        throw new Error(`${init.method ?? 'GET'} ${pathAndQuery}: ${response.status} ${text}`);
      return (text ? JSON.parse(text) : null) as never;
    },
    stop,
  };
}
