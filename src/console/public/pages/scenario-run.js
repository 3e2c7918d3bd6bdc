import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { ChartView } from '../lib/chart.js';
import { html } from '../lib/html.js';
import { formatNumber, t } from '../lib/i18n.js';

const POLL_MS = 1000;
const FINISHED = new Set(['done', 'failed', 'cancelled']);

/** A KPI's dotted path in words when the catalog has it, else the path itself. */
function kpiLabel(kpi) {
  const key = `kpi.${kpi}`;
  const label = t(key);
  return label === key ? kpi : label;
}

const number = (value) => formatNumber(value, { maximumFractionDigits: Math.abs(value) < 10 ? 3 : 1 });

/**
 * Runs the scenario against the baseline (202, then polls the run's progress), can cancel it, and
 * compares the KPIs: baseline and scenario means, the scenario's with the 95 % confidence interval
 * of the paired difference around it, one small chart per KPI and a table.
 */
export function ScenarioRunView({ scenario }) {
  const [params, setParams] = useState({
    days: 7,
    replications: 3,
    seed: 1,
    policy: 'optimized',
    demand: 'model',
    start: '',
  });
  const [run, setRun] = useState(null);
  const [comparison, setComparison] = useState(null);
  const polling = useRef(null);

  useEffect(() => () => clearTimeout(polling.current), []);

  async function poll(runId) {
    try {
      const current = await api(`/scenario-runs/${encodeURIComponent(runId)}`);
      setRun(current);
      if (!FINISHED.has(current.status)) {
        polling.current = setTimeout(() => poll(runId), POLL_MS);
        return;
      }
      if (current.status === 'done')
        setComparison(await api(`/scenario-runs/${encodeURIComponent(runId)}/comparison`));
    } catch {
      // shown by the API wrapper
    }
  }

  async function start(event) {
    event.preventDefault();
    clearTimeout(polling.current);
    setComparison(null);
    try {
      const accepted = await api(`/scenarios/${encodeURIComponent(scenario.id)}/runs`, {
        method: 'POST',
        body: {
          days: Number(params.days),
          replications: Number(params.replications),
          seed: Number(params.seed),
          policy: params.policy,
          // A replay of the recorded tickets from a past day; the default samples the demand model.
          ...(params.demand === 'replay' ? { demand: 'replay', start: params.start } : {}),
        },
      });
      setRun({ id: accepted.id, status: accepted.status, progress: 0, warnings: accepted.warnings });
      poll(accepted.id);
    } catch {
      // shown by the API wrapper
    }
  }

  async function cancel() {
    try {
      await api(`/scenario-runs/${encodeURIComponent(run.id)}/cancel`, { method: 'POST', body: {} });
    } catch {
      // shown by the API wrapper
    }
  }

  const set = (name) => (event) => setParams({ ...params, [name]: event.target.value });
  const running = run && !FINISHED.has(run.status);
  return html`<div class="card" data-testid="scenario-run">
    <h3>${t('run.heading')}</h3>
    <form class="row" onSubmit=${start}>
      <label
        >${t('run.days')}<input
          type="number"
          name="days"
          min="1"
          max="92"
          value=${params.days}
          onInput=${set('days')}
      /></label>
      <label
        >${t('run.replications')}<input
          type="number"
          name="replications"
          min="1"
          max="30"
          value=${params.replications}
          onInput=${set('replications')}
      /></label>
      <label
        >${t('run.seed')}<input type="number" name="seed" min="0" value=${params.seed} onInput=${set('seed')}
      /></label>
      <label
        >${t('run.policy')}
        <select name="policy" value=${params.policy} onChange=${set('policy')}>
          <option value="optimized">${t('run.optimized')}</option>
          <option value="nearest-free">${t('run.nearestFree')}</option>
        </select></label
      >
      <label
        >${t('run.demand')}
        <select name="demand" value=${params.demand} onChange=${set('demand')}>
          <option value="model">${t('run.demandModel')}</option>
          <option value="replay">${t('run.demandReplay')}</option>
        </select></label
      >
      ${
        params.demand === 'replay' &&
        html`<label
          >${t('run.from')}<input type="date" name="start" value=${params.start} onInput=${set('start')}
        /></label>`
      }
      <button type="submit" disabled=${running} data-testid="start-run">${t('run.start')}</button>
      ${running && html`<button type="button" onClick=${cancel} data-testid="cancel-run">${t('run.cancel')}</button>`}
    </form>
    ${
      run &&
      html`<div class="progress-line">
        <progress max="1" value=${run.progress ?? 0} data-testid="run-progress"></progress>
        <span data-testid="run-status"
          >${t(`runStatus.${run.status}`)} · ${formatNumber(run.progress ?? 0, { style: 'percent' })}</span
        >
      </div>`
    }
    ${run?.error && html`<p class="warning">${run.error}</p>`}
    ${
      run?.warnings?.length > 0 &&
      html`<ul class="warning">
        ${run.warnings.map((w) => html`<li>${w}</li>`)}
      </ul>`
    }
    ${comparison && html`<${Comparison} comparison=${comparison} />`}
  </div>`;
}

/** Shares (0..1) share one chart; these other headline KPIs get a small chart each; the table has all. */
const isShare = (kpi) => kpi.endsWith('.share') || kpi === 'engineers.utilisation';
const HEADLINE = [
  'tickets.served',
  'responseMinutes.mean',
  'responseMinutes.p90',
  'engineers.overtimeMinutes',
  'stock.averageValue',
  'stock.stockOuts',
  'stock.purchaseValue',
];

/** Baseline bars, and scenario bars carrying the 95 % interval of the paired difference. */
/**
 * Baseline bars, and scenario bars carrying the 95 % interval of the difference (placed on the
 * baseline). With `unitRange` (shares), the axis is 0…1 and an interval is clipped to it: a share
 * cannot leave it, and a few replications can give intervals wider than the whole scale.
 */
function comparisonChart(items, title, unitRange = false) {
  const clip = (value) => (unitRange ? Math.min(1, Math.max(0, value)) : value);
  return {
    type: 'barWithErrorBars',
    data: {
      labels: items.map((item) => kpiLabel(item.kpi)),
      datasets: [
        {
          label: t('run.baseline'),
          data: items.map((item) => ({ y: item.baselineMean })),
          backgroundColor: '#90a4ae',
        },
        {
          label: t('run.scenario'),
          data: items.map((item) => {
            const [low, high] = item.ci95 ?? [item.difference, item.difference];
            return {
              y: item.scenarioMean,
              yMin: clip(item.baselineMean + low),
              yMax: clip(item.baselineMean + high),
            };
          }),
          backgroundColor: items.map((item) => (item.significant ? '#d81b60' : '#f48fb1')),
        },
      ],
    },
    options: {
      plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
      ...(unitRange ? { scales: { y: { min: 0, max: 1 } } } : {}),
    },
  };
}

function Comparison({ comparison }) {
  const [charts] = useState(() => {
    const shares = comparison.items.filter((item) => isShare(item.kpi));
    const headline = HEADLINE.map((kpi) => comparison.items.find((item) => item.kpi === kpi)).filter(Boolean);
    return [
      ...(shares.length > 0
        ? [{ key: 'shares', wide: true, config: comparisonChart(shares, t('run.shares'), true) }]
        : []),
      ...headline.map((item) => ({ key: item.kpi, config: comparisonChart([item], kpiLabel(item.kpi)) })),
    ];
  });
  return html`<div data-testid="comparison">
    <p class="muted">
      ${t('run.compared', { n: comparison.replications })}${comparison.stale ? ` · ${t('planner.stale')}` : ''}
    </p>
    <div class="kpi-charts">
      ${charts.map(
        ({ key, wide, config }) =>
          html`<div class=${wide ? 'wide-chart' : ''} key=${key}>
            <${ChartView} config=${config} height=${wide ? '300px' : '200px'} testId="kpi-chart" />
          </div>`,
      )}
    </div>
    <table class="comparison">
      <thead>
        <tr>
          <th>${t('run.kpi')}</th>
          <th>${t('run.baseline')}</th>
          <th>${t('run.scenario')}</th>
          <th>${t('run.difference')}</th>
          <th>${t('run.ci')}</th>
        </tr>
      </thead>
      <tbody>
        ${comparison.items.map(
          (item) =>
            html`<tr class=${item.significant ? 'significant' : ''}>
              <td>${kpiLabel(item.kpi)}</td>
              <td>${number(item.baselineMean)}</td>
              <td>${number(item.scenarioMean)}</td>
              <td>${number(item.difference)}</td>
              <td>${item.ci95 ? `[${number(item.ci95[0])}, ${number(item.ci95[1])}]` : '–'}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
