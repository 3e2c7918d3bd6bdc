import { claimMove } from './claim.move.ts';
import { ejectMove } from './eject.move.ts';
import { exchangeMove } from './exchange.move.ts';
import type { Move } from './move.ts';
import { orOptMove } from './or-opt.move.ts';
import { pickupShiftMove } from './pickup-shift.move.ts';
import { regroupMove } from './regroup.move.ts';
import { relocateMove } from './relocate.move.ts';
import { resupplyMove } from './resupply.move.ts';
import { ruinRecreateMove } from './ruin-recreate.move.ts';
import { stringRemovalMove } from './string-removal.move.ts';
import { supplySwapMove } from './supply-swap.move.ts';
import { twoOptStarMove } from './two-opt-star.move.ts';

export type { Move } from './move.ts';

/** Every move the search uses; a new move is a new file listed here. */
export const MOVES: readonly Move[] = [
  relocateMove,
  exchangeMove,
  orOptMove,
  twoOptStarMove,
  ejectMove,
  ruinRecreateMove,
  stringRemovalMove,
  resupplyMove,
  supplySwapMove,
  pickupShiftMove,
  claimMove,
  regroupMove,
];
