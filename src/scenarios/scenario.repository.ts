import type { Knex } from 'knex';
import { paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type { Change } from './change-set.schemas.ts';
import type { ScenarioListQuery, ScenarioRevision, ScenarioSummary } from './scenario.schemas.ts';

// A type, not an interface: paginate wants rows indexable by column name.
type ScenarioRow = {
  id: string;
  name: string;
  description: string | null;
  status: 'draft' | 'archived';
  changes: Change[];
  base_network_version: string;
  version: number;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
};

/** A scenario as stored (the stale flag is the service's, computed against the live network). */
export interface StoredScenario {
  id: string;
  name: string;
  description: string | null;
  status: 'draft' | 'archived';
  changes: Change[];
  baseNetworkVersion: string;
  version: number;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

const toScenario = (row: ScenarioRow): StoredScenario => ({
  id: row.id,
  name: row.name,
  description: row.description,
  status: row.status,
  changes: row.changes,
  baseNetworkVersion: row.base_network_version,
  version: row.version,
  createdBy: row.created_by,
  updatedBy: row.updated_by,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { createdAt: 'created_at', name: 'name', updatedAt: 'updated_at' };

export interface ScenarioValues {
  name: string;
  description: string | null;
  status: 'draft' | 'archived';
  changes: Change[];
  baseNetworkVersion: string;
}

export function createScenarioRepository(db: Knex) {
  /** Every save writes the scenario's new state as an immutable revision, in the same transaction. */
  async function writeRevision(trx: Knex.Transaction, scenario: StoredScenario, actor: string, at: Date) {
    await trx('scenario_revisions').insert({
      scenario_id: scenario.id,
      version: scenario.version,
      name: scenario.name,
      description: scenario.description,
      status: scenario.status,
      changes: JSON.stringify(scenario.changes),
      base_network_version: scenario.baseNetworkVersion,
      actor,
      created_at: at,
    });
  }

  return {
    async get(id: string, conn: Knex | Knex.Transaction = db): Promise<StoredScenario | undefined> {
      const row = await conn<ScenarioRow>('scenarios').where({ id }).first();
      return row ? toScenario(row) : undefined;
    },

    async list(query: ScenarioListQuery): Promise<Page<Omit<ScenarioSummary, 'stale'>>> {
      const builder = db('scenarios').select('*', db.raw('jsonb_array_length(changes)::int as change_count'));
      if (query.status) builder.where({ status: query.status });
      const { rows, nextCursor } = await paginate<ScenarioRow & { change_count: number }>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return {
        items: rows.map((row) => {
          const { changes: _changes, ...rest } = toScenario(row);
          return { ...rest, changeCount: Number(row.change_count) };
        }),
        nextCursor,
      };
    },

    async insert(
      trx: Knex.Transaction,
      id: string,
      values: ScenarioValues,
      actor: string,
      at: Date,
    ): Promise<StoredScenario> {
      const [row] = await trx<ScenarioRow>('scenarios')
        .insert({
          id,
          name: values.name,
          description: values.description,
          status: values.status,
          changes: JSON.stringify(values.changes) as never,
          base_network_version: values.baseNetworkVersion,
          version: 1,
          created_by: actor,
          updated_by: actor,
          created_at: at,
          updated_at: at,
        })
        .returning('*');
      const scenario = toScenario(row!);
      await writeRevision(trx, scenario, actor, at);
      return scenario;
    },

    /** Writes the new state if the scenario is still at `expectedVersion`; undefined when it is not. */
    async update(
      trx: Knex.Transaction,
      id: string,
      expectedVersion: number,
      values: ScenarioValues,
      actor: string,
      at: Date,
    ): Promise<StoredScenario | undefined> {
      const [row] = await trx<ScenarioRow>('scenarios')
        .where({ id, version: expectedVersion })
        .update({
          name: values.name,
          description: values.description,
          status: values.status,
          changes: JSON.stringify(values.changes) as never,
          base_network_version: values.baseNetworkVersion,
          version: expectedVersion + 1,
          updated_by: actor,
          updated_at: at,
        })
        .returning('*');
      if (!row) return undefined;
      const scenario = toScenario(row);
      await writeRevision(trx, scenario, actor, at);
      return scenario;
    },

    async delete(trx: Knex.Transaction, id: string): Promise<StoredScenario | undefined> {
      const [row] = await trx<ScenarioRow>('scenarios').where({ id }).delete().returning('*');
      return row ? toScenario(row) : undefined;
    },

    async revisions(id: string): Promise<ScenarioRevision[]> {
      const rows = await db('scenario_revisions').where({ scenario_id: id }).orderBy('version');
      return rows.map((row) => ({
        version: row.version,
        name: row.name,
        description: row.description,
        status: row.status,
        changes: row.changes,
        baseNetworkVersion: row.base_network_version,
        actor: row.actor,
        createdAt: toIso(row.created_at)!,
      }));
    },
  };
}

export type ScenarioRepository = ReturnType<typeof createScenarioRepository>;
