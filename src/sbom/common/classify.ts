import type { ComponentScope } from '../model/graph.js';

/** The kind of a dependency edge as the manifest or lockfile declares it. */
export type EdgeKind = 'prod' | 'dev' | 'optional' | 'peer';

export interface TypedEdge {
  from: string;
  to: string;
  kind: EdgeKind;
}

export interface Classification {
  scope: ComponentScope;
  development: boolean;
  direct: boolean;
}

/**
 * Derives scope, development and direct flags from reachability, for
 * lockfiles that do not record them (Yarn, pnpm 9):
 * - development: not reachable from any root without crossing a dev edge;
 * - required: reachable through prod and peer edges only; otherwise optional;
 * - direct: the target of an edge that leaves a root.
 * A component no root reaches (a workspace whose manifest is absent) is kept
 * as required and non-development, the conservative reading.
 */
export function classifyByReachability(roots: readonly string[], edges: readonly TypedEdge[], refs: Iterable<string>): Map<string, Classification> {
  const out = new Map<string, TypedEdge[]>();
  for (const edge of edges) {
    let list = out.get(edge.from);
    if (!list) out.set(edge.from, (list = []));
    list.push(edge);
  }
  const walk = (allowed: (kind: EdgeKind) => boolean): Set<string> => {
    const seen = new Set<string>(roots);
    const queue = [...roots];
    while (queue.length > 0) {
      const from = queue.pop() as string;
      for (const edge of out.get(from) ?? []) {
        if (!allowed(edge.kind) || seen.has(edge.to)) continue;
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
    return seen;
  };
  const anyReach = walk(() => true);
  const runtime = walk((kind) => kind !== 'dev');
  const required = walk((kind) => kind === 'prod' || kind === 'peer');
  const rootSet = new Set(roots);
  const direct = new Set(edges.filter((e) => rootSet.has(e.from)).map((e) => e.to));

  const result = new Map<string, Classification>();
  for (const ref of refs) {
    const orphan = !anyReach.has(ref);
    const development = !orphan && !runtime.has(ref);
    const scope: ComponentScope = orphan || required.has(ref) ? 'required' : 'optional';
    result.set(ref, { scope, development, direct: direct.has(ref) });
  }
  return result;
}
