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
