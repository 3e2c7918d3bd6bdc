import type { Knex } from 'knex';
import { containsPattern, paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type {
  EquipmentModel,
  EquipmentModelCreate,
  EquipmentModelListQuery,
  EquipmentModelUpdate,
} from './equipment-model.schemas.ts';

interface EquipmentModelRow {
  id: string;
  name: string;
  category: string;
  skill: string;
  min_skill_level: number;
  design_life_years: number | null;
  created_at: Date;
  updated_at: Date;
}

const toModel = (row: EquipmentModelRow): EquipmentModel => ({
  id: row.id,
  name: row.name,
  category: row.category,
  skill: row.skill,
  minSkillLevel: row.min_skill_level,
  designLifeYears: row.design_life_years,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { id: 'id', name: 'name', createdAt: 'created_at' };

/** Equipment models: what is installed at sites and what a spare unit is. */
export function createEquipmentModelRepository(db: Knex) {
  return {
    async list(query: EquipmentModelListQuery, trx: Knex = db): Promise<Page<EquipmentModel>> {
      const builder = trx<EquipmentModelRow>('equipment_models').select('*');
      if (query.category) builder.where('category', query.category);
      if (query.skill) builder.where('skill', query.skill);
      if (query.q) builder.whereILike('name', containsPattern(query.q));
      const page = await paginate<EquipmentModelRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: page.rows.map(toModel), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<EquipmentModel | undefined> {
      const row = await trx<EquipmentModelRow>('equipment_models').where({ id }).first();
      return row ? toModel(row) : undefined;
    },

    async insert(input: EquipmentModelCreate, trx: Knex = db): Promise<EquipmentModel> {
      const [row] = await trx<EquipmentModelRow>('equipment_models')
        .insert({
          id: input.id,
          name: input.name,
          category: input.category,
          skill: input.skill,
          min_skill_level: input.minSkillLevel ?? 1,
          design_life_years: input.designLifeYears ?? null,
        })
        .returning('*');
      return toModel(row as EquipmentModelRow);
    },

    async update(
      id: string,
      input: EquipmentModelUpdate,
      trx: Knex = db,
    ): Promise<EquipmentModel | undefined> {
      const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (input.name !== undefined) changes.name = input.name;
      if (input.category !== undefined) changes.category = input.category;
      if (input.skill !== undefined) changes.skill = input.skill;
      if (input.minSkillLevel !== undefined) changes.min_skill_level = input.minSkillLevel;
      if (input.designLifeYears !== undefined) changes.design_life_years = input.designLifeYears;
      const [row] = await trx('equipment_models').where({ id }).update(changes).returning('*');
      return row ? toModel(row as EquipmentModelRow) : undefined;
    },

    /** Deletes the model; the database refuses (23503) while SKUs, fits or installed equipment use it. */
    async remove(id: string, trx: Knex = db): Promise<boolean> {
      return (await trx('equipment_models').where({ id }).delete()) > 0;
    },
  };
}

export type EquipmentModelRepository = ReturnType<typeof createEquipmentModelRepository>;
