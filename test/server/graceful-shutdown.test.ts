import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN_TOKEN, type ChildServer } from './child-server.ts';

/** Sends a request whose body arrives in two parts, the second only when `release` resolves. */
function slowRequest(server: ChildServer, pathname: string, body: string, release: Promise<void>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: pathname,
        headers: {
          authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));
    void release.then(() => req.end(body.slice(half)));
  });
}

describe('graceful shutdown of the real server process', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'spares-shutdown-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('on SIGTERM finishes the request in flight, refuses new connections and exits 0', async () => {
    const server = await startServer({ DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '20000' });
    try {
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      const inFlight = slowRequest(
        server,
        '/api/v1/regions',
        JSON.stringify({ id: 'R-SHUTDOWN', name: 'Region written during shutdown' }),
        released,
      );
      // The server has the request's headers and half its body before the signal.
      await new Promise((resolve) => setTimeout(resolve, 500));
      server.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 1000));

      const refused = await fetch(`${server.baseUrl}/healthz`).then(
        () => 'answered',
        () => 'refused',
      );
      expect(refused).toBe('refused');
      expect(server.child.exitCode).toBeNull();

      release();
      const response = await inFlight;
      expect(response.status).toBe(201);
      expect(JSON.parse(response.body)).toMatchObject({ id: 'R-SHUTDOWN' });

      const exit = await server.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      // Not cut by the timeout: the keep-alive connection closed once its response was sent.
      expect(server.output.some((line) => line.includes('"forced":false,"msg":"shut down"'))).toBe(true);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });

  it('the region written during shutdown is there after a restart', async () => {
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      const res = await fetch(`${server.baseUrl}/api/v1/regions/R-SHUTDOWN`, {
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      expect(res.status).toBe(200);
      server.child.kill('SIGINT');
      expect(await server.exited).toEqual({ code: 0, signal: null });
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
