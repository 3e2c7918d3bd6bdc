import { registerEngineerRoutes } from './engineers/engineer.routes.ts';
import type { Api } from './http/api.ts';
import { registerLocationRoutes } from './network/location.routes.ts';
import type { Services } from './services.ts';

/** Every feature's routes, in one list: adding a feature is adding a line here. */
export function registerApiRoutes(api: Api, services: Services): void {
  registerLocationRoutes(api, services.locations);
  registerEngineerRoutes(api, services.engineers);
}
