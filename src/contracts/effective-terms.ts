import {
  CommitmentError,
  resolveProfile,
  type CommitmentCatalog,
  type EffectiveProfile,
  type OutOfWarrantyPolicy,
  type ProfileOverrides,
} from '../commitments/index.ts';
import { problems, type FieldError } from '../http/problem.ts';

/**
 * The bridge between the profiles and contracts stored here and the commitment catalog
 * (src/commitments): a stored profile's definition is a patch over the catalog's default terms,
 * exactly like a profile of data/commitments.json, and a contract's overrides patch the profile.
 * Resolving with the catalog's own `resolveProfile` keeps one meaning of "valid terms".
 */
export interface StoredProfile {
  id: string;
  name: string;
  definition: ProfileOverrides;
}

/** The catalog with the stored profile as its only profile, so the catalog can resolve it. */
function catalogWith(catalog: CommitmentCatalog, profile: StoredProfile): CommitmentCatalog {
  return {
    ...catalog,
    profiles: [
      {
        id: profile.id,
        name: { en: profile.name, zh: profile.name },
        source: 'database',
        terms: profile.definition,
      },
    ],
  };
}

/** Commitment issues as field errors under `field` (`body.overrides.clocks.onsite.byZone.mars`). */
export function issuesAsFieldErrors(error: CommitmentError, field: string): FieldError[] {
  const issues = error.issues.length ? error.issues : [{ path: '', message: error.message }];
  return issues.map((issue) => ({
    field: issue.path ? `${field}.${issue.path}` : field,
    message: issue.message,
  }));
}

/** Either the resolved value or the field errors that stop it. */
export type Resolved<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function resolveUnder<T>(field: string, resolve: () => T): Resolved<T> {
  try {
    return { ok: true, value: resolve() };
  } catch (error) {
    if (error instanceof CommitmentError) return { ok: false, errors: issuesAsFieldErrors(error, field) };
    throw error;
  }
}

/** The value, or a 422 naming the fields that stop it. */
export function orInvalid<T>(resolved: Resolved<T>): T {
  if (!resolved.ok) throw problems.validation(resolved.errors);
  return resolved.value;
}

/**
 * Checks a profile definition: known keys, whole positive figures, zones the catalog defines,
 * and complete terms once merged with the catalog's defaults. Errors are named under `field`.
 */
export function checkDefinition(
  catalog: CommitmentCatalog,
  definition: ProfileOverrides,
  field: string,
): Resolved<EffectiveProfile> {
  const empty: StoredProfile = { id: 'candidate', name: 'candidate', definition: {} };
  return resolveUnder(field, () => resolveProfile(catalogWith(catalog, empty), empty.id, definition));
}

/**
 * The terms in force for a contract: the catalog's defaults, the profile's definition, the
 * contract's overrides, and last the contract's out-of-warranty policy, which is kept in its own
 * column so that billing can read it without resolving terms. Errors are named under `field`.
 */
export function effectiveTerms(
  catalog: CommitmentCatalog,
  profile: StoredProfile,
  contract: { overrides: ProfileOverrides; outOfWarrantyPolicy?: OutOfWarrantyPolicy },
  field: string,
): Resolved<EffectiveProfile> {
  const overrides: ProfileOverrides = contract.outOfWarrantyPolicy
    ? {
        ...contract.overrides,
        warranty: { ...contract.overrides.warranty, outOfWarranty: contract.outOfWarrantyPolicy },
      }
    : contract.overrides;
  return resolveUnder(field, () => resolveProfile(catalogWith(catalog, profile), profile.id, overrides));
}
