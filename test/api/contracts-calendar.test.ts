import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

describe('/api/v1/calendar-days', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // The migrations seed the holidays of data/holidays-cn.json; these tests set up their own.
    await t.db('calendar_days').delete();
  });
  afterAll(() => t.destroy());

  const year2027 = {
    days: [
      { day: '2027-10-04', kind: 'holiday', name: 'National Day' },
      { day: '2027-01-01', kind: 'holiday', name: "New Year's Day" },
      { day: '2027-02-08', kind: 'holiday', name: 'Spring Festival' },
      { day: '2027-02-20', kind: 'workday', name: 'Spring Festival make-up day' },
      { day: '2027-10-09', kind: 'workday' },
    ],
  };

  it("replaces a year's holidays and make-up workdays, lists them by year in order, and audits", async () => {
    await t.db('calendar_days').insert({ day: '2026-12-31', kind: 'holiday', name: 'Kept: another year' });
    const put = await request(t.app).put('/api/v1/calendar-days/2027').set('X-Actor', 'admin').send(year2027);
    expect(put.status).toBe(200);
    const expected = {
      year: 2027,
      days: [
        { day: '2027-01-01', kind: 'holiday', name: "New Year's Day" },
        { day: '2027-02-08', kind: 'holiday', name: 'Spring Festival' },
        { day: '2027-02-20', kind: 'workday', name: 'Spring Festival make-up day' },
        { day: '2027-10-04', kind: 'holiday', name: 'National Day' },
        { day: '2027-10-09', kind: 'workday', name: null },
      ],
    };
    expect(put.body).toEqual(expected);
    expect((await request(t.app).get('/api/v1/calendar-days?year=2027')).body).toEqual(expected);
    const smaller = await request(t.app)
      .put('/api/v1/calendar-days/2027')
      .send({ days: [{ day: '2027-01-01', kind: 'holiday', name: "New Year's Day" }] });
    expect(smaller.body.days).toHaveLength(1);
    expect(await t.db('calendar_days').orderBy('day').pluck('day')).toEqual(['2026-12-31', '2027-01-01']);
    const audit = await t
      .db('audit_events')
      .where({ entity: 'calendar-year', entity_id: '2027' })
      .orderBy('id');
    expect(audit.map((row) => [row.actor, row.action])).toEqual([
      ['admin', 'replace'],
      ['api', 'replace'],
    ]);
    expect((await request(t.app).get('/api/v1/calendar-days?year=2028')).body).toEqual({
      year: 2028,
      days: [],
    });
  });

  it('rejects days that are outside the year, repeated or of the wrong kind for their weekday, and writes nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{ days: [{ day: '2028-01-03', kind: 'holiday' }] }, 'body.days[0].day'],
      [{ days: [{ day: '2027-02-06', kind: 'holiday' }] }, 'body.days[0].day'],
      [{ days: [{ day: '2027-02-08', kind: 'workday' }] }, 'body.days[0].day'],
      [{ days: [year2027.days[0], year2027.days[0]] }, 'body.days[1].day'],
      [{ days: [{ day: '2027-02-08', kind: 'half-day' }] }, 'body.days[0].kind'],
      [{ days: [{ day: '2027-02-30', kind: 'holiday' }] }, 'body.days[0].day'],
      [{ days: [{ day: '2027-02-08', kind: 'holiday', reason: 'x' }] }, 'body.days[0]'],
      [{}, 'body.days'],
    ];
    for (const [body, field] of cases) {
      const res = await request(t.app)
        .put('/api/v1/calendar-days/2027')
        .send(body as object);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await t.db('calendar_days').orderBy('day').pluck('day')).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('answers 4xx for a bad year in the path or the query', async () => {
    expect((await request(t.app).put('/api/v1/calendar-days/27').send({ days: [] })).status).toBe(422);
    expect((await request(t.app).put('/api/v1/calendar-days/abcd').send({ days: [] })).status).toBe(422);
    expect((await request(t.app).get('/api/v1/calendar-days')).status).toBe(422);
    expect((await request(t.app).get('/api/v1/calendar-days?year=1066')).status).toBe(422);
    expect(
      (
        await request(t.app)
          .put('/api/v1/calendar-days/2027')
          .set('Content-Type', 'application/json')
          .send('{"days":')
      ).status,
    ).toBe(400);
  });
});
