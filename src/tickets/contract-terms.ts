import {
  CommitmentError,
  defaultCatalog,
  ProfileOverrides,
  resolveProfile,
  type CommitmentCatalog,
  type EffectiveProfile,
  type OutOfWarrantyPolicy,
} from '../commitments/index.ts';
import { problems, type Problem } from '../http/problem.ts';

export interface ContractTerms {
  contractId: string;
  profileId: string;
  profileName: string;
  /** commitment_profiles.definition: the profile's terms over the catalog defaults, or {}. */
  profileDefinition: unknown;
  overrides: unknown;
  outOfWarrantyPolicy: OutOfWarrantyPolicy;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The catalog with the profile as the database holds it. A profile row with a definition of its
 * own is authoritative (an administrator may have tuned it); an empty definition means "the
 * catalog's profile of that id", which is how the bundled profiles are registered.
 */
function catalogWithProfile(terms: ContractTerms): CommitmentCatalog {
  const catalog = defaultCatalog();
  const definition = terms.profileDefinition;
  if (!isPlainObject(definition) || Object.keys(definition).length === 0) return catalog;
  const parsed = ProfileOverrides.safeParse(definition);
  if (!parsed.success)
    throw new CommitmentError(
      'invalid-overrides',
      `commitment profile ${terms.profileId} is not valid`,
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    );
  const own = {
    id: terms.profileId,
    name: { en: terms.profileName, zh: terms.profileName },
    source: 'commitment_profiles',
    terms: parsed.data,
  };
  return { ...catalog, profiles: [own, ...catalog.profiles.filter((p) => p.id !== terms.profileId)] };
}

/**
 * The terms in force for a contract: catalog defaults, the profile, the contract's overrides, and
 * last the contract's out-of-warranty policy column, which is what the contract says about
 * charging outside warranty whatever its profile's default.
 */
export function effectiveProfile(terms: ContractTerms): EffectiveProfile {
  const overrides = isPlainObject(terms.overrides) ? terms.overrides : {};
  const warranty = isPlainObject(overrides.warranty) ? overrides.warranty : {};
  return resolveProfile(catalogWithProfile(terms), terms.profileId, {
    ...overrides,
    warranty: { ...warranty, outOfWarranty: terms.outOfWarrantyPolicy },
  });
}

/**
 * A commitment configuration error met while handling a request, as a problem naming the request
 * field whose value led to it (the site, whose contract it is; the component; the level).
 */
export function commitmentProblem(error: unknown, field: string, context: string): Problem | undefined {
  if (!(error instanceof CommitmentError)) return undefined;
  return problems.validation([{ field, message: `${context}: ${error.message}` }]);
}
