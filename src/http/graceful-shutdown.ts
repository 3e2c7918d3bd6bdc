import type { Server } from 'node:http';

/**
 * Stops accepting connections and waits for the requests in flight to finish; idle keep-alive
 * connections close at once. Past `timeoutMs` the remaining connections are cut. Resolves with
 * whether it had to cut any.
 */
export async function drainServer(server: Server, timeoutMs: number): Promise<{ forced: boolean }> {
  let forced = false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = setTimeout(() => {
    forced = true;
    server.closeAllConnections();
  }, timeoutMs);
  deadline.unref();
  await closed;
  clearTimeout(deadline);
  return { forced };
}
