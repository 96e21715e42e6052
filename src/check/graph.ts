/**
 * The reachable state graph as exploration leaves it, in compact arrays:
 * states are numbered in BFS order, and each explored state's successors are
 * one run of a shared edge array (thread order, one per enabled thread), so
 * a state costs a few bytes plus ~4 per transition instead of 4 per thread.
 * There are no parent pointers: a state's BFS parent is found again from the
 * level structure (paths.ts).
 */
import type { Machine } from './compile.js';
import type { StateStore } from './state-store.js';

/** No successor: the thread is done or its step is blocked. */
export const DISABLED = -1;

export interface StateGraph {
  machine: Machine;
  store: StateStore;
  threads: number;
  /** Successors of state id: edgeTo[edgeStart[id] .. edgeStart[id + 1]), for explored ids. */
  edgeStart: Uint32Array;
  edgeTo: Int32Array;
  /** Bit t set when thread t has a step from the state (then it has an edge, in thread order). */
  enabled: Uint16Array;
  /** Bit t set when thread t is on a wait queue in that state. */
  waiting: Uint16Array;
  /** Bit t set when thread t has reached Done. */
  done: Uint16Array;
  /** levelStarts[d]: the first state of BFS level d (level 0 holds the initial state). */
  levelStarts: number[];
  /** Number of states explored (successors computed); states [0, explored) have edges. */
  explored: number;
  transitions: number;
  /** BFS levels, counted as TLC counts its search depth (the initial state is depth 1). */
  depth: number;
}

/** The state thread t's step leads to from `id`, or DISABLED. */
export function successor(graph: StateGraph, id: number, t: number): number {
  const mask = graph.enabled[id]!;
  if ((mask & (1 << t)) === 0) return DISABLED;
  return graph.edgeTo[graph.edgeStart[id]! + popcount(mask & ((1 << t) - 1))]!;
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/** Bytes the graph's arrays take per stored state (the visited set included), for the statistics. */
export function graphBytes(graph: StateGraph): number {
  const n = graph.store.count;
  return graph.store.bytes + 4 * (graph.explored + 1) + 4 * graph.transitions + 2 * 3 * n;
}
