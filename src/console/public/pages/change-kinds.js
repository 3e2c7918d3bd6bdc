/**
 * The change kinds a scenario's change set takes (src/scenarios/change-set.schemas.ts), each with
 * the fields its form shows. The server validates every change against the live network; the
 * form only turns text into the shapes (numbers, skill maps, weekly shifts).
 */
const id = (name, optional = false) => ({ name, type: 'text', optional });
const num = (name, optional = false) => ({ name, type: 'number', optional });

export const CHANGE_KINDS = {
  'add-engineer': [
    id('engineerId'),
    id('name'),
    id('homeLocationId'),
    { name: 'skills', type: 'skills' },
    { name: 'shifts', type: 'shifts' },
    num('maxJobsPerDay', true),
  ],
  'remove-engineer': [id('engineerId')],
  'change-skills': [id('engineerId'), { name: 'skills', type: 'skills' }],
  'change-shift': [id('engineerId'), { name: 'shifts', type: 'shifts' }],
  'open-location': [
    id('locationId'),
    { name: 'locationKind', type: 'select', options: ['depot', 'office'] },
    id('name'),
    id('regionId'),
    num('lat'),
    num('lon'),
  ],
  'close-location': [
    id('locationId'),
    { name: 'stockToLocationId', type: 'nullable' },
    id('reassignToLocationId', true),
  ],
  'move-location': [id('locationId'), num('lat'), num('lon')],
  'add-stock': [id('locationId'), id('skuId'), num('qty')],
  'move-stock': [id('fromLocationId'), id('toLocationId'), id('skuId'), num('qty')],
  'remove-stock': [id('locationId'), id('skuId'), num('qty')],
  'change-contract-profile': [
    id('contractId'),
    id('profileId'),
    { name: 'tier', type: 'select', options: ['', 'A', 'B', 'C'], optional: true },
  ],
  'change-site-zone': [id('siteId'), id('zoneId')],
  'scale-demand': [
    num('factor'),
    id('regionId', true),
    num('level', true),
    { name: 'months', type: 'months', optional: true },
  ],
  'change-supplier-lead-time': [id('supplierId'), num('leadTimeDaysMean'), num('leadTimeDaysSd', true)],
};

/** "his-server:3, av-classroom:2" → { 'his-server': 3, 'av-classroom': 2 } */
function parseSkills(text) {
  return Object.fromEntries(
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [skill, level] = part.split(':').map((s) => s.trim());
        return [skill, Number(level)];
      }),
  );
}

/** "1-5 08:00-18:00; 6 09:00-13:00" → one shift per weekday (1 = Monday … 7 = Sunday). */
function parseShifts(text) {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const [days, hours = ''] = part.split(/\s+/);
      const [from, to = from] = days.split('-').map(Number);
      const [startsAt, endsAt] = hours.split('-');
      const shifts = [];
      for (let weekday = from; weekday <= to; weekday++) shifts.push({ weekday, startsAt, endsAt });
      return shifts;
    });
}

/** The change as the API takes it, from the form's text values; empty optional fields are left out. */
export function buildChange(kind, values) {
  const change = { kind };
  for (const field of CHANGE_KINDS[kind]) {
    const raw = (values[field.name] ?? '').toString().trim();
    if (raw === '' && field.type === 'nullable') {
      change[field.name] = null;
      continue;
    }
    if (raw === '' && field.optional) continue;
    if (field.type === 'number') change[field.name] = raw === '' ? undefined : Number(raw);
    else if (field.type === 'skills') change[field.name] = parseSkills(raw);
    else if (field.type === 'shifts') change[field.name] = parseShifts(raw);
    else if (field.type === 'months') change[field.name] = raw.split(',').map((m) => Number(m.trim()));
    else change[field.name] = raw;
  }
  return change;
}

/** A one-line reading of a change for the list. */
export function describeChange(change) {
  return Object.entries(change)
    .filter(([key]) => key !== 'kind')
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'object' && value !== null ? JSON.stringify(value) : value}`,
    )
    .join(' · ');
}
