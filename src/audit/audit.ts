import type { Knex } from 'knex';
import { currentPrincipal } from '../auth/principal-context.ts';

export interface AuditEntry {
  actor: string;
  action: 'create' | 'update' | 'delete' | 'import' | string;
  entity: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/**
 * Records who did what; call it inside the transaction of the change so both land or neither.
 * The API token of the request in progress, if any, is recorded beside the actor.
 */
export async function recordAudit(db: Knex | Knex.Transaction, entry: AuditEntry): Promise<void> {
  await db('audit_events').insert({
    actor: entry.actor,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId,
    data: JSON.stringify(entry.data ?? {}),
    token_id: currentPrincipal()?.tokenId ?? null,
  });
}
