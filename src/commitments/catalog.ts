import catalogJson from '../../data/commitments.json' with { type: 'json' };
import {
  CommitmentCatalog,
  ProfileOverrides,
  ProfileTerms,
  type EffectiveProfile,
} from './catalog.schema.ts';
import { CommitmentError, issuesFromZod, type CommitmentIssue } from './errors.ts';
import { mergeTerms } from './merge-terms.ts';

/** A catalog from JSON (a file, a database row), validated; throws CommitmentError 'invalid-catalog'. */
export function parseCatalog(json: unknown): CommitmentCatalog {
  const parsed = CommitmentCatalog.safeParse(json);
  if (!parsed.success) {
    throw new CommitmentError('invalid-catalog', 'invalid commitment catalog', issuesFromZod(parsed.error));
  }
  return parsed.data;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

let bundled: CommitmentCatalog | undefined;

/** The catalog shipped in data/commitments.json, parsed once and frozen, since every caller shares it. */
export function defaultCatalog(): CommitmentCatalog {
  bundled ??= deepFreeze(parseCatalog(catalogJson));
  return bundled;
}

/**
 * The terms in force for a contract: the catalog's defaults, then the profile's terms, then the
 * contract's overrides (a nested partial of the terms, e.g. `{ clocks: { acknowledge: { byTier:
 * { A: 5 } } } }`; null or undefined for none). Throws CommitmentError 'unknown-profile', or 'invalid-overrides' with one
 * issue per offending path (an unknown key, a figure that is not a whole number of minutes or
 * days, a zone the catalog does not define, a new zone without all three levels).
 */
export function resolveProfile(
  catalog: CommitmentCatalog,
  profileId: string,
  overrides: unknown = {},
): EffectiveProfile {
  const profile = catalog.profiles.find((candidate) => candidate.id === profileId);
  if (!profile) {
    throw new CommitmentError('unknown-profile', `no commitment profile ${profileId}`, [
      { path: 'profileId', message: `known profiles: ${catalog.profiles.map((p) => p.id).join(', ')}` },
    ]);
  }
  const patch = ProfileOverrides.safeParse(overrides ?? {});
  if (!patch.success) {
    throw new CommitmentError(
      'invalid-overrides',
      'invalid commitment overrides',
      issuesFromZod(patch.error),
    );
  }
  const zones = new Set(catalog.zones.map((zone) => zone.id));
  const unknownZones: CommitmentIssue[] = Object.keys(patch.data.clocks?.onsite?.byZone ?? {})
    .filter((zone) => !zones.has(zone))
    .map((zone) => ({ path: `clocks.onsite.byZone.${zone}`, message: 'unknown zone' }));
  if (unknownZones.length)
    throw new CommitmentError('invalid-overrides', 'invalid commitment overrides', unknownZones);

  const terms = ProfileTerms.safeParse(mergeTerms(catalog.defaults, profile.terms, patch.data));
  if (!terms.success) {
    throw new CommitmentError(
      'invalid-overrides',
      'the overrides leave the terms incomplete',
      issuesFromZod(terms.error),
    );
  }
  return { profileId: profile.id, name: profile.name, ...terms.data };
}
