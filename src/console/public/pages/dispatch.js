import { useEffect, useMemo, useState } from 'preact/hooks';
import { listAll } from '../lib/api.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { MapView, placeMarker } from '../lib/map.js';
import { PlanPanel } from './plan-panel.js';
import { GROUP_COLOR, TicketBoard, clockGroup } from './ticket-board.js';
import { CandidatesPanel, CreateTicketForm } from './ticket-panel.js';

const TICKET_REFRESH_MS = 30_000;
const ROUTE_COLORS = ['#d81b60', '#00897b', '#f4511e', '#5e35b1', '#3949ab', '#7cb342', '#6d4c41', '#00acc1'];

/** The dispatcher's board: the network and the open work on a map, tickets by clock state, a
 * ticket's candidates, plans with their routes and timelines. */
export function DispatchPage() {
  const [locations, setLocations] = useState([]);
  const [engineerList, setEngineerList] = useState([]);
  const [tickets, setTickets] = useState([]);
  const [selectedId, setSelectedId] = useState(null);
  const [planned, setPlanned] = useState(null);
  const [route, setRoute] = useState(null);

  async function loadTickets() {
    try {
      setTickets(await listAll('/tickets?open=true&sort=nextDue'));
    } catch {
      // shown by the API wrapper
    }
  }

  useEffect(() => {
    listAll('/locations').then(setLocations, () => {});
    listAll('/engineers?active=true').then(setEngineerList, () => {});
    loadTickets();
    const timer = setInterval(loadTickets, TICKET_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const places = useMemo(() => new Map(locations.map((place) => [place.id, place])), [locations]);
  const engineers = useMemo(
    () => new Map(engineerList.map((engineer) => [engineer.id, engineer])),
    [engineerList],
  );
  const sites = useMemo(() => locations.filter((place) => place.kind === 'site'), [locations]);
  const selected = tickets.find((ticket) => ticket.id === selectedId);

  function draw(L, group) {
    for (const place of locations) {
      if (place.kind === 'depot' || place.kind === 'office')
        placeMarker(L, place, place.kind, `${t(`kindPlace.${place.kind}`)}: ${place.name}`).addTo(group);
      else if (place.kind === 'site') placeMarker(L, place, 'site').addTo(group);
    }
    for (const engineer of engineerList) {
      const at = engineer.position ?? places.get(engineer.homeOfficeId);
      if (at) placeMarker(L, at, 'engineer', `${t('map.engineer')}: ${engineer.name}`).addTo(group);
    }
    for (const ticket of tickets) {
      const site = places.get(ticket.siteId);
      if (!site) continue;
      const color = GROUP_COLOR[clockGroup(ticket)];
      L.circleMarker([site.lat, site.lon], {
        radius: ticket.id === selectedId ? 10 : 6,
        color,
        weight: ticket.id === selectedId ? 3 : 1,
        fillColor: color,
        fillOpacity: 0.9,
      })
        .bindTooltip(`${ticket.id} · ${site.name}`)
        .on('click', () => setSelectedId(ticket.id))
        .addTo(group);
    }
    if (planned) drawPlanRoutes(L, group, planned.plan, planned.problem);
    if (route)
      L.geoJSON(route, {
        style: { color: '#000', weight: 4, opacity: 0.7 },
        pointToLayer: (feature, latlng) =>
          L.circleMarker(latlng, {
            radius: 6,
            color: '#000',
            weight: 2,
            fillColor: '#fff',
            fillOpacity: 1,
          }).bindTooltip(`${feature.properties.sequence}. ${feature.properties.name}`),
      }).addTo(group);
  }

  return html`<div class="dispatch">
    <div class="left">
      <${CreateTicketForm}
        sites=${sites}
        onCreated=${(ticket) => {
          setSelectedId(ticket.id);
          loadTickets();
        }}
      />
      <${TicketBoard} tickets=${tickets} sites=${places} selectedId=${selectedId} onSelect=${setSelectedId} />
    </div>
    <div class="right">
      <${MapView}
        draw=${draw}
        deps=${[locations, engineerList, tickets, selectedId, planned, route]}
        testId="dispatch-map"
      />
      <div class="legend">
        ${['depot', 'office', 'site', 'engineer'].map((kind) => html`<span class=${`key key-${kind}`}>${t(`kindPlace.${kind}`)}</span>`)}
      </div>
      ${selected && html`<${CandidatesPanel} key=${selected.id} ticket=${selected} engineers=${engineers} />`}
      <${PlanPanel}
        engineers=${engineers}
        onPlan=${(plan, problem) => setPlanned(plan.plan && problem ? { plan: plan.plan, problem } : null)}
        onRoute=${setRoute}
        onCommitted=${loadTickets}
      />
    </div>
  </div>`;
}

/** Each engineer's route as a line from where they start through their stops, from the plan's problem. */
function drawPlanRoutes(L, group, plan, problem) {
  const points = new Map(problem.locations.map((place) => [place.id, [place.lat, place.lon]]));
  const starts = new Map(problem.engineers.map((engineer) => [engineer.id, engineer.start]));
  plan.routes.forEach((route, index) => {
    if (route.stops.length === 0) return;
    const line = [starts.get(route.engineer), ...route.stops.map((stop) => stop.location)]
      .map((id) => points.get(id))
      .filter(Boolean);
    L.polyline(line, { color: ROUTE_COLORS[index % ROUTE_COLORS.length], weight: 3, opacity: 0.8 })
      .bindTooltip(route.engineer)
      .addTo(group);
  });
}
