import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCandidates, type Candidate } from '../../solver/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { aDispatchNetwork, DISPATCH_NOW } from '../support/dispatch-network.ts';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('POST /api/v1/dispatch/candidates', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(DISPATCH_NOW);
    await aDispatchNetwork(t.db);
  });
  afterAll(() => t.destroy());

  const ask = (ticketId: string, k?: number) =>
    request(t.app)
      .post('/api/v1/dispatch/candidates')
      .send(k === undefined ? { ticketId } : { ticketId, k });

  /** The HTTP answer's candidates re-derived by the solver's independent checker. */
  async function checkAgainstSolver(ticketId: string, candidates: Candidate[]) {
    const { problem, plan } = await t.services.dispatchCandidates.candidates(ticketId, 5);
    expect(candidates).toEqual(plan.candidates);
    expect(validateCandidates(problem, { ...plan, candidates }).violations).toEqual([]);
  }

  it('sends a qualified engineer to a level-1 ticket at a tier-A hospital, with a spare unit there within 4 h', async () => {
    const res = await ask('T-CRIT');
    expect(res.status).toBe(200);
    expect(res.body.ticket).toMatchObject({ id: 'T-CRIT', level: 1, tier: 'A', minSkillLevel: 2, pin: null });
    const [top] = res.body.candidates as Candidate[];
    // E-1 is the only his-server ≥ 2 engineer at work before noon (E-3 is absent until 12:00).
    expect(top!.rank).toBe(1);
    expect(top!.engineer).toBe('E-1');
    expect(top!.commitments.onsite).toMatchObject({ met: true });
    expect(top!.spareUnit).toMatchObject({ sku: 'U-HIS-R740', from: 'D-CTU' });
    expect(at(top!.spareUnit!.atSite)).toBeLessThanOrEqual(at(DISPATCH_NOW) + 4 * HOUR);
    expect(top!.commitments.spareUnit).toMatchObject({ met: true });
    // The part: E-1's van PSU (the depot's are all reserved) or the superseding PSU from Yibin.
    expect(top!.parts.map((p) => p.sku)).toEqual(['P-PSU-650']);
    expect(top!.parts[0]!.from).toBe('van');
    // Nobody below level 2 is offered.
    for (const candidate of res.body.candidates as Candidate[])
      expect(['E-1', 'E-3']).toContain(candidate.engineer);
    expect(top!.why.length).toBeGreaterThan(0);
    await checkAgainstSolver('T-CRIT', res.body.candidates);
  });

  it('offers the best late option, with its lateness, for a ticket no one can reach in time', async () => {
    const res = await ask('T-FAR', 3);
    expect(res.status).toBe(200);
    const candidates = res.body.candidates as Candidate[];
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.length).toBeLessThanOrEqual(3);
    for (const candidate of candidates) expect(candidate.commitments.onsite).toMatchObject({ met: false });
    const top = candidates[0]!;
    expect(top.commitments.onsite!.slackMinutes).toBeLessThan(0);
    // Best = least late among the equally missed.
    for (const other of candidates.slice(1))
      expect(at(other.arrive)).toBeGreaterThanOrEqual(at(top.arrive) - 1000);
    expect(top.why).toMatch(/late|miss/i);
    await checkAgainstSolver('T-FAR', candidates);
  });

  it('says why when no one can serve a ticket at all', async () => {
    const res = await ask('T-BEIJING');
    expect(res.status).toBe(200);
    expect(res.body.candidates).toEqual([]);
    expect(res.body.unassigned).toHaveLength(1);
    expect(res.body.unassigned[0].ticket).toBe('T-BEIJING');
    expect(res.body.unassigned[0].reason.length).toBeGreaterThan(0);
  });

  it('shows what an option costs the routes already committed (consequences for pinned work)', async () => {
    const res = await ask('T-4TH');
    expect(res.status).toBe(200);
    const candidates = res.body.candidates as Candidate[];
    expect(candidates.length).toBeGreaterThan(0);
    // Every candidate names its consequences (possibly none) for the pinned tickets only.
    const pinned = new Set(['T-ASSIGNED', 'T-ENROUTE', 'T-ONSITE']);
    for (const candidate of candidates)
      for (const consequence of candidate.consequences) expect(pinned.has(consequence.ticket)).toBe(true);
    expect(candidates[0]!.spareUnit).toMatchObject({ sku: 'U-HIS-R740' });
    await checkAgainstSolver('T-4TH', candidates);
  });

  it('asks about an assigned ticket against the day without it', async () => {
    const res = await ask('T-ASSIGNED');
    expect(res.status).toBe(200);
    expect(res.body.ticket.pin).toBeNull();
    expect((res.body.candidates as Candidate[]).length).toBeGreaterThan(0);
    await checkAgainstSolver('T-ASSIGNED', res.body.candidates);
  });

  it('answers 404 for an unknown ticket, 409 for a closed one or one with no visit to make, 422 naming a bad field', async () => {
    expect((await ask('T-NOPE')).status).toBe(404);
    const closed = await ask('T-CLOSED');
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toMatch(/closed/);
    expect((await ask('T-RESOLVED')).status).toBe(409);
    expect((await ask('T-QUESTION')).status).toBe(409);
    expect((await ask('T-NOSKILL')).status).toBe(409);
    const bad = await ask('T-CRIT', 0);
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('body.k');
    const missing = await request(t.app).post('/api/v1/dispatch/candidates').send({});
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('body.ticketId');
  });

  it('keeps the prepared day while nothing changes, and rebuilds it after a position report or a stock movement', async () => {
    const first = await ask('T-CRIT');
    const again = await ask('T-FAR');
    expect(again.body.changeCounter).toBe(first.body.changeCounter);
    expect(again.body.preparedAt).toBe(first.body.preparedAt);

    // E-1 reports a position far to the south: the day is prepared again and the answer moves.
    await request(t.app).post('/api/v1/engineers/E-1/position').send({ lat: 28.8, lon: 104.6 }).expect(200);
    const moved = await ask('T-CRIT');
    expect(moved.body.changeCounter).toBeGreaterThan(first.body.changeCounter);
    expect(at(moved.body.candidates[0].arrive)).not.toBe(at(first.body.candidates[0].arrive));

    // The last spare unit is reserved elsewhere: the next answer no longer offers it.
    await t.db('stock_movements').insert({
      location_id: 'D-CTU',
      sku_id: 'U-HIS-R740',
      kind: 'reservation',
      reserved_delta: 1,
      reference_type: 'ticket',
      reference_id: 'T-OTHER-2',
      actor: 'test',
    });
    const noUnit = await ask('T-CRIT');
    expect(noUnit.body.changeCounter).toBeGreaterThan(moved.body.changeCounter);
    for (const candidate of noUnit.body.candidates as Candidate[])
      expect(candidate.spareUnit ?? null).toBeNull();
  });

  it('is documented in the OpenAPI document with its request and answer schemas', async () => {
    const res = await request(t.app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.paths['/api/v1/dispatch/candidates'].post).toBeDefined();
    expect(res.body.paths['/api/v1/dispatch/problem'].get).toBeDefined();
    expect(res.body.components.schemas.DispatchCandidates).toBeDefined();
    expect(res.body.components.schemas.DispatchCandidatesRequest).toBeDefined();
  });

  it('prepares the day again when it is older than a minute, with nothing changed', async () => {
    const before = await ask('T-CRIT');
    t.setNow('2026-11-30T08:02:00+08:00');
    const later = await ask('T-CRIT');
    expect(later.body.changeCounter).toBe(before.body.changeCounter);
    expect(at(later.body.preparedAt)).toBe(at('2026-11-30T08:02:00+08:00'));
  });
});
