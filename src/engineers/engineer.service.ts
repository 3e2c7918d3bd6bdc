import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit.ts';
import { problems } from '../http/problem.ts';
import type { EngineerRepository } from './engineer.repository.ts';
import type {
  AbsenceCreate,
  Engineer,
  EngineerCreate,
  EngineerListQuery,
  EngineerUpdate,
  PositionUpdate,
} from './engineer.schemas.ts';

/** The van of an engineer is a stock location of its own, named after the engineer. */
export const vanLocationId = (engineerId: string) => `VAN-${engineerId}`;

export function createEngineerService(deps: { db: Knex; engineers: EngineerRepository; now: () => Date }) {
  const { db, engineers, now } = deps;

  async function homeOffice(trx: Knex, officeId: string, field: string) {
    const office = await trx('locations').where({ id: officeId }).first();
    if (!office || (office.kind !== 'office' && office.kind !== 'depot'))
      throw problems.validation([{ field, message: `${officeId} is not an office or depot` }]);
    return office as { id: string; region_id: string; lat: number; lon: number; name: string };
  }

  async function mustGet(trx: Knex, id: string): Promise<Engineer> {
    const engineer = await engineers.get(id, trx);
    if (!engineer) throw problems.notFound('engineer', id);
    return engineer;
  }

  /** Creates the engineer, their van location, skills and shifts; `field` prefixes error paths (CSV lines). */
  async function createIn(trx: Knex, input: EngineerCreate, actor: string, field = 'body'): Promise<void> {
    const office = await homeOffice(trx, input.homeOfficeId, `${field}.homeOfficeId`);
    const vanId = vanLocationId(input.id);
    await trx('locations').insert({
      id: vanId,
      kind: 'van',
      name: `Van of ${input.name}`,
      region_id: office.region_id,
      lat: office.lat,
      lon: office.lon,
      serving_office_id: office.id,
    });
    await engineers.insert(
      input.id,
      {
        name: input.name,
        homeOfficeId: input.homeOfficeId,
        vanLocationId: vanId,
        phone: input.phone ?? null,
        vanCapacity: input.vanCapacity ?? null,
        maxJobsPerDay: input.maxJobsPerDay ?? 6,
        active: input.active ?? true,
      },
      trx,
    );
    await engineers.replaceSkills(input.id, input.skills, trx);
    await engineers.replaceShifts(input.id, input.shifts, trx);
    await recordAudit(trx, { actor, action: 'create', entity: 'engineer', entityId: input.id, data: input });
  }

  async function updateIn(
    trx: Knex,
    id: string,
    input: EngineerUpdate,
    actor: string,
    field = 'body',
  ): Promise<void> {
    if (input.homeOfficeId !== undefined) await homeOffice(trx, input.homeOfficeId, `${field}.homeOfficeId`);
    if (!(await engineers.update(id, input, trx))) throw problems.notFound('engineer', id);
    if (input.skills) await engineers.replaceSkills(id, input.skills, trx);
    if (input.shifts) await engineers.replaceShifts(id, input.shifts, trx);
    await recordAudit(trx, { actor, action: 'update', entity: 'engineer', entityId: id, data: input });
  }

  return {
    list: (query: EngineerListQuery) => engineers.list(query),
    get: (id: string) => mustGet(db, id),
    batches: () => engineers.batches(),

    create: (input: EngineerCreate, actor: string): Promise<Engineer> =>
      db.transaction(async (trx) => {
        await createIn(trx, input, actor);
        return mustGet(trx, input.id);
      }),

    update: (id: string, input: EngineerUpdate, actor: string): Promise<Engineer> =>
      db.transaction(async (trx) => {
        await updateIn(trx, id, input, actor);
        return mustGet(trx, id);
      }),

    addAbsence: (id: string, input: AbsenceCreate, actor: string): Promise<Engineer> =>
      db.transaction(async (trx) => {
        await mustGet(trx, id);
        const absenceId = await engineers.addAbsence(id, input, trx);
        await recordAudit(trx, {
          actor,
          action: 'add-absence',
          entity: 'engineer',
          entityId: id,
          data: { absenceId, ...input },
        });
        return mustGet(trx, id);
      }),

    removeAbsence: (id: string, absenceId: number, actor: string): Promise<void> =>
      db.transaction(async (trx) => {
        if (!(await engineers.removeAbsence(id, absenceId, trx)))
          throw problems.notFound('absence', String(absenceId));
        await recordAudit(trx, {
          actor,
          action: 'remove-absence',
          entity: 'engineer',
          entityId: id,
          data: { absenceId },
        });
      }),

    setPosition: (id: string, input: PositionUpdate): Promise<Engineer> =>
      db.transaction(async (trx) => {
        const at = input.at ?? now().toISOString();
        if (!(await engineers.setPosition(id, input.lat, input.lon, at, trx)))
          throw problems.notFound('engineer', id);
        return mustGet(trx, id);
      }),

    /** Creates or updates every engineer of an import in one transaction: all rows or none. */
    importAll: (
      rows: Array<{ line: number; engineer: EngineerCreate }>,
      actor: string,
    ): Promise<{ created: number; updated: number }> =>
      db.transaction(async (trx) => {
        const seen = new Map<string, number>();
        let created = 0;
        let updated = 0;
        for (const { line, engineer } of rows) {
          const field = `line ${line}`;
          const earlier = seen.get(engineer.id);
          if (earlier !== undefined)
            throw problems.validation([{ field: `${field}.id`, message: `duplicate of line ${earlier}` }]);
          seen.set(engineer.id, line);
          if (await engineers.get(engineer.id, trx)) {
            const { id: _id, ...changes } = engineer;
            await updateIn(trx, engineer.id, changes, actor, field);
            updated++;
          } else {
            await createIn(trx, engineer, actor, field);
            created++;
          }
        }
        return { created, updated };
      }),
  };
}

export type EngineerService = ReturnType<typeof createEngineerService>;
