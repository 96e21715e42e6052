/**
 * Among the shortest paths to a state, one on which the fewest threads move:
 * a reader follows two columns more easily than three. The BFS levels give
 * every shortest path (an edge from level l to level l + 1 of a state that
 * reaches the target); a forward pass over that cone keeps, per state, the
 * minimal sets of threads (bit masks, at most CAP of them, fewest threads
 * first) that some shortest path to it uses; a backward pass then picks a
 * path within the best set for the target. The cone is the part of the
 * graph below the target's level, so this costs a scan of those levels'
 * edges, as shortestPath's does.
 */
import { popcount, type StateGraph } from './graph.js';
import { levelOf, shortestPath, type GraphPath } from './paths.js';

/** Masks kept per state; past it the ones with most threads go (the result is then a good path, perhaps not the best). */
const CAP = 32;

export function fewestThreadsPath(graph: StateGraph, target: number): GraphPath {
  const top = levelOf(graph, target);
  if (top === 0) return { ids: [target], threads: [] };
  const { levelStarts, edgeStart, edgeTo } = graph;
  const levelEnd = (l: number): number => Math.min(levelStarts[l + 1] ?? graph.store.count, graph.store.count);
  // States of a level past `explored` have no edges yet (a run stopped at a violation mid-level).
  const withEdges = (l: number): number => Math.min(levelEnd(l), graph.explored);
  // The cone: states of levels < top with an edge to a cone state of the next level.
  const inCone = new Uint8Array(levelEnd(top));
  inCone[target] = 1;
  for (let l = top - 1; l >= 0; l--) {
    const nextFrom = levelStarts[l + 1]!;
    const nextTo = levelEnd(l + 1);
    for (let u = levelStarts[l]!; u < withEdges(l); u++) {
      for (let e = edgeStart[u]!; e < edgeStart[u + 1]!; e++) {
        const v = edgeTo[e]!;
        if (v >= nextFrom && v < nextTo && inCone[v] === 1) {
          inCone[u] = 1;
          break;
        }
      }
    }
  }
  // Forward: the minimal thread sets of shortest paths from the initial state.
  const sets = new Map<number, number[]>([[0, [0]]]);
  for (let l = 0; l < top; l++) {
    const nextFrom = levelStarts[l + 1]!;
    const nextTo = levelEnd(l + 1);
    for (let u = levelStarts[l]!; u < withEdges(l); u++) {
      if (inCone[u] !== 1) continue;
      const from = sets.get(u)!;
      forEachEdge(graph, u, (t, v) => {
        if (v < nextFrom || v >= nextTo || inCone[v] !== 1) return;
        let to = sets.get(v);
        if (to === undefined) sets.set(v, (to = []));
        for (const m of from) addMinimal(to, m | (1 << t));
      });
    }
    for (let u = levelStarts[l]!; u < levelEnd(l); u++) sets.delete(u);
  }
  const best = sets.get(target)!.reduce((a, b) => (popcount(b) < popcount(a) ? b : a));
  // Backward: a path whose threads all lie in `best`, through states that
  // the initial state reaches by such steps (the target is one of them).
  const within = reachableWithin(graph, inCone, top, best);
  const ids = [target];
  const threads: number[] = [];
  for (let l = top; l > 0; l--) {
    const v = ids[ids.length - 1]!;
    let found = -1;
    for (let u = levelStarts[l - 1]!; u < withEdges(l - 1) && found < 0; u++) {
      if (within[u] !== 1) continue;
      forEachEdge(graph, u, (t, w) => {
        if (found < 0 && w === v && (best & (1 << t)) !== 0) {
          found = u;
          threads.push(t);
        }
      });
    }
    if (found < 0) return shortestPath(graph, target); // cannot happen; the BFS path is still a shortest one
    ids.push(found);
  }
  ids.reverse();
  threads.reverse();
  return { ids, threads };
}

/** Calls f(thread, successor) for each edge of an explored state, in thread order. */
function forEachEdge(graph: StateGraph, u: number, f: (t: number, v: number) => void): void {
  let mask = graph.enabled[u]!;
  let e = graph.edgeStart[u]!;
  while (mask !== 0) {
    const t = 31 - Math.clz32(mask & -mask);
    f(t, graph.edgeTo[e++]!);
    mask &= mask - 1;
  }
}

/** Adds m to an antichain of minimal masks: unless a subset of it is there; dropping its supersets; keeping at most CAP. */
function addMinimal(masks: number[], m: number): void {
  for (const x of masks) if ((x & ~m) === 0) return;
  for (let i = masks.length - 1; i >= 0; i--) if ((m & ~masks[i]!) === 0) masks.splice(i, 1);
  masks.push(m);
  if (masks.length > CAP) {
    masks.sort((a, b) => popcount(a) - popcount(b));
    masks.length = CAP;
  }
}

/** Cone states reached from the initial state by shortest-path edges of threads in `allowed`. */
function reachableWithin(graph: StateGraph, inCone: Uint8Array, top: number, allowed: number): Uint8Array {
  const { levelStarts } = graph;
  const within = new Uint8Array(inCone.length);
  within[0] = 1;
  for (let l = 0; l < top; l++) {
    const nextFrom = levelStarts[l + 1]!;
    const nextTo = Math.min(levelStarts[l + 2] ?? graph.store.count, graph.store.count);
    for (let u = levelStarts[l]!; u < Math.min(nextFrom, graph.explored); u++) {
      if (within[u] !== 1) continue;
      forEachEdge(graph, u, (t, v) => {
        if ((allowed & (1 << t)) !== 0 && v >= nextFrom && v < nextTo && inCone[v] === 1) within[v] = 1;
      });
    }
  }
  return within;
}
