import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import { applyChangeSet, ChangeSetError } from './apply-change-set.ts';
import type { Change } from './change-set.schemas.ts';
import type { NetworkSnapshot } from './network-snapshot.ts';
import { networkFingerprint, readNetworkSnapshot } from './network-snapshot.repository.ts';
import { summarizeNetwork } from './network-summary.ts';
import type { ScenarioRepository, StoredScenario } from './scenario.repository.ts';
import type {
  Scenario,
  ScenarioCreate,
  ScenarioListQuery,
  ScenarioNetwork,
  ScenarioUpdate,
} from './scenario.schemas.ts';

export interface ScenarioServiceDeps {
  db: Knex;
  now: () => Date;
  scenarios: ScenarioRepository;
}

/**
 * Scenarios: change sets validated against the live network when saved (an id that is not there,
 * or a change that cannot apply, is a 422 naming `body.changes[i].<field>`), versioned (every save
 * is a revision; an edit names the version it read), and flagged stale once the network changes.
 */
export function createScenarioService(deps: ScenarioServiceDeps) {
  const { db, scenarios } = deps;

  /** Applies the change set to the live network, as a save must: the network it fits, or a 422. */
  function validated(network: NetworkSnapshot, changes: Change[]): NetworkSnapshot {
    try {
      return applyChangeSet(network, changes);
    } catch (error) {
      if (error instanceof ChangeSetError)
        throw problems.validation([
          { field: `body.changes[${error.index}].${error.field}`, message: error.reason },
        ]);
      throw error;
    }
  }

  const withStale = (scenario: StoredScenario, networkVersion: string): Scenario => ({
    ...scenario,
    stale: scenario.baseNetworkVersion !== networkVersion,
  });

  async function found(id: string): Promise<StoredScenario> {
    const scenario = await scenarios.get(id);
    if (!scenario) throw problems.notFound('scenario', id);
    return scenario;
  }

  return {
    /** One page, each flagged stale against one read of the live network. */
    async list(query: ScenarioListQuery) {
      const page = await scenarios.list(query);
      if (page.items.length === 0) return { ...page, items: [] };
      const networkVersion = networkFingerprint(await readNetworkSnapshot(db));
      return {
        ...page,
        items: page.items.map((item) => ({ ...item, stale: item.baseNetworkVersion !== networkVersion })),
      };
    },

    async get(id: string): Promise<Scenario> {
      const scenario = await found(id);
      return withStale(scenario, networkFingerprint(await readNetworkSnapshot(db)));
    },

    async create(input: ScenarioCreate, actor: string): Promise<Scenario> {
      const network = await readNetworkSnapshot(db);
      validated(network, input.changes);
      const baseNetworkVersion = networkFingerprint(network);
      const scenario = await db.transaction(async (trx) => {
        const created = await scenarios.insert(
          trx,
          randomUUID(),
          {
            name: input.name,
            description: input.description ?? null,
            status: 'draft',
            changes: input.changes,
            baseNetworkVersion,
          },
          actor,
          deps.now(),
        );
        await recordAudit(trx, {
          actor,
          action: 'create',
          entity: 'scenario',
          entityId: created.id,
          data: { name: created.name, version: created.version, changes: created.changes },
        });
        return created;
      });
      return withStale(scenario, baseNetworkVersion);
    },

    async update(id: string, input: ScenarioUpdate, actor: string): Promise<Scenario> {
      const current = await found(id);
      const staleVersion = () =>
        problems.conflict(
          `scenario ${id} was changed since version ${input.version} was read: fetch it again`,
          'version-conflict',
          [{ field: 'body.version', message: `is not the current version` }],
        );
      if (current.version !== input.version) throw staleVersion();
      const network = await readNetworkSnapshot(db);
      const networkVersion = networkFingerprint(network);
      // A new change set is validated against today's network, which becomes its base; a rename
      // keeps the base the changes were checked against.
      if (input.changes) validated(network, input.changes);
      const updated = await db.transaction(async (trx) => {
        const saved = await scenarios.update(
          trx,
          id,
          input.version,
          {
            name: input.name ?? current.name,
            description: input.description !== undefined ? input.description : current.description,
            status: input.status ?? current.status,
            changes: input.changes ?? current.changes,
            baseNetworkVersion: input.changes ? networkVersion : current.baseNetworkVersion,
          },
          actor,
          deps.now(),
        );
        if (!saved) throw staleVersion();
        const { version: _version, ...edited } = input;
        await recordAudit(trx, {
          actor,
          action: 'update',
          entity: 'scenario',
          entityId: id,
          data: { fromVersion: input.version, version: saved.version, ...edited },
        });
        return saved;
      });
      return withStale(updated, networkVersion);
    },

    async delete(id: string, actor: string): Promise<void> {
      await db.transaction(async (trx) => {
        const deleted = await scenarios.delete(trx, id);
        if (!deleted) throw problems.notFound('scenario', id);
        await recordAudit(trx, {
          actor,
          action: 'delete',
          entity: 'scenario',
          entityId: id,
          data: { name: deleted.name, version: deleted.version, changes: deleted.changes },
        });
      });
    },

    async revisions(id: string) {
      await found(id);
      return { items: await scenarios.revisions(id) };
    },

    /** The live network before and after the scenario's changes, summarised. */
    async network(id: string): Promise<ScenarioNetwork> {
      const scenario = await found(id);
      const before = await readNetworkSnapshot(db);
      const networkVersion = networkFingerprint(before);
      let after: NetworkSnapshot;
      try {
        after = applyChangeSet(before, scenario.changes);
      } catch (error) {
        if (!(error instanceof ChangeSetError)) throw error;
        // Saved against an older network, the set no longer fits today's: say which change.
        throw problems.conflict(
          `the network changed since scenario ${id} was saved and change ${error.index} no longer applies: ${error.reason}`,
          'scenario-does-not-apply',
          [{ field: `changes[${error.index}].${error.field}`, message: error.reason }],
        );
      }
      return {
        scenarioId: id,
        version: scenario.version,
        stale: scenario.baseNetworkVersion !== networkVersion,
        networkVersion,
        before: summarizeNetwork(before),
        after: summarizeNetwork(after),
      };
    },
  };
}

export type ScenarioService = ReturnType<typeof createScenarioService>;
