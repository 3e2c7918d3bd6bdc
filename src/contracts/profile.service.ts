import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import type { CommitmentCatalog } from '../commitments/index.ts';
import { problems } from '../http/problem.ts';
import type { ContractRepository } from './contract.repository.ts';
import { checkDefinition, effectiveTerms, orInvalid } from './effective-terms.ts';
import type { ProfileRepository } from './profile.repository.ts';
import type { CommitmentProfile, ProfileCreate, ProfileListQuery, ProfileUpdate } from './profile.schemas.ts';

const entity = 'commitment-profile';

export function createProfileService(deps: {
  db: Knex;
  profiles: ProfileRepository;
  contracts: ContractRepository;
  catalog: CommitmentCatalog;
}) {
  const { db, profiles, contracts, catalog } = deps;

  /** A new definition must still resolve with every contract's overrides on the profile. */
  async function checkContractsStillResolve(profile: CommitmentProfile, trx: Knex): Promise<void> {
    const errors = (await contracts.onProfile(profile.id, trx)).flatMap((contract) => {
      const resolved = effectiveTerms(catalog, profile, contract, `contracts.${contract.id}.overrides`);
      return resolved.ok ? [] : resolved.errors;
    });
    if (errors.length)
      throw problems.conflict(
        `contracts on profile ${profile.id} would no longer resolve with this definition: change their overrides first`,
        'profile-in-use',
        errors,
      );
  }

  return {
    list: (query: ProfileListQuery) => profiles.list(query),

    async get(id: string): Promise<CommitmentProfile> {
      const profile = await profiles.get(id);
      if (!profile) throw problems.notFound(entity, id);
      return profile;
    },

    create: (input: ProfileCreate, actor: string): Promise<CommitmentProfile> =>
      db.transaction(async (trx) => {
        orInvalid(checkDefinition(catalog, input.definition, 'body.definition'));
        const profile = await profiles.insert(input, trx);
        await recordAudit(trx, { actor, action: 'create', entity, entityId: profile.id, data: input });
        return profile;
      }),

    update: (id: string, input: ProfileUpdate, actor: string): Promise<CommitmentProfile> =>
      db.transaction(async (trx) => {
        if (input.definition) orInvalid(checkDefinition(catalog, input.definition, 'body.definition'));
        const profile = await profiles.update(id, input, trx);
        if (!profile) throw problems.notFound(entity, id);
        if (input.definition) await checkContractsStillResolve(profile, trx);
        await recordAudit(trx, { actor, action: 'update', entity, entityId: id, data: input });
        return profile;
      }),

    remove: (id: string, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await profiles.remove(id, trx))) throw problems.notFound(entity, id);
        await recordAudit(trx, { actor, action: 'delete', entity, entityId: id });
      }),
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
