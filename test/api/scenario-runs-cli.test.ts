import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aRunNetwork } from '../scenarios/run-network.ts';

const run = promisify(execFile);

/** scripts/whatif.ts against a running service (--url): scenario by name, progress, the table. */
describe('npm run whatif -- --url', () => {
  let t: TestApp;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    const { engineers } = await aRunNetwork(t.db, { engineers: 4 });
    await request(t.app)
      .post('/api/v1/scenarios')
      .send({ name: 'fewer engineers', changes: [{ kind: 'remove-engineer', engineerId: engineers[0] }] });
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await t.services.scenarioRuns.close();
    await t.destroy();
  });

  const whatif = (args: string[]) =>
    run('npx', ['tsx', 'scripts/whatif.ts', '--url', url, ...args], { cwd: process.cwd(), timeout: 120_000 });

  it('runs a scenario chosen by name and prints the comparison table', async () => {
    const { stdout, stderr } = await whatif([
      '--scenario',
      'fewer engineers',
      '--days',
      '2',
      '--replications',
      '2',
      '--tickets-per-day',
      '6',
    ]);
    expect(stderr).toMatch(/run [0-9a-f-]{36} of "fewer engineers": 6\.0 tickets\/day \(given\)/);
    expect(stdout).toMatch(/fewer engineers: scenario − baseline over 2 replication\(s\), same seeds/);
    expect(stdout).toMatch(/│ promises\.overall\.share +│/);
    expect(stdout).toMatch(/│ engineers\.utilisation +│/);
  });

  it('exits 1 with the service’s reason for a bad option, and 2 for bad usage', async () => {
    const bad = await whatif(['--scenario', 'fewer engineers', '--days', '93']).catch((error) => error);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/422 .*body\.days/);
    const usage = await whatif([]).catch((error) => error);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: tsx scripts\/whatif\.ts/);
  });
});
