import { BEIJING_URBAN_DISTRICTS, PROVINCES } from './geography-data.ts';
import type { Place, StockSite } from './geography.ts';
import type { Zone, ZoneKind } from './schema.ts';

/**
 * Zones are per office and named after the commitment catalog's zone kinds (data/commitments.json):
 * plan 5 promises 2 h in the office's city, 12 h in the surrounding area of its province and 48 h in
 * other provinces; the Beijing region's offices use Beijing's urban districts, its suburban districts
 * and everything outside Beijing instead.
 */
const ZONE_CODES: Readonly<Record<ZoneKind, string>> = {
  'same-city': 'CITY',
  surrounding: 'SURR',
  'other-province': 'PROV',
  'beijing-urban': 'URBAN',
  'beijing-suburban': 'SUBURB',
  'beijing-outside': 'OUT',
};

const ZONE_LABELS: Readonly<Record<ZoneKind, readonly [string, string]>> = {
  'same-city': ['same city', '同城'],
  surrounding: ['surrounding area', '周边地区'],
  'other-province': ['other provinces', '外省'],
  'beijing-urban': ['Beijing urban districts', '北京城区'],
  'beijing-suburban': ['Beijing suburban districts', '北京郊区'],
  'beijing-outside': ['outside Beijing', '北京以外'],
};

const PLAN5_KINDS: readonly ZoneKind[] = ['same-city', 'surrounding', 'other-province'];
const BEIJING_KINDS: readonly ZoneKind[] = ['beijing-urban', 'beijing-suburban', 'beijing-outside'];

const usesBeijingZones = (office: StockSite): boolean => office.place.regionId === 'R-BJ';

export function zoneId(office: StockSite, kind: ZoneKind): string {
  return `Z-${office.id.replace(/^O-/, '')}-${ZONE_CODES[kind]}`;
}

export function buildZones(offices: readonly StockSite[]): Zone[] {
  return offices.flatMap((office) =>
    (usesBeijingZones(office) ? BEIJING_KINDS : PLAN5_KINDS).map((kind) => ({
      id: zoneId(office, kind),
      regionId: office.place.regionId,
      officeId: office.id,
      kind,
      name: `${office.name}: ${ZONE_LABELS[kind][0]}`,
      nameZh: `${office.nameZh}${ZONE_LABELS[kind][1]}`,
    })),
  );
}

/**
 * The zone kind of a site at `place` served by `office`, by administrative area. A municipality
 * (Chongqing) is a province-sized city, so there only its urban districts count as the same city.
 */
export function zoneKindFor(place: Place, office: StockSite): ZoneKind {
  if (usesBeijingZones(office)) {
    if (place.province !== 'Beijing') return 'beijing-outside';
    return BEIJING_URBAN_DISTRICTS.includes(place.nameZh) ? 'beijing-urban' : 'beijing-suburban';
  }
  if (place.province !== office.place.province) return 'other-province';
  if (place.city !== office.place.city) return 'surrounding';
  return PROVINCES[place.province].municipality && !place.urban ? 'surrounding' : 'same-city';
}
