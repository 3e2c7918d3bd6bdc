/**
 * The supersession graph: an edge from a newer SKU to each SKU it replaces. A need for an old SKU
 * may be met by walking edges backwards, so the graph must stay acyclic: in a cycle every SKU
 * would, transitively, replace itself.
 */
export type SupersessionGraph = ReadonlyMap<string, readonly string[]>;

/**
 * A cycle reachable from `starts` (every node when omitted), as the path that closes it
 * (`['A', 'B', 'A']`), or undefined when there is none. Iterative depth-first search, so that a
 * long chain of replacements cannot overflow the stack.
 */
export function findSupersessionCycle(
  graph: SupersessionGraph,
  starts?: Iterable<string>,
): string[] | undefined {
  const done = new Set<string>();
  const onPath = new Map<string, number>();
  for (const start of starts ?? graph.keys()) {
    if (done.has(start)) continue;
    const path: string[] = [start];
    const nextEdge: number[] = [0];
    onPath.set(start, 0);
    while (path.length > 0) {
      const node = path[path.length - 1]!;
      const edges = graph.get(node) ?? [];
      const index = nextEdge[nextEdge.length - 1]!;
      if (index < edges.length) {
        nextEdge[nextEdge.length - 1] = index + 1;
        const next = edges[index]!;
        const position = onPath.get(next);
        if (position !== undefined) return [...path.slice(position), next];
        if (done.has(next)) continue;
        onPath.set(next, path.length);
        path.push(next);
        nextEdge.push(0);
      } else {
        onPath.delete(node);
        done.add(node);
        path.pop();
        nextEdge.pop();
      }
    }
  }
  return undefined;
}

/** The graph with the supersession lists of some SKUs replaced by new ones. */
export function withSupersessions(
  graph: SupersessionGraph,
  replaced: Iterable<{ id: string; supersedes: readonly string[] }>,
): Map<string, readonly string[]> {
  const next = new Map<string, readonly string[]>(graph);
  for (const sku of replaced) next.set(sku.id, sku.supersedes);
  return next;
}
