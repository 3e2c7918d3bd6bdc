/** A node of an engineer's route in the MIP: the start, a ticket, a pickup at a stock location, or the end. */
export type RouteNode =
  | { kind: 'start' }
  | { kind: 'ticket'; ticket: number }
  | { kind: 'pickup'; location: number }
  | { kind: 'end' };

/** A stable key per node, for maps and variable names. */
export function nodeKey(node: RouteNode): string {
  return node.kind === 'ticket'
    ? `t${node.ticket}`
    : node.kind === 'pickup'
      ? `p${node.location}`
      : node.kind;
}
