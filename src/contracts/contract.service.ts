import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import type { CommitmentCatalog } from '../commitments/index.ts';
import { problems } from '../http/problem.ts';
import type { ContractRepository } from './contract.repository.ts';
import type {
  Contract,
  ContractCreate,
  ContractListQuery,
  ContractUpdate,
  EffectiveContractTerms,
} from './contract.schemas.ts';
import { effectiveTerms, orInvalid, type StoredProfile } from './effective-terms.ts';
import type { ProfileRepository } from './profile.repository.ts';

const entity = 'contract';

export function createContractService(deps: {
  db: Knex;
  contracts: ContractRepository;
  profiles: ProfileRepository;
  catalog: CommitmentCatalog;
}) {
  const { db, contracts, profiles, catalog } = deps;

  async function mustGet(id: string, trx: Knex = db): Promise<Contract> {
    const contract = await contracts.get(id, trx);
    if (!contract) throw problems.notFound(entity, id);
    return contract;
  }

  async function profileFor(profileId: string, trx: Knex): Promise<StoredProfile> {
    const profile = await profiles.getForShare(profileId, trx);
    if (!profile)
      throw problems.validation([{ field: 'body.profileId', message: `no commitment profile ${profileId}` }]);
    return profile;
  }

  return {
    list: (query: ContractListQuery) => contracts.list(query),
    get: (id: string) => mustGet(id),

    create: (input: ContractCreate, actor: string): Promise<Contract> =>
      db.transaction(async (trx) => {
        const profile = await profileFor(input.profileId, trx);
        const terms = orInvalid(effectiveTerms(catalog, profile, input, 'body.overrides'));
        const contract = await contracts.insert(
          { ...input, outOfWarrantyPolicy: input.outOfWarrantyPolicy ?? terms.warranty.outOfWarranty },
          trx,
        );
        await recordAudit(trx, { actor, action: 'create', entity, entityId: contract.id, data: input });
        return contract;
      }),

    update: (id: string, input: ContractUpdate, actor: string): Promise<Contract> =>
      db.transaction(async (trx) => {
        const merged = { ...(await mustGet(id, trx)), ...input };
        if (merged.endsOn !== null && merged.endsOn < merged.startsOn)
          throw problems.validation([
            { field: 'body.endsOn', message: `must not be before startsOn ${merged.startsOn}` },
          ]);
        const profile = await profileFor(merged.profileId, trx);
        orInvalid(effectiveTerms(catalog, profile, merged, 'body.overrides'));
        const contract = await contracts.update(id, input, trx);
        await recordAudit(trx, { actor, action: 'update', entity, entityId: id, data: input });
        return contract!;
      }),

    remove: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await contracts.remove(id, trx))) throw problems.notFound(entity, id);
        await recordAudit(trx, { actor, action: 'delete', entity, entityId: id });
      }),

    /** The contract's profile with its overrides applied: the terms its tickets' clocks run on. */
    async effectiveProfile(id: string): Promise<EffectiveContractTerms> {
      const contract = await mustGet(id);
      const profile = (await profiles.get(contract.profileId))!;
      const resolved = effectiveTerms(catalog, profile, contract, 'overrides');
      // Stored terms were valid when written; only a change of the bundled catalog can break them.
      if (!resolved.ok)
        throw problems.conflict(
          `contract ${id} no longer resolves against the commitment catalog: correct its overrides`,
          'terms-invalid',
          resolved.errors,
        );
      return {
        contractId: contract.id,
        customerId: contract.customerId,
        tier: contract.tier,
        ...resolved.value,
      };
    },
  };
}

export type ContractService = ReturnType<typeof createContractService>;
