import { registerEquipmentModelRoutes } from './catalog/equipment-model.routes.ts';
import { registerSkuRoutes } from './catalog/sku.routes.ts';
import { registerSupplierRoutes } from './catalog/supplier.routes.ts';
import { registerCalendarDayRoutes } from './contracts/calendar-day.routes.ts';
import { registerContractRoutes } from './contracts/contract.routes.ts';
import { registerProfileRoutes } from './contracts/profile.routes.ts';
import { registerCustomerRoutes } from './customers/customer.routes.ts';
import { registerEquipmentRoutes } from './customers/equipment.routes.ts';
import { registerEngineerRoutes } from './engineers/engineer.routes.ts';
import type { Api } from './http/api.ts';
import { registerLocationRoutes } from './network/location.routes.ts';
import { registerRegionRoutes } from './network/region.routes.ts';
import { registerZoneRoutes } from './network/zone.routes.ts';
import type { Services } from './services.ts';
import { registerTicketRoutes } from './tickets/ticket.routes.ts';
import { registerPreventiveJobRoutes } from './preventive/preventive.routes.ts';
import { registerStockRoutes } from './stock/stock.routes.ts';
import { registerReorderRoutes } from './reorder/reorder.routes.ts';
import { registerDispatchPlanRoutes } from './dispatch/dispatch-plan.routes.ts';
import { registerDispatchCandidateRoutes } from './dispatch/dispatch-candidates.routes.ts';
import { registerScenarioRoutes } from './scenarios/scenario.routes.ts';
import { registerScenarioRunRoutes } from './scenarios/scenario-run.routes.ts';

/** Every feature's routes, in one list: adding a feature is adding a line here. */
export function registerApiRoutes(api: Api, services: Services): void {
  registerLocationRoutes(api, services.locations);
  registerRegionRoutes(api, services.regions);
  registerZoneRoutes(api, services.zones);
  registerEquipmentModelRoutes(api, services.equipmentModels);
  registerSupplierRoutes(api, services.suppliers);
  registerSkuRoutes(api, services.skus);
  registerCustomerRoutes(api, services.customers);
  registerEquipmentRoutes(api, services.equipment);
  registerProfileRoutes(api, services.commitmentProfiles);
  registerContractRoutes(api, services.contracts);
  registerCalendarDayRoutes(api, services.calendarDays);
  registerStockRoutes(api, services.stock);
  registerEngineerRoutes(api, services.engineers);
  registerTicketRoutes(api, services.tickets);
  registerPreventiveJobRoutes(api, services.preventiveJobs);
  registerReorderRoutes(api, services.reorder);
  registerDispatchPlanRoutes(api, { plans: services.dispatchPlans, commits: services.dispatchCommits });
  registerDispatchCandidateRoutes(api, services.dispatchCandidates);
  registerScenarioRoutes(api, services.scenarios);
  registerScenarioRunRoutes(api, services.scenarioRuns);
}
