/**
 * Liveness under per-thread weak fairness, by strongly connected components
 * of the state graph. A property "P ~> Q" fails exactly when the subgraph of
 * states satisfying P /\ ~Q has a fair SCC: one where every thread is either
 * disabled somewhere in it or takes a step inside it. (A step that leaves the
 * state unchanged is no step for WF_vars: it neither enables nor satisfies.)
 * A single state whose threads are all disabled is fair too: it stutters.
 */
import { DISABLED, successor, type StateGraph } from './graph.js';

export interface FairComponent {
  /** The states of the component, ascending. */
  members: number[];
}

/**
 * What every property's search shares, computed once per graph: the
 * nontrivial strongly connected components of the whole graph (self-loops
 * ignored) and the stuck states (no thread can move except to the same
 * state). A fair component of a property's subgraph is either a stuck state
 * or lies inside one nontrivial component, so each property is searched in
 * these few states only instead of the whole graph.
 */
export interface CyclicCore {
  /** States of the nontrivial components, grouped by component. */
  nodes: Int32Array;
  /** comp[p]: the component of nodes[p]. */
  comp: Int32Array;
  /** local[id]: the position of state id in nodes, or -1. */
  local: Int32Array;
  /** Stuck states, ascending. */
  stuck: Int32Array;
}

/** Grows an Int32Array to hold one more element at `n`. */
function roomFor(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (n < a.length) return a;
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Tarjan's algorithm on the whole graph, iteratively; see CyclicCore. */
export function cyclicCore(graph: StateGraph): CyclicCore {
  const n = graph.explored;
  const { edgeStart, edgeTo } = graph;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  let stack = new Int32Array(1024);
  let callNode = new Int32Array(1024);
  let callEdge = new Int32Array(1024);
  let nodes = new Int32Array(1024);
  let comps = new Int32Array(1024);
  let size = 0;
  let compCount = 0;
  let sp = 0;
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    let csp = 0;
    callNode[0] = root;
    callEdge[0] = edgeStart[root]!;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (csp >= 0) {
      const v = callNode[csp]!;
      const end = edgeStart[v + 1]!;
      let pushed = false;
      while (callEdge[csp]! < end) {
        const w = edgeTo[callEdge[csp]++]!;
        if (w === v) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack = roomFor(stack, sp);
          stack[sp++] = w;
          onStack[w] = 1;
          csp++;
          callNode = roomFor(callNode, csp);
          callEdge = roomFor(callEdge, csp);
          callNode[csp] = w;
          callEdge[csp] = edgeStart[w]!;
          pushed = true;
          break;
        } else if (onStack[w] && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
      }
      if (pushed) continue;
      if (low[v] === index[v]) {
        if (stack[sp - 1] === v) {
          onStack[v] = 0;
          sp--;
        } else {
          let w: number;
          do {
            w = stack[--sp]!;
            onStack[w] = 0;
            nodes = roomFor(nodes, size);
            comps = roomFor(comps, size);
            nodes[size] = w;
            comps[size++] = compCount;
          } while (w !== v);
          compCount++;
        }
      }
      csp--;
      if (csp >= 0) {
        const parent = callNode[csp]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  const local = index.fill(-1);
  for (let p = 0; p < size; p++) local[nodes[p]!] = p;
  let stuck = new Int32Array(64);
  let stuckCount = 0;
  for (let id = 0; id < n; id++) {
    let moves = false;
    for (let e = edgeStart[id]!; e < edgeStart[id + 1]! && !moves; e++) moves = edgeTo[e] !== id;
    if (!moves) {
      stuck = roomFor(stuck, stuckCount);
      stuck[stuckCount++] = id;
    }
  }
  return { nodes: nodes.slice(0, size), comp: comps.slice(0, size), local, stuck: stuck.slice(0, stuckCount) };
}

/**
 * The fair SCC of the subgraph induced by `inside` whose smallest state id is
 * smallest (states are numbered in BFS order, so its entry is the closest to
 * the initial state and the counterexample's prefix is short), or null.
 */
export function findFairComponent(graph: StateGraph, core: CyclicCore, inside: (id: number) => boolean): FairComponent | null {
  let best: number[] | null = null;
  let bestMin = Infinity;
  for (const s of core.stuck) {
    if (inside(s)) {
      best = [s];
      bestMin = s;
      break;
    }
  }
  // Tarjan again, on the nontrivial components only, keeping to `inside` and to one component.
  const { nodes, comp, local } = core;
  const m = nodes.length;
  const { edgeStart, edgeTo } = graph;
  const index = new Int32Array(m).fill(-1);
  const low = new Int32Array(m);
  const onStack = new Uint8Array(m);
  const subComp = new Int32Array(m).fill(-1);
  const stack = new Int32Array(m);
  const callNode = new Int32Array(m);
  const callEdge = new Int32Array(m);
  let sp = 0;
  let counter = 0;
  let compCount = 0;
  for (let root = 0; root < m; root++) {
    if (index[root] !== -1 || !inside(nodes[root]!)) continue;
    let csp = 0;
    callNode[0] = root;
    callEdge[0] = edgeStart[nodes[root]!]!;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    while (csp >= 0) {
      const v = callNode[csp]!;
      const vid = nodes[v]!;
      const end = edgeStart[vid + 1]!;
      let pushed = false;
      while (callEdge[csp]! < end) {
        const wid = edgeTo[callEdge[csp]++]!;
        const w = local[wid]!;
        if (wid === vid || w < 0 || comp[w] !== comp[v] || !inside(wid)) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          csp++;
          callNode[csp] = w;
          callEdge[csp] = edgeStart[wid]!;
          pushed = true;
          break;
        } else if (onStack[w] && index[w]! < low[v]!) {
          low[v] = index[w]!;
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
          subComp[w] = compCount;
          members.push(nodes[w]!);
          if (nodes[w]! < min) min = nodes[w]!;
        } while (w !== v);
        if (min < bestMin && isFair(graph, members, (id) => local[id]! >= 0 && subComp[local[id]!] === compCount)) {
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
function isFair(graph: StateGraph, members: number[], inComponent: (id: number) => boolean): boolean {
  const T = graph.threads;
  for (let t = 0; t < T; t++) {
    let ok = false;
    for (const s of members) {
      const w = successor(graph, s, t);
      if (w === DISABLED || w === s || inComponent(w)) {
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
      const w = successor(graph, s, t);
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
      const w = successor(graph, v, t);
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
