import type { Knex } from 'knex';
import { paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type {
  Component,
  Equipment,
  EquipmentCreate,
  EquipmentListQuery,
  EquipmentUpdate,
} from './equipment.schemas.ts';

interface EquipmentRow {
  id: string;
  site_id: string;
  model_id: string;
  serial: string;
  installed_on: string;
  warranty_card_received_on: string | null;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

const toEquipment = (row: EquipmentRow, components: Component[]): Equipment => ({
  id: row.id,
  siteId: row.site_id,
  modelId: row.model_id,
  serial: row.serial,
  installedOn: row.installed_on,
  warrantyCardReceivedOn: row.warranty_card_received_on,
  active: row.active,
  components,
  createdAt: toIso(row.created_at)!,
  updatedAt: toIso(row.updated_at)!,
});

const sortColumns = { id: 'id', serial: 'serial', installedOn: 'installed_on', createdAt: 'created_at' };

/** Equipment installed at customer sites, each with its components' warranty ends. */
export function createEquipmentRepository(db: Knex) {
  async function withComponents(rows: EquipmentRow[], trx: Knex): Promise<Equipment[]> {
    const components: Array<{ equipment_id: string; component: string; warranty_end: string }> = await trx(
      'equipment_components',
    )
      .whereIn(
        'equipment_id',
        rows.map((row) => row.id),
      )
      .orderBy(['equipment_id', 'component']);
    const byEquipment = new Map<string, Component[]>();
    for (const c of components) {
      const list = byEquipment.get(c.equipment_id) ?? [];
      list.push({ component: c.component, warrantyEnd: c.warranty_end });
      byEquipment.set(c.equipment_id, list);
    }
    return rows.map((row) => toEquipment(row, byEquipment.get(row.id) ?? []));
  }

  async function replaceComponents(id: string, components: Component[], trx: Knex): Promise<void> {
    await trx('equipment_components').where({ equipment_id: id }).delete();
    if (components.length)
      await trx('equipment_components').insert(
        components.map((c) => ({ equipment_id: id, component: c.component, warranty_end: c.warrantyEnd })),
      );
  }

  return {
    async list(query: EquipmentListQuery, trx: Knex = db): Promise<Page<Equipment>> {
      const builder = trx<EquipmentRow>('equipment').select('*');
      if (query.siteId) builder.where('site_id', query.siteId);
      if (query.modelId) builder.where('model_id', query.modelId);
      if (query.serial) builder.where('serial', query.serial);
      if (query.active !== undefined) builder.where('active', query.active);
      if (query.customerId)
        builder.whereIn('site_id', trx('locations').select('id').where('customer_id', query.customerId));
      const page = await paginate<EquipmentRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: await withComponents(page.rows, trx), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<Equipment | undefined> {
      const row = await trx<EquipmentRow>('equipment').where({ id }).first();
      return row ? (await withComponents([row], trx))[0] : undefined;
    },

    async insert(input: EquipmentCreate, trx: Knex = db): Promise<void> {
      await trx('equipment').insert({
        id: input.id,
        site_id: input.siteId,
        model_id: input.modelId,
        serial: input.serial,
        installed_on: input.installedOn,
        warranty_card_received_on: input.warrantyCardReceivedOn,
        active: input.active,
      });
      await replaceComponents(input.id, input.components, trx);
    },

    /** Updates what is given; a component list given replaces the old one. False when there is no such equipment. */
    async update(id: string, input: EquipmentUpdate, trx: Knex = db): Promise<boolean> {
      const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (input.siteId !== undefined) changes.site_id = input.siteId;
      if (input.modelId !== undefined) changes.model_id = input.modelId;
      if (input.serial !== undefined) changes.serial = input.serial;
      if (input.installedOn !== undefined) changes.installed_on = input.installedOn;
      if (input.warrantyCardReceivedOn !== undefined)
        changes.warranty_card_received_on = input.warrantyCardReceivedOn;
      if (input.active !== undefined) changes.active = input.active;
      if ((await trx('equipment').where({ id }).update(changes)) === 0) return false;
      if (input.components) await replaceComponents(id, input.components, trx);
      return true;
    },

    /** Deletes the equipment and its components; the database refuses (23503) while tickets or jobs refer to it. */
    async remove(id: string, trx: Knex = db): Promise<boolean> {
      return (await trx('equipment').where({ id }).delete()) > 0;
    },
  };
}

export type EquipmentRepository = ReturnType<typeof createEquipmentRepository>;
