import type { Api } from './http/api.ts';
import type { Services } from './services.ts';

/** Every feature's routes, in one list: adding a feature is adding a line here. */
export function registerApiRoutes(api: Api, services: Services): void {
  void api;
  void services;
}
