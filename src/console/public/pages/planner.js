import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { html } from '../lib/html.js';
import { formatDateTime, formatNumber, t } from '../lib/i18n.js';
import { pushNotice } from '../lib/notices.js';
import { CHANGE_KINDS, buildChange, describeChange } from './change-kinds.js';
import { ScenarioRunView } from './scenario-run.js';

/** The planner's what-if: a scenario's change set, its effect on the network, runs and comparison. */
export function PlannerPage() {
  const [scenarios, setScenarios] = useState([]);
  const [scenario, setScenario] = useState(null);

  async function loadList() {
    try {
      setScenarios((await api('/scenarios?limit=100&sort=-updatedAt')).items);
    } catch {
      // shown by the API wrapper
    }
  }
  useEffect(() => {
    loadList();
  }, []);

  async function open(id) {
    try {
      setScenario(await api(`/scenarios/${encodeURIComponent(id)}`));
    } catch {
      // shown by the API wrapper
    }
  }

  return html`<div class="planner">
    <div class="card row">
      <label
        >${t('planner.scenario')}
        <select
          value=${scenario?.id ?? ''}
          onChange=${(e) => (e.target.value ? open(e.target.value) : setScenario(null))}
          data-testid="scenario-select"
        >
          <option value="">${t('planner.new')}</option>
          ${scenarios.map((s) => html`<option value=${s.id}>${s.name} (v${s.version})</option>`)}
        </select></label
      >
    </div>
    <${ScenarioEditor}
      key=${scenario ? `${scenario.id}:${scenario.version}` : 'new'}
      scenario=${scenario}
      onSaved=${(saved) => {
        setScenario(saved);
        loadList();
      }}
    />
    ${scenario && html`<${NetworkEffect} key=${`${scenario.id}:${scenario.version}`} scenario=${scenario} />`}
    ${scenario && html`<${ScenarioRunView} key=${scenario.id} scenario=${scenario} />`}
  </div>`;
}

function ScenarioEditor({ scenario, onSaved }) {
  const [name, setName] = useState(scenario?.name ?? '');
  const [description, setDescription] = useState(scenario?.description ?? '');
  const [changes, setChanges] = useState(scenario?.changes ?? []);
  const [kind, setKind] = useState('add-stock');
  const [values, setValues] = useState({});
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    try {
      const body = { name, description: description || null, changes };
      const saved = scenario
        ? await api(`/scenarios/${encodeURIComponent(scenario.id)}`, {
            method: 'PATCH',
            body: { ...body, version: scenario.version },
          })
        : await api('/scenarios', { method: 'POST', body });
      pushNotice({ kind: 'info', title: t('planner.saved', { name: saved.name, version: saved.version }) });
      onSaved(saved);
    } catch {
      // shown by the API wrapper, naming the offending change and field
    } finally {
      setBusy(false);
    }
  }

  function addChange(event) {
    event.preventDefault();
    setChanges([...changes, buildChange(kind, values)]);
    setValues({});
  }

  const move = (index, by) => {
    const next = [...changes];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item);
    setChanges(next);
  };

  return html`<div class="card" data-testid="scenario-editor">
    <h3>
      ${scenario ? t('planner.edit', { name: scenario.name, version: scenario.version }) : t('planner.create')}
    </h3>
    ${scenario?.stale && html`<p class="warning">${t('planner.stale')}</p>`}
    <div class="row">
      <label
        >${t('planner.name')}<input name="name" value=${name} onInput=${(e) => setName(e.target.value)}
      /></label>
      <label class="wide"
        >${t('planner.description')}<input
          name="description"
          value=${description}
          onInput=${(e) => setDescription(e.target.value)}
      /></label>
    </div>
    <h4>${t('planner.changes', { n: changes.length })}</h4>
    <ol class="changes" data-testid="change-list">
      ${changes.map(
        (change, index) =>
          html`<li>
            <b>${t(`change.${change.kind}`)}</b> <span class="muted">${describeChange(change)}</span>
            <button
              class="link"
              disabled=${index === 0}
              onClick=${() => move(index, -1)}
              aria-label=${t('planner.up')}
            >
              ↑
            </button>
            <button class="link" onClick=${() => setChanges(changes.filter((_, i) => i !== index))}>
              ${t('planner.remove')}
            </button>
          </li>`,
      )}
    </ol>
    <form class="row change-form" onSubmit=${addChange} data-testid="change-form">
      <label
        >${t('planner.kind')}
        <select
          name="kind"
          value=${kind}
          onChange=${(e) => {
            setKind(e.target.value);
            setValues({});
          }}
        >
          ${Object.keys(CHANGE_KINDS).map((k) => html`<option value=${k}>${t(`change.${k}`)}</option>`)}
        </select></label
      >
      ${CHANGE_KINDS[kind].map(
        (field) =>
          html`<label
            >${t(`field.${field.name}`)}${field.optional ? ` (${t('planner.optional')})` : ''}
            ${
              field.type === 'select'
                ? html`<select
                    name=${field.name}
                    value=${values[field.name] ?? field.options[0]}
                    onChange=${(e) => setValues({ ...values, [field.name]: e.target.value })}
                  >
                    ${field.options.map((o) => html`<option value=${o}>${o || '–'}</option>`)}
                  </select>`
                : html`<input
                    name=${field.name}
                    type=${field.type === 'number' ? 'number' : 'text'}
                    step="any"
                    placeholder=${t(`hint.${field.type}`)}
                    value=${values[field.name] ?? ''}
                    onInput=${(e) => setValues({ ...values, [field.name]: e.target.value })}
                  />`
            }
          </label>`,
      )}
      <button type="submit" data-testid="add-change">${t('planner.addChange')}</button>
    </form>
    <button onClick=${save} disabled=${busy || !name.trim()} data-testid="save-scenario">
      ${t('planner.save')}
    </button>
  </div>`;
}

/** The network before and after the change set, in a few numbers. */
function NetworkEffect({ scenario }) {
  const [network, setNetwork] = useState(null);
  useEffect(() => {
    api(`/scenarios/${encodeURIComponent(scenario.id)}/network`).then(setNetwork, () => setNetwork(null));
  }, []);
  if (!network) return null;
  const rows = [
    ['planner.engineers', (n) => n.engineers],
    ['kindPlace.depot', (n) => n.locations.depot],
    ['kindPlace.office', (n) => n.locations.office],
    ['planner.stockUnits', (n) => n.stockUnits],
    ['planner.stockValue', (n) => Math.round(n.stockValue)],
  ];
  return html`<div class="card" data-testid="network-effect">
    <h3>${t('planner.network')}</h3>
    <table>
      <thead>
        <tr>
          <th></th>
          <th>${t('planner.before')}</th>
          <th>${t('planner.after')}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([label, pick]) =>
            html`<tr>
              <td>${t(label)}</td>
              <td>${formatNumber(pick(network.before))}</td>
              <td>${formatNumber(pick(network.after))}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="muted">${t('planner.savedAt', { time: formatDateTime(scenario.updatedAt) })}</p>
  </div>`;
}
