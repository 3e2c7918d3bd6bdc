/**
 * A plan before it has times: who visits which stops in which order, and where every part and
 * unit comes from. The MIP decodes into a draft, the greedy fallback builds one, and
 * `evaluateDraft` derives every time and objective term from it by the rules of docs/solver.md.
 */
export type DraftStop = { kind: 'pickup'; location: number } | { kind: 'ticket'; ticket: number };

export type DraftSource =
  { via: 'van' } | { via: 'pickup'; location: number } | { via: 'courier'; location: number };

export interface DraftPart {
  readonly ticket: number;
  /** Index into the ticket's `parts`. */
  readonly need: number;
  readonly sku: string;
  readonly qty: number;
  readonly source: DraftSource;
}

export interface DraftUnit {
  readonly ticket: number;
  readonly sku: string;
  readonly source: DraftSource;
}

export interface Draft {
  /** One stop list per engineer, in the order of `problem.engineers`. */
  readonly routes: DraftStop[][];
  readonly parts: DraftPart[];
  readonly units: DraftUnit[];
}

export function emptyDraft(engineerCount: number): Draft {
  return { routes: Array.from({ length: engineerCount }, () => []), parts: [], units: [] };
}
