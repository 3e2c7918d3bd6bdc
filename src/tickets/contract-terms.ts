import {
  CommitmentError,
  defaultCatalog,
  type EffectiveProfile,
  type OutOfWarrantyPolicy,
  type ProfileOverrides,
} from '../commitments/index.ts';
import { effectiveTerms } from '../contracts/effective-terms.ts';
import { problems, type Problem } from '../http/problem.ts';

export interface ContractTerms {
  contractId: string;
  profileId: string;
  profileName: string;
  /** commitment_profiles.definition: the profile's terms as a patch over the catalog defaults. */
  profileDefinition: unknown;
  overrides: unknown;
  outOfWarrantyPolicy: OutOfWarrantyPolicy;
}

/**
 * The terms in force for a contract, resolved the way the contracts feature resolves them (one
 * meaning of valid terms): catalog defaults, the stored profile's definition, the contract's
 * overrides, and last its out-of-warranty policy column. Stored JSON is validated on the way by
 * the catalog; terms that do not resolve throw CommitmentError naming the contract.
 */
export function effectiveProfile(terms: ContractTerms): EffectiveProfile {
  // Resolving validates the stored JSON with the catalog's schemas: the largest cost of an intake
  // after its SQL. Terms are kept by their content, so an edited profile or contract is a new key.
  const key = JSON.stringify([
    terms.profileId,
    terms.profileName,
    terms.profileDefinition,
    terms.overrides,
    terms.outOfWarrantyPolicy,
  ]);
  const known = resolvedProfiles.get(key);
  if (known) return known;
  const profile = resolveEffectiveProfile(terms);
  if (resolvedProfiles.size >= KEPT_PROFILES) resolvedProfiles.delete(resolvedProfiles.keys().next().value!);
  resolvedProfiles.set(key, profile);
  return profile;
}

/** Distinct terms kept (a national operation has a few profiles and some overridden contracts). */
const KEPT_PROFILES = 1_000;
const resolvedProfiles = new Map<string, EffectiveProfile>();

function resolveEffectiveProfile(terms: ContractTerms): EffectiveProfile {
  const resolved = effectiveTerms(
    defaultCatalog(),
    { id: terms.profileId, name: terms.profileName, definition: terms.profileDefinition as ProfileOverrides },
    { overrides: terms.overrides as ProfileOverrides, outOfWarrantyPolicy: terms.outOfWarrantyPolicy },
    'terms',
  );
  if (resolved.ok) return resolved.value;
  throw new CommitmentError(
    'invalid-overrides',
    `the terms of contract ${terms.contractId} (profile ${terms.profileId}) do not resolve`,
    resolved.errors.map((error) => ({ path: error.field, message: error.message })),
  );
}

/**
 * A commitment configuration error met while handling a request, as a problem naming the request
 * field whose value led to it (the site, whose contract it is; the component; the level).
 */
export function commitmentProblem(error: unknown, field: string, context: string): Problem | undefined {
  if (!(error instanceof CommitmentError)) return undefined;
  return problems.validation([{ field, message: `${context}: ${error.message}` }]);
}
