import type { Assignment } from '../plan.schema.ts';
import type { ExactInstance } from './instance.ts';

/** Sentences a dispatcher reads: why a ticket is left out, why another engineer did not get it. */
export function unassignedReason(
  instance: ExactInstance,
  ticketIndex: number,
  provenOptimal: boolean,
): string {
  const ticket = instance.tickets[ticketIndex]!;
  const { skill, minSkillLevel, pin } = ticket.source;
  const levelOf = (engineer: number) => instance.problem.engineers[engineer]!.skills[skill] ?? 0;
  const qualified = instance.engineers.filter((engineer) => levelOf(engineer.index) >= minSkillLevel);
  if (qualified.length === 0) return `no engineer with ${skill} ≥ ${minSkillLevel}`;
  if (pin && !qualified.some((engineer) => engineer.id === pin.engineer))
    return `pinned engineer ${pin.engineer} lacks ${skill} ≥ ${minSkillLevel}`;
  if (ticket.eligible.length === 0)
    return pin
      ? `pinned engineer ${pin.engineer} cannot arrive and finish before shift end`
      : `no engineer with ${skill} ≥ ${minSkillLevel} can arrive and finish before shift end`;

  for (const need of ticket.needs) {
    const inStock = need.fits.reduce(
      (sum, sku) =>
        sum +
        instance.stockLocations.reduce((total, location) => total + instance.stockQty(location, sku), 0) +
        ticket.eligible.reduce(
          (total, engineer) => total + (instance.engineers[engineer]!.van.get(sku) ?? 0),
          0,
        ),
      0,
    );
    if (inStock < need.qty) return `not enough ${need.sku} in stock (needs ${need.qty}, ${inStock} held)`;
  }
  if (ticket.unitSkus) {
    const units = ticket.unitSkus.some((sku) =>
      instance.stockLocations.some((l) => instance.stockQty(l, sku) > 0),
    );
    if (!units) return `no spare unit of model ${ticket.source.spareUnit!.model} in stock`;
  }
  return provenOptimal
    ? 'left out by the proven optimum: every way to serve it costs more weighted commitments elsewhere or breaks a shift, capacity or stock limit'
    : 'not placed in the best plan found within the time limit';
}

/** Up to three other engineers and why the plan does not use them for this ticket. */
export function alternativesFor(
  instance: ExactInstance,
  ticketIndex: number,
  chosen: number,
): Assignment['alternatives'] {
  const ticket = instance.tickets[ticketIndex]!;
  const { skill, minSkillLevel, pin } = ticket.source;
  return instance.engineers
    .filter((engineer) => engineer.index !== chosen)
    .slice(0, 3)
    .map((engineer) => {
      const level = instance.problem.engineers[engineer.index]!.skills[skill] ?? 0;
      let rejected = 'serving it there makes the lexicographic objective worse';
      if (level < minSkillLevel) rejected = `skill ${skill} ${level} < ${minSkillLevel}`;
      else if (pin && pin.engineer !== engineer.id) rejected = `ticket is pinned to ${pin.engineer}`;
      else if (!ticket.eligible.includes(engineer.index))
        rejected = 'cannot arrive and finish it within the shift';
      return { engineer: engineer.id, rejected };
    });
}
