import { scatterAround } from './geo.ts';
import { PROVINCES, REGIONS } from './geography-data.ts';
import { addressPrefix, findPlace, nearest, PLACES, type Place, type StockSite } from './geography.ts';
import { idWidth, numberedId } from './ids.ts';
import { customerName, mobilePhone, personName, streetAddress } from './names.ts';
import { weightedTable, type Random } from './random.ts';
import type { Customer, CustomerKind, Location } from './schema.ts';
import { zoneId, zoneKindFor } from './zones.ts';

/** A customer site: its location record, and what the equipment generator needs to know. */
export interface SiteInfo {
  location: Location;
  place: Place;
  kind: CustomerKind;
  office: StockSite;
}

export interface Sites {
  customers: Customer[];
  sites: SiteInfo[];
}

const KINDS: readonly CustomerKind[] = ['hospital', 'school', 'farm', 'solar-installation'];
const URBAN_KIND_WEIGHTS = [0.36, 0.44, 0.05, 0.15];
const COUNTY_KIND_WEIGHTS = [0.24, 0.3, 0.26, 0.2];

/** Chance that a new site belongs to an existing customer of its kind in the same city. */
const MULTI_SITE: Readonly<Record<CustomerKind, number>> = {
  hospital: 0.3,
  school: 0.15,
  'education-centre': 0,
  farm: 0.05,
  'solar-installation': 0.3,
};

const SITE_LABELS: Readonly<Record<CustomerKind, readonly [string, string]>> = {
  hospital: ['campus', '院区'],
  school: ['campus', '校区'],
  'education-centre': ['site', '站点'],
  farm: ['base', '基地'],
  'solar-installation': ['installation', '安装点'],
};

const CONTACT_ROLES: Readonly<Record<CustomerKind, string>> = {
  hospital: 'Information Centre',
  school: 'General Affairs Office',
  'education-centre': 'Equipment Department',
  farm: 'Cooperative Office',
  'solar-installation': 'Property Management',
};

/** Sites spread this far (km) around their district or county seat. */
function scatterRadiusKm(kind: CustomerKind, urban: boolean): number {
  if (kind === 'farm') return urban ? 15 : 12;
  if (kind === 'solar-installation') return urban ? 10 : 8;
  return urban ? 6 : 4;
}

interface CustomerDraft {
  customer: Customer;
  siteCount: number;
}

/**
 * Customers and their sites. The Sichuan provincial education centre comes first (two sites in
 * Chengdu); every other site draws a region by its share, a place by its density and a kind by
 * the place (counties have more farms and solar installations), and sometimes joins an existing
 * customer in the same city as a further campus. Each site is served by its nearest office and
 * zoned relative to it.
 */
export function buildSites(count: number, offices: readonly StockSite[], random: Random): Sites {
  const siteWidth = idWidth(count, 4);
  const customerWidth = idWidth(count, 4);
  const pickRegion = weightedTable(
    REGIONS.map((r) => r.id),
    REGIONS.map((r) => r.siteShare),
  );
  const pickPlace = new Map(
    REGIONS.map((region) => {
      const places = PLACES.filter((p) => p.regionId === region.id);
      return [
        region.id,
        weightedTable(
          places,
          places.map((p) => p.weight),
        ),
      ] as const;
    }),
  );
  const drafts: CustomerDraft[] = [];
  const byCityKind = new Map<string, CustomerDraft[]>();
  const serials = new Map<string, number>();
  const sites: SiteInfo[] = [];

  const newCustomer = (kind: CustomerKind, place: Place, regionId: string): CustomerDraft => {
    const stem = `${kind}|${place.urban ? place.city : `${place.city}/${place.name}`}`;
    const serial = (serials.get(stem) ?? 0) + 1;
    serials.set(stem, serial);
    const { name, nameZh } = customerName(kind, place, serial, random);
    const contact = personName(random);
    const draft: CustomerDraft = {
      customer: {
        id: numberedId('C-', drafts.length + 1, customerWidth),
        name,
        nameZh,
        kind,
        regionId,
        contact: `${contact.name} (${CONTACT_ROLES[kind]}), ${mobilePhone(random)}`,
      },
      siteCount: 0,
    };
    drafts.push(draft);
    const key = `${kind}|${place.city}`;
    const pool = byCityKind.get(key);
    if (pool) pool.push(draft);
    else byCityKind.set(key, [draft]);
    return draft;
  };

  let centre: CustomerDraft | undefined;
  for (let i = 0; i < count; i++) {
    let place: Place;
    let kind: CustomerKind;
    let draft: CustomerDraft | undefined;
    if (i < 2) {
      place = findPlace('Chengdu', i === 0 ? 'Jinjiang District' : 'Wenjiang District');
      kind = 'education-centre';
      draft = centre;
    } else {
      place = pickPlace.get(pickRegion(random))!(random);
      kind = random.weighted(KINDS, place.urban ? URBAN_KIND_WEIGHTS : COUNTY_KIND_WEIGHTS);
      const pool = byCityKind.get(`${kind}|${place.city}`);
      if (pool && random.chance(MULTI_SITE[kind])) draft = random.pick(pool);
    }
    const point = scatterAround(
      place,
      scatterRadiusKm(kind, place.urban),
      PROVINCES[place.province].box,
      random,
    );
    const office = nearest(point, offices)!;
    const regionId = office.place.regionId;
    draft ??= newCustomer(kind, place, regionId);
    if (kind === 'education-centre') centre = draft;
    draft.siteCount++;
    const [label, labelZh] = SITE_LABELS[kind];
    const { customer } = draft;
    const rural = !place.urban && (kind === 'farm' || kind === 'solar-installation');
    const location: Location = {
      id: numberedId('S-', i + 1, siteWidth),
      kind: 'site',
      name: draft.siteCount === 1 ? customer.name : `${customer.name}, ${label} ${draft.siteCount}`,
      nameZh: draft.siteCount === 1 ? customer.nameZh : `${customer.nameZh}${draft.siteCount}号${labelZh}`,
      regionId,
      zoneId: zoneId(office, zoneKindFor(place, office)),
      servingOfficeId: office.id,
      customerId: customer.id,
      ...point,
      province: place.province,
      city: place.city,
      county: place.name,
      address: `${addressPrefix(place)}${streetAddress(rural, random)}`,
      holdsStock: false,
    };
    sites.push({ location, place, kind, office });
  }
  return { customers: drafts.map((d) => d.customer), sites };
}
