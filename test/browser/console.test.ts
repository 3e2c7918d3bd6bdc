import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openConsole, screenshot } from './browser.ts';
import { type RunningService, startService } from './service.ts';

/**
 * The web console end to end: the real service on the embedded database with the demo network,
 * Debian's Chromium, each page loaded and each main action done through the page, with the
 * outcome checked through the API. Screenshots go to test-artifacts/screenshots/.
 */
let service: RunningService;
let browser: Browser;

beforeAll(async () => {
  [service, browser] = await Promise.all([startService(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function open(hash: string, options: { lang?: string; token?: string | null } = {}) {
  const { page, errors } = await openConsole(browser, {
    baseUrl: service.baseUrl,
    token: options.token === null ? undefined : (options.token ?? service.token),
    lang: options.lang ?? 'en',
  });
  await page.goto(`${service.baseUrl}/#/${hash}`);
  return { page, errors };
}

interface Ticket {
  id: string;
  status: string;
  siteId: string;
  level: number;
}

const noticeText = (page: Page) => page.locator('.notices').innerText();

describe('dispatcher board', () => {
  it('draws the network and the open tickets grouped by clock state, with countdowns that run', async () => {
    const { page, errors } = await open('dispatch');
    const board = page.getByTestId('ticket-board');
    await expect.poll(() => board.locator('li[data-ticket]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const openTickets = (await service.api<{ items: Ticket[] }>('/tickets?open=true&limit=500')).items;
    expect(await board.locator('li[data-ticket]').count()).toBe(openTickets.length);
    for (const group of ['breached', 'at-risk', 'running', 'met'])
      await expect.poll(() => board.locator(`section[data-group="${group}"]`).count()).toBe(1);

    // Leaflet drew the places (canvas renderer) without any tile layer: the offline mode.
    const map = page.getByTestId('dispatch-map');
    await expect.poll(() => map.locator('canvas').count()).toBeGreaterThan(0);
    expect(await map.locator('.leaflet-tile').count()).toBe(0);

    const countdown = board.locator('[data-testid="countdown"]').first();
    const before = await countdown.innerText();
    await expect.poll(() => countdown.innerText(), { timeout: 5_000 }).not.toBe(before);
    await screenshot(page, 'dispatch-board');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reports a ticket (with an Idempotency-Key), shows its candidates, and names the field of a bad report', async () => {
    const { page, errors } = await open('dispatch');
    const requests: Array<{ key: string | undefined; auth: string | undefined }> = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/tickets') && request.method() === 'POST')
        requests.push({
          key: request.headers()['idempotency-key'],
          auth: request.headers()['authorization'],
        });
    });
    const form = page.getByTestId('create-ticket');

    await form.locator('input[name="siteId"]').fill('S-NOPE');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => noticeText(page)).toContain('siteId');

    const site = (await service.api<{ items: Array<{ id: string }> }>('/locations?kind=site&limit=1'))
      .items[0]!;
    await form.locator('input[name="siteId"]').fill(site.id);
    // The site's equipment is offered once the site is known; it says what skill the visit needs.
    await expect.poll(() => form.locator('select[name="equipmentId"] option').count()).toBeGreaterThan(1);
    await form.locator('select[name="level"]').selectOption('1');
    await form.locator('textarea[name="description"]').fill('Browser test: server does not boot');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => noticeText(page)).toMatch(/Ticket T-\S+ reported/);
    const id = /Ticket (T-\S+) reported/.exec(await noticeText(page))![1]!;

    const ticket = await service.api<Ticket & { description: string; equipmentId: string }>(`/tickets/${id}`);
    expect(ticket).toMatchObject({
      siteId: site.id,
      level: 1,
      description: 'Browser test: server does not boot',
    });
    expect(ticket.equipmentId).toBe(await form.locator('select[name="equipmentId"]').inputValue());
    expect(requests).toHaveLength(2);
    // The form keeps its key until a report succeeds: a retry after a refusal or a lost answer
    // sends the same key, so it cannot make a second ticket.
    expect(requests[0]!.key).toMatch(/^[\x21-\x7e]{1,200}$/);
    expect(requests[1]!.key).toBe(requests[0]!.key);
    expect(requests.every((r) => r.auth === `Bearer ${service.token}`)).toBe(true);

    // The new ticket is selected: its clocks and candidates.
    const panel = page.getByTestId('candidates');
    await expect.poll(() => panel.innerText()).toContain(id);
    await panel.getByTestId('get-candidates').click();
    const list = panel.getByTestId('candidate-list');
    await list.waitFor({ timeout: 60_000 });
    const answer = await service.api<{ candidates: unknown[]; unassigned: Array<{ reason: string }> }>(
      '/dispatch/candidates',
      { method: 'POST', body: { ticketId: id, k: 5 } },
    );
    expect(await list.getByTestId('candidate').count()).toBe(answer.candidates.length);
    if (answer.candidates.length === 0)
      expect(await list.innerText()).toContain(answer.unassigned[0]!.reason);
    await screenshot(page, 'dispatch-candidates');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs a plan, shows its KPIs, timeline and a route; a stale plan is refused with what changed; a fresh one commits', async () => {
    const { page, errors } = await open('dispatch');
    const panel = page.getByTestId('plan-panel');
    const status = panel.getByTestId('plan-status');

    async function planNow() {
      await panel.getByTestId('run-plan').click();
      await expect.poll(() => status.innerText(), { timeout: 90_000 }).toBe('solved');
      const latest = (
        await service.api<{ items: Array<{ id: string; valid: boolean }> }>('/dispatch/plans?limit=1')
      ).items[0]!;
      expect(latest.valid).toBe(true);
      return service.api<{
        id: string;
        plan: {
          assignments: Array<{ ticket: string }>;
          routes: Array<{ engineer: string; stops: unknown[] }>;
        };
      }>(`/dispatch/plans/${latest.id}`);
    }

    const first = await planNow();
    const busy = first.plan.routes.filter((route) => route.stops.length > 0);
    // The demo's open on-site tickets and 60 engineers always give the planner work to assign.
    expect(first.plan.assignments.length).toBeGreaterThan(0);
    expect(await panel.locator('.timeline .lane').count()).toBe(busy.length);
    await panel.locator(`.timeline .lane[data-engineer="${busy[0]!.engineer}"] button`).click();
    await expect.poll(() => panel.getByTestId('route-instructions').locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, 'dispatch-plan');

    // Someone edits a planned ticket after the plan read it: the commit is refused, naming it.
    const changed = first.plan.assignments[0]!.ticket;
    await service.api(`/tickets/${changed}`, {
      method: 'PATCH',
      body: { description: 'changed after planning' },
    });
    await panel.getByTestId('commit-plan').click();
    await expect.poll(() => status.innerText()).toBe('stale: plan again');
    const notice = await noticeText(page);
    expect(notice).toContain('stale');
    expect(notice).toContain(changed);
    expect((await service.api<{ status: string }>(`/dispatch/plans/${first.id}`)).status).toBe('stale');
    await screenshot(page, 'dispatch-plan-stale');

    const second = await planNow();
    await panel.getByTestId('commit-plan').click();
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toBe('committed');
    expect((await service.api<{ status: string }>(`/dispatch/plans/${second.id}`)).status).toBe('committed');
    expect(await noticeText(page)).toContain('Plan committed');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('depot manager', () => {
  it('runs the reorder planning, filters, charts a forecast, approves, rejects with a reason and edits a quantity', async () => {
    const { page, errors } = await open('depot');
    await page.getByTestId('run-reorder').click();
    await expect.poll(() => noticeText(page), { timeout: 120_000 }).toContain('Reorder run done');
    const rows = page.getByTestId('suggestions').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(1);

    // Filter: buys only; every row shown is a buy.
    await page.getByTestId('suggestion-filters').locator('select[name="action"]').selectOption('buy');
    await expect
      .poll(async () => (await rows.allInnerTexts()).every((text) => text.includes('buy')))
      .toBe(true);
    const buys = await service.api<{ items: unknown[] }>(
      '/reorder/suggestions?action=buy&status=proposed&limit=100',
    );
    await expect.poll(() => rows.count()).toBe(buys.items.length);

    const first = rows.first();
    const firstId = Number(await first.getAttribute('data-suggestion'));
    await first.locator('td').nth(2).click(); // the SKU cell: a row's inputs and buttons keep their clicks
    const detail = page.getByTestId('suggestion-detail');
    await detail.getByTestId('forecast-chart').locator('canvas').waitFor();
    await first.getByTestId('approve').click();
    await expect.poll(() => first.getByTestId('suggestion-status').innerText()).toBe('approved');
    const approved = await service.api<{ status: string; order: unknown }>(`/reorder/suggestions/${firstId}`);
    expect(approved.status).toBe('approved');
    expect(approved.order).not.toBeNull();

    const second = rows.nth(1);
    const secondId = Number(await second.getAttribute('data-suggestion'));
    await second.getByTestId('reject').click();
    await second.getByTestId('reject-reason').fill('stock arrives from the old warehouse');
    await second.getByTestId('confirm-reject').click();
    await expect.poll(() => second.getByTestId('suggestion-status').innerText()).toContain('rejected');
    expect(await service.api(`/reorder/suggestions/${secondId}`)).toMatchObject({
      status: 'rejected',
      rejectReason: 'stock arrives from the old warehouse',
    });

    // The chart's history comes from the read-only demand-history route: months in order, and a
    // query without its SKU is refused naming the field.
    const approvedPair = await service.api<{ locationId: string; skuId: string }>(
      `/reorder/suggestions/${firstId}`,
    );
    const history = await service.api<{ items: Array<{ periodStart: string; qty: number }> }>(
      `/reorder/demand-history?locationId=${approvedPair.locationId}&skuId=${approvedPair.skuId}`,
    );
    const months = history.items.map((item) => item.periodStart);
    expect(months).toEqual([...months].sort());
    const refused = await fetch(`${service.baseUrl}/api/v1/reorder/demand-history?locationId=D-CTU`, {
      headers: { Authorization: `Bearer ${service.token}` },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('query.skuId');

    const third = rows.nth(2);
    const thirdId = Number(await third.getAttribute('data-suggestion'));
    const quantity = Number(await third.locator('input.qty').inputValue());
    await third.locator('input.qty').fill(String(quantity + 1));
    await third.getByTestId('save-quantity').click();
    await expect.poll(() => third.getByTestId('suggestion-status').innerText()).toBe('edited');
    expect(await service.api(`/reorder/suggestions/${thirdId}`)).toMatchObject({
      status: 'edited',
      quantity: quantity + 1,
    });

    await page.getByTestId('coverage-map').locator('canvas, path').first().waitFor();
    await screenshot(page, 'depot-manager');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('planner', () => {
  it('builds a scenario (a bad change refused by field), runs it with progress, compares its KPIs with the baseline, cancels a long run', async () => {
    const { page, errors } = await open('planner');
    const editor = page.getByTestId('scenario-editor');
    await editor.locator('input[name="name"]').fill('More demand in winter');
    const form = editor.getByTestId('change-form');

    // A change naming a location the network does not have is refused, naming the change's field.
    await form.locator('select[name="kind"]').selectOption('move-location');
    await form.locator('input[name="locationId"]').fill('D-NOWHERE');
    await form.locator('input[name="lat"]').fill('30.1');
    await form.locator('input[name="lon"]').fill('104.2');
    await form.getByTestId('add-change').click();
    await editor.getByTestId('save-scenario').click();
    await expect.poll(() => noticeText(page)).toContain('changes[0]');
    expect(await noticeText(page)).toContain('D-NOWHERE');
    await editor.getByTestId('change-list').getByRole('button', { name: 'remove' }).click();

    await form.locator('select[name="kind"]').selectOption('scale-demand');
    await form.locator('input[name="factor"]').fill('1.5');
    await form.getByTestId('add-change').click();
    await expect.poll(() => editor.getByTestId('change-list').locator('li').count()).toBe(1);
    await editor.getByTestId('save-scenario').click();
    await expect.poll(() => noticeText(page)).toContain('Saved More demand in winter, version 1');
    const scenarios = await service.api<{ items: Array<{ id: string; name: string }> }>('/scenarios');
    const scenario = scenarios.items.find((s) => s.name === 'More demand in winter')!;
    expect(await service.api(`/scenarios/${scenario.id}`)).toMatchObject({
      version: 1,
      changes: [{ kind: 'scale-demand', factor: 1.5 }],
    });
    await page.getByTestId('network-effect').waitFor();

    const run = page.getByTestId('scenario-run');
    await run.locator('input[name="days"]').fill('2');
    await run.locator('input[name="replications"]').fill('2');
    await run.getByTestId('start-run').click();
    await run.getByTestId('run-progress').waitFor();
    await expect.poll(() => run.getByTestId('run-status').innerText(), { timeout: 180_000 }).toMatch(/^done/);
    const comparison = run.getByTestId('comparison');
    await comparison.waitFor();
    const runs = await service.api<{ items: Array<{ id: string }> }>(`/scenarios/${scenario.id}/runs`);
    const compared = await service.api<{ items: unknown[] }>(
      `/scenario-runs/${runs.items[0]!.id}/comparison`,
    );
    expect(await comparison.locator('table tbody tr').count()).toBe(compared.items.length);
    expect(await comparison.getByTestId('kpi-chart').count()).toBeGreaterThan(0);
    await screenshot(page, 'planner');

    // A long run can be cancelled while it runs.
    await run.locator('input[name="days"]').fill('92');
    await run.locator('input[name="replications"]').fill('30');
    await run.getByTestId('start-run').click();
    await run.getByTestId('cancel-run').click();
    await expect
      .poll(() => run.getByTestId('run-status').innerText(), { timeout: 60_000 })
      .toMatch(/^cancelled/);
    const latest = await service.api<{ items: Array<{ status: string }> }>(`/scenarios/${scenario.id}/runs`);
    expect(latest.items[0]!.status).toBe('cancelled');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('languages and access', () => {
  it('switches to Chinese, keeps the choice across a reload, and formats with it', async () => {
    const { page, errors } = await open('dispatch');
    await page.getByTestId('language').selectOption('zh-CN');
    await expect.poll(() => page.getByTestId('nav-dispatch').innerText()).toBe('调度看板');
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-depot').innerText()).toBe('库房管理');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect
      .poll(() => page.getByTestId('ticket-board').innerText(), { timeout: 30_000 })
      .toContain('已超时');
    await screenshot(page, 'dispatch-board-zh');
    for (const hash of ['depot', 'planner']) {
      await page.goto(`${service.baseUrl}/#/${hash}`);
      await page.waitForLoadState('networkidle');
      await screenshot(page, `${hash}-zh`);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('without a token shows the refusal and how to give one; the API paths keep their problem+json 404', async () => {
    const { page } = await open('dispatch', { token: null });
    await expect.poll(() => noticeText(page), { timeout: 30_000 }).toContain('API token');
    await page.context().close();

    const response = await fetch(`${service.baseUrl}/api/v1/no-such-thing`, {
      headers: { Authorization: `Bearer ${service.token}` },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
