import { Chart, registerables } from 'chart.js';
import { BarWithErrorBarsController, BarWithErrorBar } from 'chartjs-chart-error-bars';
import { useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';

Chart.register(...registerables, BarWithErrorBarsController, BarWithErrorBar);

/** A Chart.js chart, rebuilt when `config` changes (a new object each render that changes data). */
export function ChartView({ config, height = '260px', testId }) {
  const canvas = useRef(null);
  useEffect(() => {
    const chart = new Chart(canvas.current, {
      ...config,
      options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options },
    });
    return () => chart.destroy();
  }, [config]);
  return html`<div class="chart" style=${{ height }} data-testid=${testId}>
    <canvas ref=${canvas}></canvas>
  </div>`;
}
