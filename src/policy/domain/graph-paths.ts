import type { DependencyGraph } from './facts.js';

/**
 * Shortest paths from the project roots, from one breadth-first walk done on
 * first use. A component's depth does not depend on edge order; among its
 * predecessors one level up, the one with the smallest ref is kept as its
 * parent, so the same graph always gives the same path whatever order its
 * edges were added in, without sorting any adjacency list.
 */
export interface GraphPaths {
  pathTo(ref: string): string[];
}

interface Walk {
  /** ref -> position in `order` */
  position: Map<string, number>;
  /** refs in the order the walk reached them */
  order: string[];
  depth: number[];
  /** position of the parent, -1 for a root */
  parent: number[];
}

export function graphPaths(graph: DependencyGraph): GraphPaths {
  let walked: Walk | undefined;
  const walk = (): Walk => {
    // One map and three arrays: the walk touches every component, so it keeps map operations to one per edge.
    const position = new Map<string, number>();
    const order: string[] = [];
    const depth: number[] = [];
    const parent: number[] = [];
    for (const root of graph.roots) {
      if (position.has(root)) continue;
      position.set(root, order.length);
      order.push(root);
      depth.push(0);
      parent.push(-1);
    }
    for (let head = 0; head < order.length; head++) {
      const targets = graph.edges.get(order[head] as string);
      if (!targets) continue;
      const level = (depth[head] as number) + 1;
      for (const to of targets) {
        const known = position.get(to);
        if (known === undefined) {
          position.set(to, order.length);
          order.push(to);
          depth.push(level);
          parent.push(head);
        } else if (depth[known] === level && (order[head] as string) < (order[parent[known] as number] as string)) {
          parent[known] = head;
        }
      }
    }
    return { position, order, depth, parent };
  };
  return {
    pathTo(ref) {
      walked ??= walk();
      const path: string[] = [];
      for (let at = walked.position.get(ref) ?? -1; at >= 0; at = walked.parent[at] as number) path.push(walked.order[at] as string);
      return path.reverse();
    },
  };
}
