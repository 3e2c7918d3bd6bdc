import type { Api } from '../http/api.ts';
import { IdParams } from '../http/schemas.ts';
import {
  Contract,
  ContractCreate,
  ContractListQuery,
  ContractPage,
  ContractUpdate,
  EffectiveContractTerms,
} from './contract.schemas.ts';
import type { ContractService } from './contract.service.ts';

export function registerContractRoutes(api: Api, contracts: ContractService): void {
  const tags = ['contracts'];
  api.route({
    method: 'get',
    path: '/contracts',
    summary: 'List contracts',
    tags,
    permission: 'network:read',
    query: ContractListQuery,
    response: ContractPage,
    handler: ({ query }) => contracts.list(query),
  });
  api.route({
    method: 'get',
    path: '/contracts/:id',
    summary: 'Get a contract',
    tags,
    permission: 'network:read',
    params: IdParams,
    response: Contract,
    handler: ({ params }) => contracts.get(params.id),
  });
  api.route({
    method: 'get',
    path: '/contracts/:id/effective-profile',
    summary: "The contract's commitment profile with its overrides applied",
    tags,
    permission: 'network:read',
    params: IdParams,
    response: EffectiveContractTerms,
    handler: ({ params }) => contracts.effectiveProfile(params.id),
  });
  api.route({
    method: 'post',
    path: '/contracts',
    summary: 'Create a contract',
    tags,
    permission: 'network:write',
    body: ContractCreate,
    status: 201,
    response: Contract,
    handler: ({ body, actor }) => contracts.create(body, actor),
  });
  api.route({
    method: 'patch',
    path: '/contracts/:id',
    summary: 'Update a contract (overrides given replace the old ones)',
    tags,
    permission: 'network:write',
    params: IdParams,
    body: ContractUpdate,
    response: Contract,
    handler: ({ params, body, actor }) => contracts.update(params.id, body, actor),
  });
  api.route({
    method: 'delete',
    path: '/contracts/:id',
    summary: 'Delete a contract no ticket refers to (409 still-referenced otherwise)',
    tags,
    permission: 'network:write',
    params: IdParams,
    status: 204,
    handler: ({ params, actor }) => contracts.remove(params.id, actor),
  });
}
