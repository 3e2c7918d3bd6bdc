import * as L from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import { html } from './html.js';
import { consoleSettings } from './settings.js';

/**
 * A Leaflet map. With a tile URL configured (CONSOLE_TILE_URL) it draws tiles under the layers;
 * without one it works offline: only the vector layers, on a plain background.
 * `draw(L, group)` adds the layers; it runs again whenever `deps` change, and the view fits them.
 */
export function MapView({ draw, deps = [], height = '420px', testId }) {
  const container = useRef(null);
  const state = useRef(null);

  useEffect(() => {
    // No zoom animation: a page left while an animated zoom is under way would have Leaflet finish
    // it on a removed map (reading positions of panes that are gone).
    const map = L.map(container.current, { preferCanvas: true, zoomSnap: 0.25, zoomAnimation: false });
    const { tileUrl } = consoleSettings();
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(map);
    else container.current.classList.add('map-offline');
    const group = L.featureGroup().addTo(map);
    map.setView([30, 105], 6);
    state.current = { map, group };
    return () => {
      map.stop();
      map.remove();
    };
  }, []);

  useEffect(() => {
    const { map, group } = state.current;
    group.clearLayers();
    draw(L, group);
    const bounds = group.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 12, animate: false });
  }, deps);

  return html`<div class="map" ref=${container} style=${{ height }} data-testid=${testId}></div>`;
}

/** Styles shared by the maps: one colour per kind of place. */
export const PLACE_STYLE = {
  depot: { color: '#7b1fa2', radius: 9 },
  office: { color: '#1565c0', radius: 7 },
  site: { color: '#78909c', radius: 3 },
  engineer: { color: '#2e7d32', radius: 5 },
};

export function placeMarker(L, place, kind, tooltip) {
  const style = PLACE_STYLE[kind];
  return L.circleMarker([place.lat, place.lon], {
    radius: style.radius,
    color: style.color,
    weight: 1,
    fillColor: style.color,
    fillOpacity: 0.7,
  }).bindTooltip(tooltip ?? place.name ?? place.id);
}
