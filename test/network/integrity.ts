import { defaultCatalog, resolveProfile } from '../../src/commitments/index.ts';
import type { Network } from '../../scripts/network/index.ts';

/** What serves each kind of location: a site's or a van's office, an office's depot (if any). */
const SERVED_BY: Readonly<Record<string, readonly (string | undefined)[]>> = {
  site: ['office'],
  van: ['office'],
  office: ['depot', undefined],
  depot: [undefined],
};

/**
 * Every cross-reference of a network, checked. Returns one line per broken reference (empty when
 * the network is sound), so a failing test names each problem instead of stopping at the first.
 */
export function integrityProblems(network: Network): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: () => string) => {
    if (!ok) problems.push(problem());
  };
  const index = <T extends { id: string }>(rows: readonly T[], kind: string): Map<string, T> => {
    const map = new Map<string, T>();
    let previous = '';
    for (const row of rows) {
      expect(!map.has(row.id), () => `${kind} ${row.id} appears twice`);
      expect(row.id > previous, () => `${kind} ${row.id} is out of id order`);
      previous = row.id;
      map.set(row.id, row);
    }
    return map;
  };

  const regions = index(network.regions, 'region');
  const skills = index(network.skills, 'skill');
  const suppliers = index(network.suppliers, 'supplier');
  const zones = index(network.zones, 'zone');
  const locations = index(network.locations, 'location');
  const models = index(network.equipmentModels, 'model');
  const skus = index(network.skus, 'sku');
  const faults = index(network.faultCodes, 'fault code');
  index(network.engineers, 'engineer');
  const customers = index(network.customers, 'customer');
  const contracts = index(network.contracts, 'contract');
  const equipment = index(network.equipment, 'equipment');
  index(network.tickets, 'ticket');
  index(network.preventiveJobs, 'preventive job');
  index(network.stockMovements, 'stock movement');

  const catalog = defaultCatalog();
  const catalogZones = new Set(catalog.zones.map((zone) => zone.id));
  const kindOf = (id: string | null) => (id === null ? undefined : locations.get(id)?.kind);

  for (const zone of network.zones) {
    expect(regions.has(zone.regionId), () => `zone ${zone.id}: unknown region ${zone.regionId}`);
    expect(kindOf(zone.officeId) === 'office', () => `zone ${zone.id}: ${zone.officeId} is not an office`);
    expect(catalogZones.has(zone.kind), () => `zone ${zone.id}: kind ${zone.kind} is not a catalog zone`);
  }
  for (const location of network.locations) {
    const at = `location ${location.id}`;
    expect(regions.has(location.regionId), () => `${at}: unknown region ${location.regionId}`);
    const site = location.kind === 'site';
    expect(site === (location.customerId !== null), () => `${at}: a customer iff it is a site`);
    expect(site === (location.zoneId !== null), () => `${at}: a zone iff it is a site`);
    expect(site !== location.holdsStock, () => `${at}: only non-sites hold stock`);
    if (location.customerId !== null)
      expect(customers.has(location.customerId), () => `${at}: unknown customer ${location.customerId}`);
    if (location.zoneId !== null) {
      const zone = zones.get(location.zoneId);
      expect(
        zone?.officeId === location.servingOfficeId,
        () => `${at}: zone ${location.zoneId} is not its office's`,
      );
    }
    const server = kindOf(location.servingOfficeId);
    expect(
      SERVED_BY[location.kind]?.includes(server) === true,
      () => `${at}: served by ${location.servingOfficeId} (${server})`,
    );
  }
  for (const customer of network.customers) {
    expect(regions.has(customer.regionId), () => `customer ${customer.id}: unknown region`);
  }
  const sitesPerCustomer = new Set(network.locations.map((l) => l.customerId));
  for (const id of customers.keys()) expect(sitesPerCustomer.has(id), () => `customer ${id} has no site`);

  for (const model of network.equipmentModels) {
    expect(skills.has(model.skill), () => `model ${model.id}: unknown skill ${model.skill}`);
    if (model.spareUnitSkuId !== null) {
      const unit = skus.get(model.spareUnitSkuId);
      expect(
        unit?.kind === 'unit' && unit.modelId === model.id,
        () => `model ${model.id}: spare unit ${model.spareUnitSkuId}`,
      );
    }
  }
  for (const sku of network.skus) {
    const at = `sku ${sku.id}`;
    expect(suppliers.has(sku.supplierId), () => `${at}: unknown supplier ${sku.supplierId}`);
    expect(
      sku.kind === 'part' ? sku.modelId === null && sku.fits.length > 0 : models.has(sku.modelId ?? ''),
      () => `${at}: model or fits`,
    );
    for (const model of sku.fits) expect(models.has(model), () => `${at}: fits unknown model ${model}`);
    for (const old of sku.supersedes) {
      const replaced = skus.get(old);
      expect(replaced !== undefined && old !== sku.id, () => `${at}: supersedes unknown ${old}`);
      expect(
        replaced?.fits.join() === sku.fits.join(),
        () => `${at}: supersedes ${old}, which fits other models`,
      );
    }
  }
  for (const fault of network.faultCodes)
    expect(skills.has(fault.skill), () => `fault ${fault.id}: unknown skill`);

  for (const engineer of network.engineers) {
    const at = `engineer ${engineer.id}`;
    expect(
      kindOf(engineer.homeOfficeId) === 'office',
      () => `${at}: home ${engineer.homeOfficeId} is not an office`,
    );
    const van = locations.get(engineer.vanLocationId);
    expect(
      van?.kind === 'van' && van.servingOfficeId === engineer.homeOfficeId,
      () => `${at}: van ${engineer.vanLocationId}`,
    );
    for (const skill of Object.keys(engineer.skills))
      expect(skills.has(skill), () => `${at}: unknown skill ${skill}`);
  }
  for (const contract of network.contracts) {
    expect(customers.has(contract.customerId), () => `contract ${contract.id}: unknown customer`);
    try {
      resolveProfile(catalog, contract.profileId, contract.overrides);
    } catch (error) {
      problems.push(`contract ${contract.id}: ${(error as Error).message} (${contract.profileId})`);
    }
  }
  const contractOf = new Map(network.contracts.map((c) => [c.customerId, c]));
  expect(contractOf.size === network.customers.length, () => 'not exactly one contract per customer');

  for (const unit of network.equipment) {
    expect(kindOf(unit.siteId) === 'site', () => `equipment ${unit.id}: ${unit.siteId} is not a site`);
    expect(models.has(unit.modelId), () => `equipment ${unit.id}: unknown model ${unit.modelId}`);
  }
  const serials = new Set(network.equipment.map((unit) => unit.serial));
  expect(serials.size === network.equipment.length, () => 'equipment serials are not unique');

  for (const movement of network.stockMovements) {
    const at = `stock movement ${movement.id}`;
    expect(
      locations.get(movement.locationId)?.holdsStock === true,
      () => `${at}: ${movement.locationId} holds no stock`,
    );
    expect(skus.has(movement.skuId), () => `${at}: unknown sku ${movement.skuId}`);
  }

  for (const ticket of network.tickets) {
    const at = `ticket ${ticket.id}`;
    const site = locations.get(ticket.siteId);
    const unit = equipment.get(ticket.equipmentId);
    expect(site?.kind === 'site', () => `${at}: ${ticket.siteId} is not a site`);
    expect(unit?.siteId === ticket.siteId, () => `${at}: equipment ${ticket.equipmentId} is not at the site`);
    expect(site?.customerId === ticket.customerId, () => `${at}: customer is not the site's`);
    const contract = contracts.get(ticket.contractId);
    expect(
      contract?.customerId === ticket.customerId && contract.tier === ticket.tier,
      () => `${at}: contract or tier`,
    );
    const fault = faults.get(ticket.faultCode);
    expect(
      fault?.skill === ticket.skill && fault.ticketKind === ticket.kind,
      () => `${at}: fault code ${ticket.faultCode}`,
    );
    expect(skills.has(ticket.skill), () => `${at}: unknown skill ${ticket.skill}`);
    for (const part of ticket.parts) {
      const fits = skus.get(part.skuId)?.fits ?? [];
      expect(
        unit !== undefined && fits.includes(unit.modelId),
        () => `${at}: part ${part.skuId} does not fit the device`,
      );
    }
    if (ticket.spareUnitModelId !== null)
      expect(unit?.modelId === ticket.spareUnitModelId, () => `${at}: spare unit of another model`);
  }
  for (const job of network.preventiveJobs) {
    expect(kindOf(job.siteId) === 'site', () => `job ${job.id}: ${job.siteId} is not a site`);
    if (job.equipmentId !== null)
      expect(
        equipment.get(job.equipmentId)?.siteId === job.siteId,
        () => `job ${job.id}: equipment not at the site`,
      );
  }
  const pairs = new Set<string>();
  for (const series of network.demandHistory) {
    const key = `${series.locationId}|${series.skuId}`;
    expect(!pairs.has(key), () => `demand ${key} appears twice`);
    pairs.add(key);
    const kind = kindOf(series.locationId);
    expect(kind === 'depot' || kind === 'office', () => `demand ${key}: not a depot or office`);
    expect(skus.has(series.skuId), () => `demand ${key}: unknown sku`);
  }
  return problems;
}
