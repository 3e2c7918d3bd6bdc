import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { ChartView } from '../lib/chart.js';
import { html } from '../lib/html.js';
import { formatDateTime, formatNumber, t } from '../lib/i18n.js';

const FORECAST_MONTHS = 6;

function addMonths(isoDate, months) {
  const date = new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 7);
}

/** Months from the first month of history to the month of `until`, every month listed once. */
function monthAxis(first, until) {
  const months = [];
  for (let month = first.slice(0, 7); month <= until; month = addMonths(month, 1)) months.push(month);
  return months;
}

/**
 * A suggestion's monthly demand history (zeros for months without demand) and its forecast per
 * period carried forward, with the figures and reasons the run gave.
 */
export function SuggestionDetail({ suggestion }) {
  const [history, setHistory] = useState(null);
  useEffect(() => {
    const query = `locationId=${encodeURIComponent(suggestion.locationId)}&skuId=${encodeURIComponent(suggestion.skuId)}`;
    api(`/reorder/demand-history?${query}`).then(setHistory, () => setHistory(null));
  }, [suggestion.id]);

  const config = useMemo(() => {
    if (!history) return null;
    const thisMonth = new Date(suggestion.createdAt).toISOString().slice(0, 7);
    const first = history.items[0]?.periodStart ?? `${addMonths(thisMonth, -12)}-01`;
    const past = monthAxis(first, addMonths(thisMonth, -1));
    const future = Array.from({ length: FORECAST_MONTHS }, (_, i) => addMonths(thisMonth, i));
    const qty = new Map(history.items.map((item) => [item.periodStart.slice(0, 7), item.qty]));
    return {
      type: 'bar',
      data: {
        labels: [...past, ...future],
        datasets: [
          {
            type: 'bar',
            label: t('depot.history'),
            data: [...past.map((m) => qty.get(m) ?? 0), ...future.map(() => null)],
            backgroundColor: '#90a4ae',
          },
          {
            type: 'line',
            label: t('depot.forecast'),
            data: [...past.map(() => null), ...future.map(() => suggestion.forecastPerPeriod)],
            borderColor: '#d81b60',
            borderDash: [6, 4],
            pointRadius: 2,
          },
        ],
      },
      options: {
        scales: { y: { beginAtZero: true, title: { display: true, text: t('depot.unitsPerMonth') } } },
      },
    };
  }, [history, suggestion.id]);

  const explanation = Object.entries(suggestion.explanation ?? {}).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[key, value]]
      : Array.isArray(value)
        ? value.map((line) => [key, String(line)])
        : [],
  );
  return html`<div class="card" data-testid="suggestion-detail">
    <h3>${t('depot.detail', { sku: suggestion.skuId, location: suggestion.locationId })}</h3>
    <p class="muted">
      ${[
        suggestion.classification ?? '–',
        suggestion.method ?? t('depot.noModel'),
        t('depot.forecastPer', {
          n: formatNumber(suggestion.forecastPerPeriod, { maximumFractionDigits: 2 }),
        }),
      ].join(' · ')}
    </p>
    ${config ? html`<${ChartView} config=${config} testId="forecast-chart" />` : html`<p class="muted">${t('action.loading')}</p>`}
    <dl class="kpis">
      <dt>${t('depot.onHand')}</dt>
      <dd>${formatNumber(suggestion.onHand)}</dd>
      <dt>${t('depot.onOrder')}</dt>
      <dd>${formatNumber(suggestion.onOrder)}</dd>
      <dt>${t('depot.position')}</dt>
      <dd>${formatNumber(suggestion.inventoryPosition)}</dd>
      <dt>${t('depot.reorderPoint')}</dt>
      <dd>${formatNumber(suggestion.reorderPoint)}</dd>
      <dt>${t('depot.orderUpTo')}</dt>
      <dd>${formatNumber(suggestion.orderUpTo)}</dd>
      <dt>${t('depot.fillRate')}</dt>
      <dd>
        ${formatNumber(suggestion.predictedFillRate, { style: 'percent', maximumFractionDigits: 1 })} /
        ${formatNumber(suggestion.targetFillRate, { style: 'percent' })}
      </dd>
    </dl>
    <ul class="explanation">
      ${explanation.map(([key, line]) => html`<li><b>${key}</b>: ${line}</li>`)}
    </ul>
    ${
      suggestion.alerts.length > 0 &&
      html`<ul class="warning">
        ${suggestion.alerts.map((alert) => html`<li>${alert.message}</li>`)}
      </ul>`
    }
    <p class="muted">${t('depot.created', { time: formatDateTime(suggestion.createdAt) })}</p>
  </div>`;
}
