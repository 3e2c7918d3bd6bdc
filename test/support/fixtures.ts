import type { Knex } from 'knex';

/**
 * Small builders for the rows that most API tests need. Each inserts directly (not through the
 * API under test) and returns the id, so a test reads as the situation it sets up.
 */
export async function aRegion(db: Knex, id = 'R-SC'): Promise<string> {
  await db('regions')
    .insert({ id, name: `Region ${id}`, name_zh: '四川' })
    .onConflict('id')
    .ignore();
  return id;
}

export async function aZone(
  db: Knex,
  id = 'Z-CTU-CITY',
  regionId = 'R-SC',
  kind = 'same-city',
): Promise<string> {
  await aRegion(db, regionId);
  await db('zones')
    .insert({ id, region_id: regionId, name: `Zone ${id}`, kind })
    .onConflict('id')
    .ignore();
  return id;
}

export async function anOffice(
  db: Knex,
  id = 'O-CTU',
  options: { lat?: number; lon?: number; kind?: 'office' | 'depot' } = {},
): Promise<string> {
  const regionId = await aRegion(db);
  await db('locations')
    .insert({
      id,
      kind: options.kind ?? 'office',
      name: `Office ${id}`,
      region_id: regionId,
      lat: options.lat ?? 30.66,
      lon: options.lon ?? 104.07,
    })
    .onConflict('id')
    .ignore();
  return id;
}

export async function aCustomer(db: Knex, id = 'C-HOSP-1', kind = 'hospital'): Promise<string> {
  await db('customers')
    .insert({ id, name: `Customer ${id}`, kind })
    .onConflict('id')
    .ignore();
  return id;
}

export async function aSite(
  db: Knex,
  id = 'S-0001',
  options: { customerId?: string; zoneId?: string; lat?: number; lon?: number } = {},
): Promise<string> {
  const regionId = await aRegion(db);
  const customerId = options.customerId ?? (await aCustomer(db));
  await db('locations')
    .insert({
      id,
      kind: 'site',
      name: `Site ${id}`,
      region_id: regionId,
      zone_id: options.zoneId ?? null,
      lat: options.lat ?? 30.7,
      lon: options.lon ?? 104.1,
      customer_id: customerId,
    })
    .onConflict('id')
    .ignore();
  return id;
}

export async function aModel(db: Knex, id = 'HIS-R740', skill = 'his-server'): Promise<string> {
  await db('equipment_models')
    .insert({ id, name: `Model ${id}`, category: 'server', skill, min_skill_level: 1 })
    .onConflict('id')
    .ignore();
  return id;
}

export async function aPart(
  db: Knex,
  id = 'P-PSU-650',
  options: { fits?: string[]; unitCost?: number } = {},
): Promise<string> {
  await db('skus')
    .insert({ id, kind: 'part', name: `Part ${id}`, unit_cost: options.unitCost ?? 100 })
    .onConflict('id')
    .ignore();
  for (const model of options.fits ?? []) {
    await aModel(db, model);
    await db('sku_fits').insert({ sku_id: id, model_id: model }).onConflict(['sku_id', 'model_id']).ignore();
  }
  return id;
}

export async function aUnitSku(db: Knex, id = 'U-HIS-R740', modelId = 'HIS-R740'): Promise<string> {
  await aModel(db, modelId);
  await db('skus')
    .insert({ id, kind: 'unit', name: `Unit ${id}`, model_id: modelId, unit_cost: 20000 })
    .onConflict('id')
    .ignore();
  return id;
}

/** Puts stock on hand through the ledger (a receipt), as any real stock gets there. */
export async function someStock(db: Knex, locationId: string, skuId: string, qty: number): Promise<void> {
  await db('stock_movements').insert({
    location_id: locationId,
    sku_id: skuId,
    kind: 'receipt',
    on_hand_delta: qty,
    actor: 'test',
  });
}

/** An engineer's van: a stock location of kind 'van' (it holds stock with or without an engineer row). */
export async function aVan(db: Knex, id = 'V-001', options: { active?: boolean } = {}): Promise<string> {
  const regionId = await aRegion(db);
  await db('locations')
    .insert({
      id,
      kind: 'van',
      name: `Van ${id}`,
      region_id: regionId,
      lat: 30.66,
      lon: 104.07,
      active: options.active ?? true,
    })
    .onConflict('id')
    .ignore();
  return id;
}

/**
 * The places and parts the stock tests share: a depot, an office, a van, a deactivated depot,
 * a customer site (which holds no stock) and two parts.
 */
export async function aStockNetwork(db: Knex) {
  const network = {
    depot: await anOffice(db, 'D-CTU', { kind: 'depot' }),
    office: await anOffice(db, 'O-YB', { lat: 28.77, lon: 104.64 }),
    van: await aVan(db, 'V-001'),
    closedDepot: await anOffice(db, 'D-OLD', { kind: 'depot' }),
    site: await aSite(db, 'S-0001'),
    psu: await aPart(db, 'P-PSU-650'),
    fan: await aPart(db, 'P-FAN-80'),
  };
  await db('locations').where({ id: network.closedDepot }).update({ active: false });
  return network;
}
