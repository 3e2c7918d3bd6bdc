import { addDays } from '../commitments/zoned-time.ts';
import type { Equipment, EquipmentWarranty, WarrantyCardStatus } from './equipment.schemas.ts';

/**
 * Days after the sale by which the warranty card must reach the vendor, or the warranty claim is
 * not recognised (commitments.md, "Registration"). The installed base records the installation
 * date, which stands for the sale date here.
 */
export const WARRANTY_CARD_DAYS = 20;

function cardStatus(receivedOn: string | null, dueBy: string, at: string): WarrantyCardStatus {
  if (receivedOn !== null) return receivedOn <= dueBy ? 'received' : 'late';
  return at <= dueBy ? 'pending' : 'missing';
}

/** Which components of a piece of equipment are in warranty on day `at` (ISO dates compare as text). */
export function warrantyOn(equipment: Equipment, at: string): EquipmentWarranty {
  const dueBy = addDays(equipment.installedOn, WARRANTY_CARD_DAYS);
  const status = cardStatus(equipment.warrantyCardReceivedOn, dueBy, at);
  const recognised = status === 'received' || status === 'pending';
  return {
    equipmentId: equipment.id,
    at,
    warrantyCard: { receivedOn: equipment.warrantyCardReceivedOn, dueBy, status },
    components: equipment.components.map((component) => {
      const withinTerm = at <= component.warrantyEnd;
      return { ...component, withinTerm, inWarranty: withinTerm && recognised };
    }),
  };
}
