import { buildDemandModel } from './assortment.ts';
import { buildCatalog } from './catalog.ts';
import { buildContracts } from './contracts.ts';
import { demandHistory } from './demand.ts';
import { buildWorkforce } from './engineers.ts';
import { buildEquipment } from './equipment.ts';
import { buildFaultCodes } from './fault-codes.ts';
import { buildRegions, buildStockSites, stockSiteLocation } from './geography.ts';
import { byId } from './ids.ts';
import type { ResolvedOptions } from './options.ts';
import { buildPreventiveJobs } from './preventive-jobs.ts';
import { createRandom } from './random.ts';
import type {
  Contract,
  Customer,
  DemandSeries,
  Engineer,
  Equipment,
  EquipmentModel,
  FaultCode,
  Location,
  PreventiveJob,
  Region,
  Skill,
  Sku,
  StockMovement,
  Supplier,
  Ticket,
  Zone,
} from './schema.ts';
import { buildSites } from './sites.ts';
import { stockMovements } from './stock.ts';
import { buildTickets } from './tickets.ts';
import { buildZones } from './zones.ts';

/** Everything of a network that is held in memory; the two largest kinds are replayable streams. */
export interface NetworkBuild {
  regions: Region[];
  skills: Skill[];
  suppliers: Supplier[];
  zones: Zone[];
  locations: Location[];
  equipmentModels: EquipmentModel[];
  skus: Sku[];
  faultCodes: FaultCode[];
  engineers: Engineer[];
  customers: Customer[];
  contracts: Contract[];
  equipment: Equipment[];
  tickets: Ticket[];
  preventiveJobs: PreventiveJob[];
  /** The opening stock, produced afresh on each call. */
  stockMovements: () => Iterable<StockMovement>;
  /** The demand history, produced afresh on each call. */
  demandHistory: () => Iterable<DemandSeries>;
}

/**
 * Builds a network from resolved options. Each part draws from its own named random stream, so
 * the same options always give the same network, byte for byte.
 */
export function buildNetwork(options: ResolvedOptions): NetworkBuild {
  const { todayMs } = options;
  const root = createRandom(options.seed, 'network');
  const stockSites = buildStockSites(options.stockLocations, root.fork('stock-sites'));
  const offices = stockSites.filter((site) => site.kind === 'office');
  const catalog = buildCatalog(options.skus, todayMs, root.fork('catalog'));
  const { customers, sites } = buildSites(options.sites, offices, root.fork('sites'));
  const installed = buildEquipment(sites, catalog, todayMs, root.fork('equipment'));
  const demand = buildDemandModel(catalog, installed, stockSites);
  const workforce = buildWorkforce(
    options.engineers,
    offices,
    demand,
    catalog,
    todayMs,
    root.fork('engineers'),
  );
  const contracts = buildContracts(customers, todayMs, root.fork('contracts'));
  const contractsByCustomer = new Map(contracts.map((contract) => [contract.customerId, contract]));

  const addresses = root.fork('addresses');
  const stockLocations = stockSites
    .map((site) => stockSiteLocation(site, demand.replenishedFrom.get(site.id) ?? null, addresses))
    .sort(byId);
  const locations = [...stockLocations, ...sites.map((site) => site.location), ...workforce.vans].sort(byId);
  const stockOrder = stockLocations.map((location) => ({
    id: location.id,
    kind: location.kind as 'depot' | 'office',
  }));

  return {
    regions: buildRegions(),
    skills: catalog.skills,
    suppliers: catalog.suppliers,
    zones: buildZones(offices).sort(byId),
    locations,
    equipmentModels: catalog.models,
    skus: catalog.skus,
    faultCodes: buildFaultCodes(),
    engineers: workforce.engineers,
    customers,
    contracts,
    equipment: installed.map((unit) => unit.equipment),
    tickets: buildTickets(
      options.tickets,
      installed,
      catalog,
      contractsByCustomer,
      todayMs,
      root.fork('tickets'),
    ),
    preventiveJobs: buildPreventiveJobs(
      sites,
      installed,
      contractsByCustomer,
      todayMs,
      root.fork('preventive-jobs'),
    ),
    stockMovements: () =>
      stockMovements({
        demand,
        catalog,
        locations: stockOrder,
        vanStock: workforce.vanStock,
        todayMs,
        seed: root.fork('stock'),
      }),
    demandHistory: () =>
      demandHistory(
        demand,
        catalog,
        stockOrder.map((l) => l.id),
        todayMs,
        root.fork('demand'),
      ),
  };
}
