import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, listAll } from '../lib/api.js';
import { html } from '../lib/html.js';
import { formatNumber, t } from '../lib/i18n.js';
import { MapView, placeMarker } from '../lib/map.js';
import { pushNotice } from '../lib/notices.js';
import { consoleSettings } from '../lib/settings.js';
import { SuggestionDetail } from './suggestion-detail.js';

const ACTIONS = ['buy', 'transfer', 'last-time-buy', 'none'];
const STATUSES = ['proposed', 'edited', 'approved', 'rejected', 'superseded'];

/** The depot manager's review: the nightly run's suggestions, filtered; approve, edit, reject. */
export function DepotPage() {
  const [filters, setFilters] = useState({
    locationId: '',
    action: '',
    coverageAtRisk: '',
    status: 'proposed',
  });
  const [page, setPage] = useState(null);
  const [runs, setRuns] = useState(null);
  const [stockPlaces, setStockPlaces] = useState([]);
  const [sites, setSites] = useState([]);
  const [atRisk, setAtRisk] = useState([]);
  const [selected, setSelected] = useState(null);
  const [busy, setBusy] = useState(false);

  async function loadSuggestions() {
    const query = new URLSearchParams({ limit: '100', sort: '-value' });
    for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
    try {
      setPage(await api(`/reorder/suggestions?${query}`));
    } catch {
      setPage(null);
    }
  }

  async function loadRunsAndRisk() {
    try {
      setRuns(await api('/reorder/runs?limit=1&sort=-id'));
      setAtRisk(await listAll('/reorder/suggestions?coverageAtRisk=true&status=proposed'));
    } catch {
      // shown by the API wrapper
    }
  }

  useEffect(() => {
    listAll('/locations').then(
      (places) => {
        setStockPlaces(places.filter((place) => place.kind === 'depot' || place.kind === 'office'));
        setSites(places.filter((place) => place.kind === 'site'));
      },
      () => {},
    );
    loadRunsAndRisk();
  }, []);
  useEffect(() => {
    loadSuggestions();
  }, [filters]);

  async function runNow() {
    setBusy(true);
    try {
      const run = await api('/reorder/runs', { method: 'POST', body: {} });
      pushNotice({ kind: 'info', title: t('depot.runDone', { n: run.counts?.written ?? 0 }) });
      await loadRunsAndRisk();
      await loadSuggestions();
    } catch {
      // shown by the API wrapper
    } finally {
      setBusy(false);
    }
  }

  /** Replaces one suggestion in the list after a decision, keeping it visible with its new status. */
  function replace(updated) {
    setPage(
      (current) =>
        current && {
          ...current,
          items: current.items.map((item) => (item.id === updated.id ? updated : item)),
        },
    );
    if (selected?.id === updated.id) setSelected(updated);
  }

  const names = useMemo(() => new Map(stockPlaces.map((place) => [place.id, place.name])), [stockPlaces]);
  const placeName = (id) => names.get(id) ?? id;
  const lastRun = runs?.items[0];
  const set = (name) => (event) => setFilters({ ...filters, [name]: event.target.value });
  return html`<div class="depot">
    <div class="card row" data-testid="suggestion-filters">
      <label
        >${t('depot.location')}
        <select value=${filters.locationId} onChange=${set('locationId')} name="locationId">
          <option value="">${t('filter.all')}</option>
          ${stockPlaces.map((place) => html`<option value=${place.id}>${place.name}</option>`)}
        </select></label
      >
      <label
        >${t('depot.action')}
        <select value=${filters.action} onChange=${set('action')} name="action">
          <option value="">${t('filter.all')}</option>
          ${ACTIONS.map((action) => html`<option value=${action}>${t(`action.${action}`)}</option>`)}
        </select></label
      >
      <label
        >${t('depot.coverageRisk')}
        <select value=${filters.coverageAtRisk} onChange=${set('coverageAtRisk')} name="coverageAtRisk">
          <option value="">${t('filter.all')}</option>
          <option value="true">${t('depot.atRisk')}</option>
          <option value="false">${t('depot.notAtRisk')}</option>
        </select></label
      >
      <label
        >${t('depot.status')}
        <select value=${filters.status} onChange=${set('status')} name="status">
          <option value="">${t('filter.all')}</option>
          ${STATUSES.map((status) => html`<option value=${status}>${t(`suggestionStatus.${status}`)}</option>`)}
        </select></label
      >
      <span class="spacer"></span>
      <span class="muted"
        >${lastRun ? t('depot.lastRun', { id: lastRun.id, n: formatNumber(lastRun.counts?.written ?? 0) }) : t('depot.noRun')}</span
      >
      <button onClick=${runNow} disabled=${busy} data-testid="run-reorder">
        ${busy ? t('action.working') : t('depot.runNow')}
      </button>
    </div>
    <div class="columns">
      <div class="card table-card">
        <table class="suggestions" data-testid="suggestions">
          <thead>
            <tr>
              <th>#</th>
              <th>${t('depot.location')}</th>
              <th>SKU</th>
              <th>${t('depot.action')}</th>
              <th>${t('depot.quantity')}</th>
              <th>${t('depot.value')}</th>
              <th>${t('depot.coverageRisk')}</th>
              <th>${t('depot.status')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${page?.items.map(
              (suggestion) =>
                html`<${SuggestionRow}
                  key=${suggestion.id}
                  suggestion=${suggestion}
                  placeName=${placeName}
                  selected=${selected?.id === suggestion.id}
                  onSelect=${() => setSelected(suggestion)}
                  onChange=${replace}
                />`,
            )}
          </tbody>
        </table>
        ${page && page.items.length === 0 && html`<p class="muted">${t('depot.empty')}</p>`}
      </div>
      <div class="side">
        ${selected && html`<${SuggestionDetail} key=${selected.id} suggestion=${selected} />`}
        <${CoverageMap}
          stockPlaces=${stockPlaces}
          sites=${sites}
          atRisk=${atRisk}
          coverage=${lastRun?.counts?.coverage}
        />
      </div>
    </div>
  </div>`;
}

function SuggestionRow({ suggestion, placeName, selected, onSelect, onChange }) {
  const [quantity, setQuantity] = useState(suggestion.quantity);
  const [reason, setReason] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const open = suggestion.status === 'proposed' || suggestion.status === 'edited';

  async function decide(path, method, body) {
    try {
      onChange(await api(`/reorder/suggestions/${suggestion.id}${path}`, { method, body }));
      setRejecting(false);
    } catch {
      // shown by the API wrapper
    }
  }

  return html`<tr class=${selected ? 'selected' : ''} data-suggestion=${suggestion.id} onClick=${onSelect}>
    <td>${suggestion.id}</td>
    <td title=${suggestion.locationId}>${placeName(suggestion.locationId)}</td>
    <td>${suggestion.skuId}</td>
    <td>
      ${t(`action.${suggestion.action}`)}${suggestion.fromLocationId ? ` ← ${placeName(suggestion.fromLocationId)}` : ''}
    </td>
    <td>
      ${
        open
          ? html`<input
              type="number"
              min="1"
              class="qty"
              value=${quantity}
              onClick=${(e) => e.stopPropagation()}
              onInput=${(event) => setQuantity(event.target.value)}
              aria-label=${t('depot.quantity')}
            />`
          : formatNumber(suggestion.quantity)
      }
    </td>
    <td>${formatNumber(suggestion.value, { maximumFractionDigits: 0 })}</td>
    <td>${suggestion.coverageAtRisk ? html`<span class="late">${t('depot.atRisk')}</span>` : ''}</td>
    <td data-testid="suggestion-status">
      ${t(`suggestionStatus.${suggestion.status}`)}${suggestion.rejectReason ? `: ${suggestion.rejectReason}` : ''}
    </td>
    <td class="actions" onClick=${(e) => e.stopPropagation()}>
      ${
        open &&
        html` <button
            onClick=${() => decide('/approve', 'POST', { version: suggestion.version })}
            data-testid="approve"
          >
            ${t('depot.approve')}
          </button>
          ${
            Number(quantity) !== suggestion.quantity &&
            html`<button
              onClick=${() => decide('', 'PATCH', { quantity: Number(quantity), version: suggestion.version })}
              data-testid="save-quantity"
            >
              ${t('depot.saveQuantity')}
            </button>`
          }
          ${
            rejecting
              ? html`<input
                    placeholder=${t('depot.reason')}
                    value=${reason}
                    onInput=${(e) => setReason(e.target.value)}
                    data-testid="reject-reason"
                  />
                  <button
                    onClick=${() => decide('/reject', 'POST', { reason, version: suggestion.version })}
                    data-testid="confirm-reject"
                  >
                    ${t('depot.confirmReject')}
                  </button>`
              : html`<button onClick=${() => setRejecting(true)} data-testid="reject">
                  ${t('depot.reject')}
                </button>`
          }`
      }
    </td>
  </tr>`;
}

/**
 * How far a spare unit gets from each depot and office within the 4-hour promise (handling, then
 * road at the run's average speed and circuity): a circle per stock location, red where the
 * nightly run found the location's coverage at risk; sites outside every circle in red.
 */
function CoverageMap({ stockPlaces, sites, atRisk, coverage }) {
  const model = consoleSettings().coverage;
  const radiusKm = model
    ? ((model.promiseMinutes - model.handlingMinutes) / 60) * (model.roadSpeedKmh / model.roadCircuity)
    : 0;
  const riskByPlace = useMemo(() => {
    const counts = new Map();
    for (const suggestion of atRisk)
      counts.set(suggestion.locationId, (counts.get(suggestion.locationId) ?? 0) + 1);
    return counts;
  }, [atRisk]);

  function draw(L, group) {
    for (const place of stockPlaces) {
      const risky = riskByPlace.get(place.id) ?? 0;
      L.circle([place.lat, place.lon], {
        radius: radiusKm * 1000,
        color: risky ? '#c62828' : '#2e7d32',
        weight: 1,
        fillOpacity: 0.08,
      }).addTo(group);
      placeMarker(L, place, place.kind, `${place.name}: ${t('depot.atRiskCount', { n: risky })}`).addTo(
        group,
      );
    }
    const inReach = (site) =>
      stockPlaces.some(
        (place) => L.latLng(site.lat, site.lon).distanceTo([place.lat, place.lon]) <= radiusKm * 1000,
      );
    for (const site of sites)
      L.circleMarker([site.lat, site.lon], {
        radius: 2.5,
        color: inReach(site) ? '#546e7a' : '#c62828',
        weight: 1,
        fillOpacity: 0.8,
      }).addTo(group);
  }

  return html`<div class="card" data-testid="coverage-map">
    <h3>${t('depot.coverageMap')}</h3>
    <p class="muted">
      ${t('depot.coverageHelp', { km: formatNumber(radiusKm, { maximumFractionDigits: 0 }) })}
      ${coverage ? ` ${t('depot.uncovered', { n: formatNumber(coverage.uncoveredSites ?? 0), sites: formatNumber(coverage.sites ?? 0) })}` : ''}
    </p>
    <${MapView} draw=${draw} deps=${[stockPlaces, sites, riskByPlace]} height="360px" />
  </div>`;
}
