import { z } from 'zod';
import { CoverageInput } from './types.ts';

/**
 * `CoverageInput` plus the cross-references a field-level schema cannot see: ids unique, every
 * model, location and site named elsewhere exists. A failure is a ZodError whose path names the
 * field, so the service can answer 400 without knowing the rules.
 */
export const CheckedCoverageInput = CoverageInput.superRefine((input, context) => {
  const issue = (path: (string | number)[], message: string) =>
    context.addIssue({ code: 'custom', path, message });
  const unique = (field: 'models' | 'locations' | 'sites') => {
    const seen = new Set<string>();
    input[field].forEach((item, i) => {
      if (seen.has(item.id)) issue([field, i, 'id'], `duplicate id ${item.id}`);
      seen.add(item.id);
    });
    return seen;
  };
  const models = unique('models');
  const locations = unique('locations');
  const sites = unique('sites');
  input.locations.forEach((location, i) => {
    for (const modelId of Object.keys(location.stock))
      if (!models.has(modelId)) issue(['locations', i, 'stock', modelId], `unknown model ${modelId}`);
  });
  input.sites.forEach((site, i) =>
    site.demands.forEach((demand, d) => {
      if (!models.has(demand.modelId))
        issue(['sites', i, 'demands', d, 'modelId'], `unknown model ${demand.modelId}`);
    }),
  );
  input.travel.forEach((leg, i) => {
    if (!locations.has(leg.locationId))
      issue(['travel', i, 'locationId'], `unknown location ${leg.locationId}`);
    if (!sites.has(leg.siteId)) issue(['travel', i, 'siteId'], `unknown site ${leg.siteId}`);
  });
  input.transferCost.pairs.forEach((pair, i) => {
    if (!locations.has(pair.from))
      issue(['transferCost', 'pairs', i, 'from'], `unknown location ${pair.from}`);
    if (!locations.has(pair.to)) issue(['transferCost', 'pairs', i, 'to'], `unknown location ${pair.to}`);
  });
});

export function parseCoverageInput(input: z.input<typeof CoverageInput>): CoverageInput {
  return CheckedCoverageInput.parse(input);
}
