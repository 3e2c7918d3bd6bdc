import type { Knex } from 'knex';
import { paginate, type Page } from '../db/pagination.ts';
import { toIso } from '../http/schemas.ts';
import type {
  Absence,
  AbsenceCreate,
  Engineer,
  EngineerCreate,
  EngineerListQuery,
  Shift,
} from './engineer.schemas.ts';

interface EngineerRow {
  id: string;
  name: string;
  home_office_id: string;
  van_location_id: string | null;
  phone: string | null;
  van_capacity: number | null;
  max_jobs_per_day: number;
  active: boolean;
  position_lat: number | null;
  position_lon: number | null;
  position_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface EngineerRecord {
  name: string;
  homeOfficeId: string;
  vanLocationId: string | null;
  phone: string | null;
  vanCapacity: number | null;
  maxJobsPerDay: number;
  active: boolean;
}

const sortColumns = { id: 'id', name: 'name', createdAt: 'created_at' };
const hhmm = (time: string) => time.slice(0, 5);

/** Engineers with their skills, weekly shifts and absences, loaded for a page in three extra queries. */
export function createEngineerRepository(db: Knex) {
  async function details(ids: string[], trx: Knex) {
    // One after another: inside a transaction they would queue on its one connection anyway.
    const skills = await trx('engineer_skills').whereIn('engineer_id', ids).orderBy('skill');
    const shifts = await trx('engineer_shifts').whereIn('engineer_id', ids).orderBy('weekday');
    const absences = await trx('engineer_absences').whereIn('engineer_id', ids).orderBy('starts_at');
    return { skills, shifts, absences };
  }

  async function hydrate(rows: EngineerRow[], trx: Knex): Promise<Engineer[]> {
    if (rows.length === 0) return [];
    const { skills, shifts, absences } = await details(
      rows.map((row) => row.id),
      trx,
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      homeOfficeId: row.home_office_id,
      vanLocationId: row.van_location_id,
      phone: row.phone,
      vanCapacity: row.van_capacity,
      maxJobsPerDay: row.max_jobs_per_day,
      active: row.active,
      skills: Object.fromEntries(
        skills.filter((s) => s.engineer_id === row.id).map((s) => [s.skill, s.level]),
      ),
      shifts: shifts
        .filter((s) => s.engineer_id === row.id)
        .map((s): Shift => ({ weekday: s.weekday, startsAt: hhmm(s.starts_at), endsAt: hhmm(s.ends_at) })),
      absences: absences
        .filter((a) => a.engineer_id === row.id)
        .map((a): Absence => ({
          id: a.id,
          startsAt: toIso(a.starts_at)!,
          endsAt: toIso(a.ends_at)!,
          reason: a.reason,
        })),
      position:
        row.position_lat !== null && row.position_lon !== null
          ? { lat: row.position_lat, lon: row.position_lon, at: toIso(row.position_at)! }
          : null,
      createdAt: toIso(row.created_at)!,
      updatedAt: toIso(row.updated_at)!,
    }));
  }

  return {
    async list(query: EngineerListQuery, trx: Knex = db): Promise<Page<Engineer>> {
      const builder = trx<EngineerRow>('engineers').select('engineers.*');
      if (query.homeOfficeId) builder.where('home_office_id', query.homeOfficeId);
      if (query.active) builder.where('active', query.active === 'true');
      if (query.skill)
        builder.whereExists((sub) =>
          sub
            .select(trx.raw('1'))
            .from('engineer_skills')
            .whereRaw('engineer_skills.engineer_id = engineers.id')
            .andWhere('skill', query.skill!)
            .andWhere('level', '>=', query.minLevel ?? 1),
        );
      const page = await paginate<EngineerRow & Record<string, unknown>>(builder, {
        sort: query.sort,
        columns: sortColumns,
        idColumn: 'id',
        cursor: query.cursor,
        limit: query.limit,
      });
      return { items: await hydrate(page.rows, trx), nextCursor: page.nextCursor };
    },

    async get(id: string, trx: Knex = db): Promise<Engineer | undefined> {
      const row = await trx<EngineerRow>('engineers').where({ id }).first();
      return row ? (await hydrate([row], trx))[0] : undefined;
    },

    /** Every engineer, in id order, a batch at a time (for CSV export). */
    async *batches(size = 500, trx: Knex = db): AsyncGenerator<Engineer[]> {
      let after = '';
      for (;;) {
        const rows = await trx<EngineerRow>('engineers').where('id', '>', after).orderBy('id').limit(size);
        if (rows.length === 0) return;
        yield await hydrate(rows, trx);
        after = rows[rows.length - 1]!.id;
      }
    },

    async insert(id: string, record: EngineerRecord, trx: Knex): Promise<void> {
      await trx('engineers').insert({
        id,
        name: record.name,
        home_office_id: record.homeOfficeId,
        van_location_id: record.vanLocationId,
        phone: record.phone,
        van_capacity: record.vanCapacity,
        max_jobs_per_day: record.maxJobsPerDay,
        active: record.active,
      });
    },

    async update(id: string, record: Partial<EngineerRecord>, trx: Knex): Promise<boolean> {
      const changes: Record<string, unknown> = { updated_at: trx.fn.now() };
      if (record.name !== undefined) changes.name = record.name;
      if (record.homeOfficeId !== undefined) changes.home_office_id = record.homeOfficeId;
      if (record.phone !== undefined) changes.phone = record.phone;
      if (record.vanCapacity !== undefined) changes.van_capacity = record.vanCapacity;
      if (record.maxJobsPerDay !== undefined) changes.max_jobs_per_day = record.maxJobsPerDay;
      if (record.active !== undefined) changes.active = record.active;
      return (await trx('engineers').where({ id }).update(changes)) > 0;
    },

    async replaceSkills(id: string, skills: EngineerCreate['skills'], trx: Knex): Promise<void> {
      await trx('engineer_skills').where({ engineer_id: id }).delete();
      const rows = Object.entries(skills).map(([skill, level]) => ({ engineer_id: id, skill, level }));
      if (rows.length) await trx('engineer_skills').insert(rows);
    },

    async replaceShifts(id: string, shifts: Shift[], trx: Knex): Promise<void> {
      await trx('engineer_shifts').where({ engineer_id: id }).delete();
      const rows = shifts.map((s) => ({
        engineer_id: id,
        weekday: s.weekday,
        starts_at: s.startsAt,
        ends_at: s.endsAt,
      }));
      if (rows.length) await trx('engineer_shifts').insert(rows);
    },

    async addAbsence(id: string, absence: AbsenceCreate, trx: Knex): Promise<number> {
      const [row] = await trx('engineer_absences')
        .insert({
          engineer_id: id,
          starts_at: absence.startsAt,
          ends_at: absence.endsAt,
          reason: absence.reason ?? null,
        })
        .returning('id');
      return (row as { id: number }).id;
    },

    async removeAbsence(id: string, absenceId: number, trx: Knex): Promise<boolean> {
      return (await trx('engineer_absences').where({ engineer_id: id, id: absenceId }).delete()) > 0;
    },

    async setPosition(id: string, lat: number, lon: number, at: string | Date, trx: Knex): Promise<boolean> {
      const changed = await trx('engineers')
        .where({ id })
        .update({ position_lat: lat, position_lon: lon, position_at: at, updated_at: trx.fn.now() });
      return changed > 0;
    },
  };
}

export type EngineerRepository = ReturnType<typeof createEngineerRepository>;
