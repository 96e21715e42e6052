/**
 * Liveness under per-thread weak fairness, by strongly connected components
 * of the state graph. A property "P ~> Q" fails exactly when the subgraph of
 * states satisfying P /\ ~Q has a fair SCC: one where every thread is either
 * disabled somewhere in it or takes a step inside it. (A step that leaves the
 * state unchanged is no step for WF_vars: it neither enables nor satisfies.)
 * A single state whose threads are all disabled is fair too: it stutters.
 */
import { DISABLED, type StateGraph } from './explore.js';

export interface FairComponent {
  /** The states of the component, ascending. */
  members: number[];
}

/**
 * The fair SCC of the subgraph induced by `inside` whose smallest state id is
 * smallest (states are numbered in BFS order, so its entry is the closest to
 * the initial state and the counterexample's prefix is short), or null.
 */
/** Tarjan's work arrays, reused across the properties checked on one graph. */
export class SccScratch {
  readonly index: Int32Array;
  readonly low: Int32Array;
  readonly onStack: Uint8Array;
  readonly compOf: Int32Array;
  readonly stack: Int32Array;
  readonly callNode: Int32Array;
  readonly callEdge: Int32Array;

  constructor(n: number) {
    this.index = new Int32Array(n);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
    this.compOf = new Int32Array(n);
    this.stack = new Int32Array(n);
    this.callNode = new Int32Array(n);
    this.callEdge = new Int32Array(n);
  }
}

export function findFairComponent(graph: StateGraph, inside: (id: number) => boolean, scratch = new SccScratch(graph.store.count)): FairComponent | null {
  const n = graph.store.count;
  const T = graph.threads;
  const succ = graph.succ;
  const { index, low, onStack, compOf, stack, callNode, callEdge } = scratch;
  index.fill(-1);
  compOf.fill(-1);
  onStack.fill(0);
  let sp = 0;
  let counter = 0;
  let compCount = 0;
  let best: number[] | null = null;
  let bestMin = Infinity;

  for (let root = 0; root < n; root++) {
    if (index[root] !== -1 || !inside(root)) continue;
    let csp = 0;
    callNode[0] = root;
    callEdge[0] = 0;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (csp >= 0) {
      const v = callNode[csp]!;
      let pushed = false;
      while (callEdge[csp]! < T) {
        const t = callEdge[csp]!++;
        const w = succ[v * T + t]!;
        if (w === DISABLED || w === v || !inside(w)) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          csp++;
          callNode[csp] = w;
          callEdge[csp] = 0;
          pushed = true;
          break;
        } else if (onStack[w]) {
          if (index[w]! < low[v]!) low[v] = index[w]!;
        }
      }
      if (pushed) continue;
      if (low[v] === index[v]) {
        const members: number[] = [];
        let w: number;
        let min = Infinity;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          compOf[w] = compCount;
          members.push(w);
          if (w < min) min = w;
        } while (w !== v);
        if (min < bestMin && isFair(graph, members, compOf, compCount)) {
          best = members;
          bestMin = min;
        }
        compCount++;
      }
      csp--;
      if (csp >= 0) {
        const parent = callNode[csp]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return best === null ? null : { members: best.sort((a, b) => a - b) };
}

/** Every thread is disabled somewhere in the component or steps inside it. */
function isFair(graph: StateGraph, members: number[], compOf: Int32Array, comp: number): boolean {
  const T = graph.threads;
  for (let t = 0; t < T; t++) {
    let ok = false;
    for (const s of members) {
      const w = graph.succ[s * T + t]!;
      if (w === DISABLED || w === s || compOf[w] === comp) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

/**
 * A cycle through the component that starts and ends at its smallest state and
 * is fair: for each thread it takes one of its steps inside the component, or
 * passes a state where the thread is disabled. Returns the states of the
 * cycle (first = last = the entry) and the thread of each step; a component
 * of one state with no step inside it gives [entry] (stuttering).
 */
export function fairCycle(graph: StateGraph, component: FairComponent): { states: number[]; threads: number[] } {
  const T = graph.threads;
  const inComp = new Set(component.members);
  const entry = component.members[0]!;
  const waypoints: { from: number; thread: number; to: number }[] = [];
  const visits: number[] = [];
  for (let t = 0; t < T; t++) {
    let edge: { from: number; thread: number; to: number } | null = null;
    let disabledAt = -1;
    for (const s of component.members) {
      const w = graph.succ[s * T + t]!;
      if (w !== DISABLED && w !== s && inComp.has(w)) {
        edge = { from: s, thread: t, to: w };
        break;
      }
      if ((w === DISABLED || w === s) && disabledAt < 0) disabledAt = s;
    }
    if (edge) waypoints.push(edge);
    else if (disabledAt >= 0) visits.push(disabledAt);
  }
  if (waypoints.length === 0 && visits.every((v) => v === entry)) return { states: [entry], threads: [] };

  const states = [entry];
  const threads: number[] = [];
  let at = entry;
  const walkTo = (target: number): void => {
    const path = shortestPathWithin(graph, inComp, at, target);
    for (const step of path) {
      threads.push(step.thread);
      states.push(step.to);
    }
    at = target;
  };
  for (const v of visits) walkTo(v);
  for (const e of waypoints) {
    walkTo(e.from);
    threads.push(e.thread);
    states.push(e.to);
    at = e.to;
  }
  walkTo(entry);
  return { states, threads };
}

function shortestPathWithin(graph: StateGraph, inComp: Set<number>, from: number, to: number): { thread: number; to: number }[] {
  if (from === to) return [];
  const T = graph.threads;
  const prev = new Map<number, { from: number; thread: number }>();
  const queue = [from];
  const seen = new Set([from]);
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi]!;
    for (let t = 0; t < T; t++) {
      const w = graph.succ[v * T + t]!;
      if (w === DISABLED || w === v || !inComp.has(w) || seen.has(w)) continue;
      seen.add(w);
      prev.set(w, { from: v, thread: t });
      if (w === to) {
        const path: { thread: number; to: number }[] = [];
        for (let x = to; x !== from;) {
          const p = prev.get(x)!;
          path.push({ thread: p.thread, to: x });
          x = p.from;
        }
        return path.reverse();
      }
      queue.push(w);
    }
  }
  throw new Error(`internal: no path from ${from} to ${to} inside a strongly connected component`);
}
