/**
 * Min-cost transportation: ship every unit of `supply` to `demand` (Σ supply ≤ Σ demand) at least
 * total cost, cost(i, j) ≥ 0 per unit. Successive shortest paths with Dijkstra on reduced costs
 * (Johnson potentials) over the dense bipartite residual graph; exact, and integral because
 * supplies and demands are integers. Small: O(augmentations × (S + D)²).
 */
export interface Shipment {
  readonly from: number;
  readonly to: number;
  readonly units: number;
}

export function minCostTransport(
  supply: readonly number[],
  demand: readonly number[],
  cost: (from: number, to: number) => number,
): Shipment[] {
  const S = supply.length;
  const D = demand.length;
  const c = Array.from({ length: S }, (_, i) => Array.from({ length: D }, (_, j) => cost(i, j)));
  const flow = Array.from({ length: S }, () => new Array<number>(D).fill(0));
  const supplyLeft = [...supply];
  const demandLeft = [...demand];
  // Nodes: sources 0..S-1, sinks S..S+D-1. Potentials keep reduced costs non-negative.
  const potential = new Array<number>(S + D).fill(0);
  let remaining = supply.reduce((a, b) => a + b, 0);
  if (remaining > demand.reduce((a, b) => a + b, 0)) throw new Error('supply exceeds demand');
  while (remaining > 0) {
    const distance = new Array<number>(S + D).fill(Number.POSITIVE_INFINITY);
    const previous = new Array<number>(S + D).fill(-1);
    const done = new Array<boolean>(S + D).fill(false);
    for (let i = 0; i < S; i++) if (supplyLeft[i]! > 0) distance[i] = 0;
    for (;;) {
      let u = -1;
      for (let v = 0; v < S + D; v++) if (!done[v] && (u < 0 || distance[v]! < distance[u]!)) u = v;
      if (u < 0 || distance[u] === Number.POSITIVE_INFINITY) break;
      done[u] = true;
      if (u < S) {
        // Forward arcs source → sink, unlimited capacity.
        for (let j = 0; j < D; j++) {
          const reduced = c[u]![j]! + potential[u]! - potential[S + j]!;
          if (distance[u]! + reduced < distance[S + j]!) {
            distance[S + j] = distance[u]! + reduced;
            previous[S + j] = u;
          }
        }
      } else {
        // Backward arcs sink → source where flow can be undone.
        const j = u - S;
        for (let i = 0; i < S; i++) {
          if (flow[i]![j]! <= 0) continue;
          const reduced = -c[i]![j]! + potential[u]! - potential[i]!;
          if (distance[u]! + reduced < distance[i]!) {
            distance[i] = distance[u]! + reduced;
            previous[i] = u;
          }
        }
      }
    }
    let sink = -1;
    for (let j = 0; j < D; j++)
      if (
        demandLeft[j]! > 0 &&
        distance[S + j]! < Number.POSITIVE_INFINITY &&
        (sink < 0 || distance[S + j]! < distance[S + sink]!)
      )
        sink = j;
    if (sink < 0) throw new Error('no augmenting path');
    // Potentials move by min(distance, distance to the chosen sink), which keeps every residual
    // arc's reduced cost non-negative for the next Dijkstra.
    const reach = distance[S + sink]!;
    for (let v = 0; v < S + D; v++) potential[v]! += Math.min(distance[v]!, reach);
    const path: number[] = [S + sink];
    while (previous[path[path.length - 1]!] !== -1) path.push(previous[path[path.length - 1]!]!);
    const origin = path[path.length - 1]!;
    let amount = Math.min(supplyLeft[origin]!, demandLeft[sink]!);
    for (let k = path.length - 1; k > 0; k--) {
      const from = path[k]!;
      const to = path[k - 1]!;
      if (from >= S) amount = Math.min(amount, flow[to]![from - S]!); // backward arc
    }
    for (let k = path.length - 1; k > 0; k--) {
      const from = path[k]!;
      const to = path[k - 1]!;
      if (from < S) flow[from]![to - S]! += amount;
      else flow[to]![from - S]! -= amount;
    }
    supplyLeft[origin]! -= amount;
    demandLeft[sink]! -= amount;
    remaining -= amount;
  }
  const shipments: Shipment[] = [];
  for (let i = 0; i < S; i++)
    for (let j = 0; j < D; j++) if (flow[i]![j]! > 0) shipments.push({ from: i, to: j, units: flow[i]![j]! });
  return shipments;
}
