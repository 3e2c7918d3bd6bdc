import { useState } from 'preact/hooks';
import { ApiError, api } from '../lib/api.js';
import { html } from '../lib/html.js';
import { formatMinutes, formatNumber, formatTime, language, t } from '../lib/i18n.js';
import { pushNotice } from '../lib/notices.js';

const POLL_MS = 700;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Route instructions come in the languages the routing edge speaks. */
const ROUTE_LANGUAGE = { en: 'en', 'zh-CN': 'zh-Hans' };

/**
 * Plans the open work (202, then polls the plan until it is solved), shows its KPIs and a
 * timeline per engineer, commits it (a stale plan's 409 names what changed), and shows one
 * engineer's route with turn-by-turn instructions. `onPlan` hands the plan and its problem's
 * places to the page, which draws the routes on its map.
 */
export function PlanPanel({ engineers, onPlan, onRoute, onCommitted }) {
  const [plan, setPlan] = useState(null);
  const [busy, setBusy] = useState(null);
  const [route, setRoute] = useState(null);

  async function run() {
    setBusy('solving');
    setRoute(null);
    onRoute(null);
    try {
      const accepted = await api('/dispatch/plans', { method: 'POST', body: { timeLimitMs: 2000 } });
      let view = await api(`/dispatch/plans/${accepted.id}`);
      while (view.status === 'solving') {
        await sleep(POLL_MS);
        view = await api(`/dispatch/plans/${accepted.id}`);
      }
      const problem = view.plan ? await api(`/dispatch/plans/${accepted.id}/problem`) : null;
      setPlan(view);
      onPlan(view, problem);
    } catch {
      // shown by the API wrapper
    } finally {
      setBusy(null);
    }
  }

  async function commit() {
    setBusy('committing');
    try {
      const result = await api(`/dispatch/plans/${plan.id}/commit`, { method: 'POST', body: {} });
      pushNotice({
        kind: 'info',
        title: t('plan.committed', {
          assignments: result.assignments,
          reservations: result.reservations.length,
        }),
      });
      setPlan({ ...plan, status: 'committed', committedAt: result.committedAt });
      onCommitted();
    } catch (error) {
      if (error instanceof ApiError && error.problem.code === 'plan-stale')
        setPlan({ ...plan, status: 'stale' });
    } finally {
      setBusy(null);
    }
  }

  async function showRoute(engineerId) {
    try {
      const geojson = await api(
        `/dispatch/plans/${plan.id}/routes/${encodeURIComponent(engineerId)}?lang=${ROUTE_LANGUAGE[language()]}`,
      );
      setRoute(geojson);
      onRoute(geojson);
    } catch {
      setRoute(null);
    }
  }

  const kpis = plan?.kpis;
  return html`<div class="card" data-testid="plan-panel">
    <h3>${t('plan.heading')}</h3>
    <div class="row">
      <button onClick=${run} disabled=${busy !== null} data-testid="run-plan">
        ${busy === 'solving' ? t('plan.solving') : t('plan.run')}
      </button>
      ${
        plan &&
        html`<button
          onClick=${commit}
          disabled=${busy !== null || plan.status !== 'solved' || !plan.valid}
          data-testid="commit-plan"
        >
          ${t('plan.commit')}
        </button>`
      }
      ${plan && html`<span class=${`badge plan-${plan.status}`} data-testid="plan-status">${t(`planStatus.${plan.status}`)}</span>`}
    </div>
    ${plan?.error && html`<p class="warning">${plan.error}</p>`}
    ${
      kpis &&
      html`<dl class="kpis">
        <dt>${t('plan.assigned')}</dt>
        <dd>${formatNumber(kpis.assigned)} / ${formatNumber(kpis.tickets)}</dd>
        <dt>${t('plan.met')}</dt>
        <dd>${formatNumber(kpis.commitmentsMet)}</dd>
        <dt>${t('plan.missed')}</dt>
        <dd>${formatNumber(kpis.commitmentsMissed)}</dd>
        <dt>${t('plan.late')}</dt>
        <dd>${formatMinutes(kpis.lateMinutes)}</dd>
        <dt>${t('plan.travel')}</dt>
        <dd>${formatMinutes(kpis.travelMinutes)}</dd>
        <dt>${t('plan.engineers')}</dt>
        <dd>${formatNumber(kpis.engineersUsed)}</dd>
        <dt>${t('plan.valid')}</dt>
        <dd>${plan.valid ? t('yes') : t('no')}</dd>
      </dl>`
    }
    ${plan?.plan && html`<${Timeline} plan=${plan.plan} engineers=${engineers} onPick=${showRoute} />`}
    ${
      plan?.plan?.unassigned.length > 0 &&
      html`<details>
        <summary>${t('plan.unassigned', { n: plan.plan.unassigned.length })}</summary>
        <ul>
          ${plan.plan.unassigned.map((u) => html`<li><b>${u.ticket}</b>: ${u.reason}</li>`)}
        </ul>
      </details>`
    }
    ${route && html`<${RouteInstructions} route=${route} engineers=${engineers} />`}
  </div>`;
}

/** One row per engineer: each stop a block on a shared time axis (arrive → depart). */
function Timeline({ plan, engineers, onPick }) {
  const routes = plan.routes.filter((route) => route.stops.length > 0);
  if (routes.length === 0) return html`<p class="muted">${t('plan.noRoutes')}</p>`;
  const times = routes.flatMap((route) =>
    route.stops.flatMap((stop) => [Date.parse(stop.arrive), Date.parse(stop.depart)]),
  );
  const start = Math.min(...times);
  const span = Math.max(Math.max(...times) - start, 1);
  const left = (time) => `${((Date.parse(time) - start) / span) * 100}%`;
  const width = (from, to) => `${Math.max(((Date.parse(to) - Date.parse(from)) / span) * 100, 0.8)}%`;
  return html`<div class="timeline" data-testid="timeline">
    <div class="axis">
      <span>${formatTime(new Date(start))}</span><span>${formatTime(new Date(start + span))}</span>
    </div>
    ${routes.map(
      (route) =>
        html`<div class="lane" data-engineer=${route.engineer}>
          <button class="link" onClick=${() => onPick(route.engineer)} title=${t('plan.showRoute')}>
            ${engineers.get(route.engineer)?.name ?? route.engineer}
          </button>
          <div class="track">
            ${route.stops.map(
              (stop) =>
                html`<span
                  class=${`stop stop-${stop.type}`}
                  style=${{ left: left(stop.arrive), width: width(stop.arrive, stop.depart) }}
                  title=${`${stop.type === 'ticket' ? stop.ticket : t('plan.pickup', { at: stop.location })} ${formatTime(stop.arrive)}–${formatTime(stop.depart)}`}
                ></span>`,
            )}
          </div>
        </div>`,
    )}
  </div>`;
}

function RouteInstructions({ route, engineers }) {
  const legs = route.features.filter((feature) => feature.geometry.type === 'LineString');
  return html`<div class="instructions" data-testid="route-instructions">
    <h4>${t('plan.routeOf', { name: engineers.get(route.engineer)?.name ?? route.engineer })}</h4>
    <p class="muted">
      ${[
        `${formatNumber(route.distanceKm, { maximumFractionDigits: 1 })} km`,
        formatMinutes(route.durationMinutes),
        route.fallbackReason,
      ]
        .filter(Boolean)
        .join(' · ')}
    </p>
    <ol>
      ${legs.flatMap((leg) =>
        leg.properties.instructions.map(
          (step) =>
            html`<li>
              ${step.instruction}
              <span class="muted"> (${formatNumber(step.distanceKm, { maximumFractionDigits: 1 })} km)</span>
            </li>`,
        ),
      )}
    </ol>
  </div>`;
}
