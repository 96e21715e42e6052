/**
 * Shortest paths in the explored graph without parent pointers: states are
 * numbered in BFS order, so a state's BFS parent is the first state of the
 * level before it with an edge to it (the one that found it first), and the
 * thread is the first one whose step leads there. The path is the same one a
 * parent array would give, for a scan of one level per step instead of 4
 * bytes per state.
 */
import { successor, type StateGraph } from './graph.js';

export interface GraphPath {
  /** States from the initial state to the target. */
  ids: number[];
  /** threads[i]: the thread whose step leads from ids[i] to ids[i + 1]. */
  threads: number[];
}

export function levelOf(graph: StateGraph, id: number): number {
  const starts = graph.levelStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= id) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The BFS path from the initial state to `target`: a shortest one. */
export function shortestPath(graph: StateGraph, target: number): GraphPath {
  const ids = [target];
  const threads: number[] = [];
  const T = graph.threads;
  for (let level = levelOf(graph, target); level > 0; level--) {
    const to = ids[ids.length - 1]!;
    const end = Math.min(graph.levelStarts[level]!, graph.explored);
    let found = -1;
    for (let from = graph.levelStarts[level - 1]!; from < end && found < 0; from++) {
      const first = graph.edgeStart[from]!;
      const last = graph.edgeStart[from + 1]!;
      for (let e = first; e < last; e++) {
        if (graph.edgeTo[e] !== to) continue;
        found = from;
        for (let t = 0; t < T; t++) {
          if (successor(graph, from, t) === to) {
            threads.push(t);
            break;
          }
        }
        break;
      }
    }
    if (found < 0) throw new Error(`internal: state ${to} of level ${level} has no predecessor in level ${level - 1}`);
    ids.push(found);
  }
  ids.reverse();
  threads.reverse();
  return { ids, threads };
}
