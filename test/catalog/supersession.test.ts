import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSupersessionCycle, withSupersessions } from '../../src/catalog/supersession.ts';

const graphOf = (edges: Array<[string, string]>) => {
  const graph = new Map<string, string[]>();
  for (const [from, to] of edges) graph.set(from, [...(graph.get(from) ?? []), to]);
  return graph;
};

/** A cycle is a path along existing edges that starts and ends on the same SKU. */
function isCycleOf(graph: Map<string, readonly string[]>, cycle: string[]): boolean {
  if (cycle.length < 2 || cycle[0] !== cycle[cycle.length - 1]) return false;
  return cycle.slice(1).every((to, i) => (graph.get(cycle[i]!) ?? []).includes(to));
}

/** Reference answer: a graph is acyclic when repeatedly removing nodes without out-edges empties it. */
function isAcyclic(graph: Map<string, readonly string[]>): boolean {
  const remaining = new Map([...graph].map(([node, edges]) => [node, new Set(edges)]));
  for (const edges of graph.values())
    for (const to of edges) if (!remaining.has(to)) remaining.set(to, new Set());
  let removed = true;
  while (removed) {
    removed = false;
    for (const [node, edges] of remaining)
      if ([...edges].every((to) => !remaining.has(to))) {
        remaining.delete(node);
        removed = true;
      }
  }
  return remaining.size === 0;
}

describe('findSupersessionCycle', () => {
  it('finds none in a chain and in a diamond', () => {
    expect(
      findSupersessionCycle(
        graphOf([
          ['C', 'B'],
          ['B', 'A'],
        ]),
      ),
    ).toBeUndefined();
    expect(
      findSupersessionCycle(
        graphOf([
          ['D', 'B'],
          ['D', 'C'],
          ['B', 'A'],
          ['C', 'A'],
        ]),
      ),
    ).toBeUndefined();
  });

  it('returns the closing path of a cycle, a self-supersession included', () => {
    expect(
      findSupersessionCycle(
        graphOf([
          ['A', 'B'],
          ['B', 'C'],
          ['C', 'A'],
        ]),
      ),
    ).toEqual(['A', 'B', 'C', 'A']);
    expect(findSupersessionCycle(graphOf([['A', 'A']]))).toEqual(['A', 'A']);
  });

  it('only searches from the starts it is given', () => {
    const graph = graphOf([
      ['X', 'Y'],
      ['Y', 'X'],
      ['A', 'B'],
    ]);
    expect(findSupersessionCycle(graph, ['A'])).toBeUndefined();
    expect(findSupersessionCycle(graph, ['A', 'Y'])).toEqual(['Y', 'X', 'Y']);
  });

  it('walks a chain of twenty thousand replacements without overflowing the stack', () => {
    const edges = Array.from({ length: 20_000 }, (_, i): [string, string] => [`S${i + 1}`, `S${i}`]);
    expect(findSupersessionCycle(graphOf(edges))).toBeUndefined();
    expect(
      findSupersessionCycle(withSupersessions(graphOf(edges), [{ id: 'S0', supersedes: ['S20000'] }])),
    ).toHaveLength(20_002);
  });

  it('agrees with a reference check on random graphs, and every cycle it returns is real', () => {
    const node = fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F');
    fc.assert(
      fc.property(fc.array(fc.tuple(node, node), { maxLength: 12 }), (edges) => {
        const graph = graphOf(edges);
        const cycle = findSupersessionCycle(graph);
        expect(cycle === undefined).toBe(isAcyclic(graph));
        if (cycle) expect(isCycleOf(graph, cycle)).toBe(true);
      }),
    );
  });
});
