import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { html } from '../lib/html.js';
import { formatDateTime, formatMinutes, formatNumber, t } from '../lib/i18n.js';
import { pushNotice } from '../lib/notices.js';

/** A new report at a site. The Idempotency-Key lives as long as the form: a retry (a double click,
 * a lost answer) gets the same ticket back; a successful report starts a new key. */
export function CreateTicketForm({ sites, onCreated }) {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [form, setForm] = useState({
    siteId: '',
    equipmentId: '',
    faultCode: '',
    level: 2,
    kind: 'fault',
    description: '',
    needsSpareUnit: false,
  });
  const [equipment, setEquipment] = useState([]);
  const [busy, setBusy] = useState(false);

  // The equipment installed at the chosen site: the ticket's equipment decides skill and warranty.
  const siteId = form.siteId.trim();
  const knownSite = sites.some((site) => site.id === siteId);
  useEffect(() => {
    setEquipment([]);
    if (!knownSite) return;
    api(`/equipment?siteId=${encodeURIComponent(siteId)}&limit=100`, { quiet: true }).then(
      (page) => {
        setEquipment(page.items);
        setForm((current) => ({ ...current, equipmentId: page.items[0]?.id ?? '' }));
      },
      () => setEquipment([]),
    );
  }, [siteId, knownSite]);
  const set = (name) => (event) =>
    setForm({
      ...form,
      [name]: event.target.type === 'checkbox' ? event.target.checked : event.target.value,
    });

  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    try {
      const ticket = await api('/tickets', {
        method: 'POST',
        headers: { 'Idempotency-Key': key },
        body: {
          siteId: form.siteId.trim(),
          equipmentId: form.equipmentId || null,
          faultCode: form.faultCode.trim() || null,
          level: Number(form.level),
          kind: form.kind,
          description: form.description || null,
          needsSpareUnit: form.needsSpareUnit,
        },
      });
      pushNotice({ kind: 'info', title: t('ticket.created', { id: ticket.id }) });
      setKey(crypto.randomUUID());
      setForm({ ...form, description: '' });
      onCreated(ticket);
    } catch {
      // The API wrapper has shown the problem; the form keeps its values and its key for a retry.
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="card form" onSubmit=${submit} data-testid="create-ticket">
    <h3>${t('ticket.new')}</h3>
    <label
      >${t('ticket.site')}
      <input
        name="siteId"
        list="site-list"
        value=${form.siteId}
        onInput=${set('siteId')}
        placeholder="S-0001"
      />
    </label>
    <datalist id="site-list">
      ${sites.map((site) => html`<option value=${site.id}>${site.name}</option>`)}
    </datalist>
    <label
      >${t('ticket.equipment')}
      <select name="equipmentId" value=${form.equipmentId} onChange=${set('equipmentId')}>
        <option value="">–</option>
        ${equipment.map((unit) => html`<option value=${unit.id}>${unit.id} · ${unit.modelId}</option>`)}
      </select>
    </label>
    <label
      >${t('ticket.faultCode')}
      <input name="faultCode" value=${form.faultCode} onInput=${set('faultCode')} />
    </label>
    <label
      >${t('ticket.levelLabel')}
      <select name="level" value=${form.level} onChange=${set('level')}>
        ${[1, 2, 3].map((level) => html`<option value=${level}>${t('ticket.level', { level })}</option>`)}
      </select>
    </label>
    <label
      >${t('ticket.kind')}
      <select name="kind" value=${form.kind} onChange=${set('kind')}>
        ${['fault', 'question', 'remote', 'complex'].map((kind) => html`<option value=${kind}>${t(`kind.${kind}`)}</option>`)}
      </select>
    </label>
    <label class="wide"
      >${t('ticket.description')}
      <textarea
        name="description"
        rows="2"
        value=${form.description}
        onInput=${set('description')}
      ></textarea>
    </label>
    <label class="check"
      ><input
        type="checkbox"
        name="needsSpareUnit"
        checked=${form.needsSpareUnit}
        onChange=${set('needsSpareUnit')}
      />
      ${t('ticket.needsSpareUnit')}</label
    >
    <button type="submit" disabled=${busy}>${t('ticket.report')}</button>
  </form>`;
}

function Outcome({ label, outcome }) {
  if (!outcome) return null;
  const verdict = outcome.met ? t('candidate.met') : t('candidate.late');
  return html`<span class=${`outcome ${outcome.met ? 'ok' : 'late'}`}
    >${`${label}: ${verdict} (${formatMinutes(outcome.slackMinutes)})`}</span
  >`;
}

/** Who can go to the selected ticket, ranked by the plan objective, with the solver's reasons. */
export function CandidatesPanel({ ticket, engineers }) {
  const [answer, setAnswer] = useState(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    setBusy(true);
    try {
      setAnswer(await api('/dispatch/candidates', { method: 'POST', body: { ticketId: ticket.id, k: 5 } }));
    } catch {
      setAnswer(null);
    } finally {
      setBusy(false);
    }
  }

  const name = (id) => engineers.get(id)?.name ?? id;
  return html`<div class="card" data-testid="candidates">
    <h3>${t('ticket.heading', { id: ticket.id })}</h3>
    <p class="muted">
      ${[
        t(`kind.${ticket.kind}`),
        t('ticket.level', { level: ticket.level }),
        t('ticket.tier', { tier: ticket.tier }),
        ticket.skill ?? '–',
        t(`status.${ticket.status}`),
      ].join(' · ')}
    </p>
    ${ticket.description && html`<p>${ticket.description}</p>`}
    <table class="clocks">
      <thead>
        <tr>
          <th>${t('clock.name')}</th>
          <th>${t('clock.due')}</th>
          <th>${t('clock.state')}</th>
          <th>${t('clock.remaining')}</th>
        </tr>
      </thead>
      <tbody>
        ${ticket.clocks.map(
          (clock) =>
            html`<tr class=${`clock-${clock.status}`}>
              <td>${t(`clockName.${clock.clock}`)}</td>
              <td>${formatDateTime(clock.due)}</td>
              <td>${t(`clock.${clock.status}`)}</td>
              <td>${formatMinutes(clock.remainingMinutes)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <button onClick=${load} disabled=${busy} data-testid="get-candidates">
      ${busy ? t('action.working') : t('candidate.find')}
    </button>
    ${
      answer &&
      html`<div class="candidates" data-testid="candidate-list">
        ${answer.candidates.length === 0 && html`<p class="muted">${t('candidate.none')}</p>`}
        ${answer.unassigned.map(
          (u) =>
            html`<p
              class=${answer.candidates.length === 0 ? 'warning' : 'muted'}
              data-testid="unassigned-reason"
            >
              ${u.reason}
            </p>`,
        )}
        <ol>
          ${answer.candidates.map(
            (candidate) =>
              html`<li data-testid="candidate">
                <strong>${name(candidate.engineer)}</strong>
                ${` (${candidate.engineer}) · ${t('candidate.arrive', { time: formatDateTime(candidate.arrive) })}`}
                <div>
                  <${Outcome} label=${t('clockName.onsite')} outcome=${candidate.commitments.onsite} />
                  <${Outcome} label=${t('clockName.spareUnit')} outcome=${candidate.commitments.spareUnit} />
                </div>
                <div class="why">${candidate.why}</div>
                ${
                  candidate.parts.length > 0 &&
                  html`<div class="muted">
                    ${t('candidate.parts')}:
                    ${candidate.parts
                      .map((part) => `${part.sku} ×${part.qty} ${t(`via.${part.via}`)} ${part.from}`)
                      .join(', ')}
                  </div>`
                }
                ${
                  candidate.consequences.length > 0 &&
                  html`<div class="muted">
                    ${t('candidate.consequences')}:
                    ${candidate.consequences
                      .map(
                        (c) =>
                          `${c.ticket} −${formatNumber(c.slackLostMinutes)} ${t('unit.min')}${c.becomesLate ? ` (${t('candidate.late')})` : ''}`,
                      )
                      .join(', ')}
                  </div>`
                }
              </li>`,
          )}
        </ol>
        <p class="muted">
          ${t('candidate.prepared', { time: formatDateTime(answer.preparedAt), ms: formatNumber(answer.solveMs) })}
        </p>
      </div>`
    }
  </div>`;
}
