import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlanCli } from '../../scripts/cli/run-plan.ts';
import { Problem, solve, validatePlan, type Plan } from '../../solver/index.ts';
import { createDispatchProblemBuilder } from '../../src/dispatch/problem-builder.ts';
import { relevantSkus } from '../../src/dispatch/sku-relevance.ts';
import { workingWindow } from '../../src/dispatch/working-window.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aDispatchNetwork, DISPATCH_NOW } from '../support/dispatch-network.ts';

const at = (iso: string) => Date.parse(iso);

describe('GET /api/v1/dispatch/problem', () => {
  let t: TestApp;
  let network: Awaited<ReturnType<typeof aDispatchNetwork>>;
  let body: Problem & { snapshot: Record<string, Record<string, number> & unknown> };
  let problem: Problem;

  beforeAll(async () => {
    t = await createTestApp(DISPATCH_NOW);
    network = await aDispatchNetwork(t.db);
    const res = await request(t.app).get('/api/v1/dispatch/problem');
    expect(res.status).toBe(200);
    body = res.body;
    problem = Problem.parse(res.body);
  });
  afterAll(() => t.destroy());

  const ticket = (id: string) => problem.tickets.find((x) => x.id === id);
  const engineer = (id: string) => problem.engineers.find((x) => x.id === id);

  it('takes open on-site work only: closed, resolved, question and skill-less tickets stay out', () => {
    expect(problem.tickets.map((x) => x.id).sort()).toEqual(
      ['T-4TH', 'T-ASSIGNED', 'T-BEIJING', 'T-CRIT', 'T-ENROUTE', 'T-FAR', 'T-HELD-OFF', 'T-ONSITE'].sort(),
    );
  });

  it('gives a ticket the deadlines of its running on-site and spare-unit clocks, its skill, level and parts', () => {
    const critical = ticket('T-CRIT')!;
    expect(critical).toMatchObject({
      site: 'S-HOSP',
      level: 1,
      tier: 'A',
      skill: 'his-server',
      minSkillLevel: 2,
      parts: [{ sku: 'P-PSU-650', qty: 1 }],
      spareUnit: { model: 'HIS-R740' },
      load: 0.5,
      pin: null,
    });
    expect(at(critical.due.onsite!)).toBe(at('2026-11-30T10:00:00+08:00'));
    expect(at(critical.due.spareUnit!)).toBe(at('2026-11-30T12:00:00+08:00'));
    // The on-site clock of a ticket whose engineer is on site has stopped: nothing left to meet.
    expect(ticket('T-ONSITE')!.due.onsite).toBeNull();
  });

  it('asks a replacement unit of the device model for a three-strikes ticket', () => {
    expect(ticket('T-4TH')!.spareUnit).toEqual({ model: 'HIS-R740' });
    expect(at(ticket('T-4TH')!.due.spareUnit!)).toBe(at('2026-11-30T11:30:00+08:00'));
  });

  it('keeps work under way with its engineer: assigned as a pin, en route and on site as the first stop', () => {
    expect(ticket('T-ASSIGNED')!.pin).toEqual({ engineer: 'E-2', first: false });
    expect(ticket('T-ENROUTE')!.pin).toEqual({ engineer: 'E-1', first: true });
    expect(ticket('T-ONSITE')!.pin).toEqual({ engineer: 'E-5', first: true });
    // Its engineer is off today: the ticket is open to anyone.
    expect(ticket('T-HELD-OFF')!.pin).toBeNull();
  });

  it("plans engineers on today's shift less absences, from their position today, with their van stock", () => {
    expect(problem.engineers.map((e) => e.id)).toEqual(['E-1', 'E-2', 'E-3', 'E-5']);
    expect(engineer('E-1')).toMatchObject({
      start: 'O-CTU',
      end: 'O-CTU',
      skills: { 'his-server': 2 },
      vanStock: { 'P-PSU-650': 1 },
      capacity: 4,
      maxJobs: 6,
    });
    expect(at(engineer('E-1')!.availableFrom)).toBe(at('2026-11-30T08:00:00+08:00'));
    expect(at(engineer('E-1')!.shiftEnd)).toBe(at('2026-11-30T18:00:00+08:00'));
    // Absent until noon.
    expect(at(engineer('E-3')!.availableFrom)).toBe(at('2026-11-30T12:00:00+08:00'));
    // A position reported this morning is where the day starts.
    expect(engineer('E-5')!.start).toBe('POS-E-5');
    expect(problem.locations.find((l) => l.id === 'POS-E-5')).toMatchObject({ lat: 30.5, lon: 104.2 });
  });

  it('offers available stock only (on hand − reserved) of SKUs some ticket can use, with supersession and fit', () => {
    expect(problem.stock).toEqual([
      { location: 'D-CTU', sku: 'U-HIS-R740', qty: 1 },
      { location: 'O-YB', sku: 'P-PSU-700', qty: 2 },
    ]);
    expect(problem.skus.find((s) => s.sku === 'P-PSU-700')).toMatchObject({
      kind: 'part',
      fits: ['HIS-R740'],
      supersedes: ['P-PSU-650'],
    });
    expect(problem.skus.find((s) => s.sku === 'U-HIS-R740')).toMatchObject({
      kind: 'unit',
      model: 'HIS-R740',
    });
    // Stock no ticket can use (a fan nobody asked for) is left out, in depots and vans alike.
    expect(problem.skus.map((s) => s.sku).sort()).toEqual(['P-PSU-650', 'P-PSU-700', 'U-HIS-R740']);
    expect(engineer('E-1')!.vanStock).toEqual({ 'P-PSU-650': 1 });
  });

  it('records the versions a commit must find unchanged', () => {
    const snapshot = body.snapshot as unknown as {
      takenAt: string;
      stockVersions: Record<string, number>;
      engineerVersions: Record<string, number>;
      ticketVersions: Record<string, number>;
    };
    expect(at(snapshot.takenAt)).toBe(at(DISPATCH_NOW));
    // Two movements each (receipt, reservation) at the depot; the van's one receipt.
    expect(snapshot.stockVersions).toEqual({
      'D-CTU:U-HIS-R740': 2,
      'O-YB:P-PSU-700': 1,
      'VAN-E-1:P-PSU-650': 1,
    });
    expect(Object.keys(snapshot.engineerVersions).sort()).toEqual(['E-1', 'E-2', 'E-3', 'E-5']);
    expect(Object.keys(snapshot.ticketVersions).sort()).toEqual(problem.tickets.map((x) => x.id).sort());
  });

  it('solves into a valid plan, and replays through scripts/plan.ts', async () => {
    const plan = solve(
      { ...problem, options: { ...problem.options, timeLimitMs: 200 } },
      { now: () => 0, maxIterations: 50 },
    );
    expect(validatePlan(problem, plan).violations).toEqual([]);
    const files = new Map<string, string>([['problem.json', JSON.stringify(body)]]);
    const code = await runPlanCli(['--in', 'problem.json', '--out', 'plan.json', '--time-limit', '200'], {
      loadSolve: async () => solve,
      readFile: (path) => files.get(path)!,
      writeFile: (path, content) => void files.set(path, content),
      now: () => performance.now(),
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(0);
    const replayed = JSON.parse(files.get('plan.json')!) as Plan;
    expect(replayed.assignments.find((a) => a.ticket === 'T-ENROUTE')?.engineer).toBe('E-1');
  });

  it('limits to a region and to named tickets; candidates mode asks about the first ticket named', async () => {
    const other = await request(t.app).get('/api/v1/dispatch/problem').query({ region: 'R-NONE' });
    expect(other.status).toBe(200);
    expect(other.body.tickets).toEqual([]);
    const one = await request(t.app)
      .get('/api/v1/dispatch/problem')
      .query({ mode: 'candidates', tickets: 'T-CRIT,T-ENROUTE', timeLimitMs: 500, seed: 7 });
    expect(one.status).toBe(200);
    expect(one.body.tickets.map((x: { id: string }) => x.id)).toEqual(['T-CRIT', 'T-ENROUTE']);
    expect(one.body.options).toMatchObject({
      mode: 'candidates',
      ticket: 'T-CRIT',
      timeLimitMs: 500,
      seed: 7,
    });
  });

  it('refuses bad options naming the field, and candidates for a ticket that is not open work', async () => {
    const bad = await request(t.app).get('/api/v1/dispatch/problem').query({ mode: 'exact' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('query.mode');
    const closed = await request(t.app)
      .get('/api/v1/dispatch/problem')
      .query({ mode: 'candidates', tickets: 'T-CLOSED' });
    expect(closed.status).toBe(409);
  });

  it('bumps an engineer version for skills and absences but not for a position report', async () => {
    const builder = createDispatchProblemBuilder({ db: t.db, now: () => new Date(DISPATCH_NOW) });
    const before = (await builder.build()).snapshot.engineerVersions;
    await request(t.app).post('/api/v1/engineers/E-2/position').send({ lat: 30.61, lon: 104.02 }).expect(200);
    expect((await builder.build()).snapshot.engineerVersions['E-2']).toBe(before['E-2']);
    await t.db('engineer_skills').where({ engineer_id: 'E-2', skill: 'network' }).update({ level: 3 });
    expect((await builder.build()).snapshot.engineerVersions['E-2']).toBe(before['E-2']! + 1);
    await t.db('engineer_absences').insert({
      engineer_id: 'E-2',
      starts_at: '2026-11-30T16:00:00+08:00',
      ends_at: '2026-11-30T18:00:00+08:00',
    });
    const after = await builder.build();
    expect(after.snapshot.engineerVersions['E-2']).toBe(before['E-2']! + 2);
    expect(Date.parse(after.problem.engineers.find((e) => e.id === 'E-2')!.shiftEnd)).toBe(
      Date.parse('2026-11-30T16:00:00+08:00'),
    );
    expect(network.engineers.junior).toBe('E-2');
  });
});

describe('workingWindow', () => {
  const h = (hour: number) => hour * 3_600_000;
  it('is the shift from now on, less absences, the first stretch when an absence splits it', () => {
    expect(workingWindow({ start: h(8), end: h(18) }, [], h(9))).toEqual({ start: h(9), end: h(18) });
    expect(workingWindow({ start: h(8), end: h(18) }, [{ start: h(7), end: h(12) }], h(8))).toEqual({
      start: h(12),
      end: h(18),
    });
    expect(workingWindow({ start: h(8), end: h(18) }, [{ start: h(12), end: h(13) }], h(8))).toEqual({
      start: h(8),
      end: h(12),
    });
    expect(workingWindow({ start: h(8), end: h(18) }, [{ start: h(12), end: h(13) }], h(12.5))).toEqual({
      start: h(13),
      end: h(18),
    });
    expect(workingWindow({ start: h(8), end: h(18) }, [{ start: h(6), end: h(20) }], h(8))).toBeNull();
    expect(workingWindow({ start: h(8), end: h(18) }, [], h(18))).toBeNull();
  });
});

describe('relevantSkus', () => {
  const sku = (id: string, supersedes: string[] = [], unitOf: string | null = null) => ({
    id,
    kind: unitOf ? 'unit' : 'part',
    model_id: unitOf,
    supersedes,
  });
  it('takes the parts and units asked for and whatever supersedes them, transitively, and nothing else', () => {
    const catalog = [
      sku('A'),
      sku('B', ['A']),
      sku('C', ['B']),
      sku('X'),
      sku('Y', ['X']),
      sku('U1', [], 'M'),
      sku('U2', ['U1'], 'M2'),
      sku('U3', [], 'N'),
    ];
    expect([...relevantSkus({ parts: ['A'], models: ['M'] }, catalog)].sort()).toEqual([
      'A',
      'B',
      'C',
      'U1',
      'U2',
    ]);
    expect([...relevantSkus({ parts: ['B'], models: [] }, catalog)].sort()).toEqual(['B', 'C']);
    expect([...relevantSkus({ parts: [], models: [] }, catalog)]).toEqual([]);
  });
});
