/**
 * Breadth-first exploration of a compiled model: the reachable state graph
 * with, per state, its BFS parent and its successor under each thread (a
 * thread's step is deterministic, so at most one). Invariants and deadlock
 * are checked as states are found, so a violation's path is a shortest one.
 */
import type { Machine } from './compile.js';
import { StateStore } from './state-store.js';
import { StepFailure } from '../model/vocabulary.js';

/** No successor: the thread is done or its step is blocked. */
export const DISABLED = -1;

export interface StateGraph {
  machine: Machine;
  store: StateStore;
  threads: number;
  /** BFS parent of each state (-1 for the initial state). */
  parent: Int32Array;
  /** succ[id * threads + t]: the state thread t's step leads to, or DISABLED. */
  succ: Int32Array;
  /** Bit t set when thread t is on a wait queue in that state. */
  waiting: Int32Array;
  /** Bit t set when thread t has reached Done. */
  done: Int32Array;
  /** Number of states explored (successors computed). */
  explored: number;
  transitions: number;
  /** BFS levels, counted as TLC counts its search depth (the initial state is depth 1). */
  depth: number;
}

export type ExploreOutcome =
  | { kind: 'complete' }
  | { kind: 'invariant'; name: string; state: number }
  | { kind: 'deadlock'; state: number }
  | { kind: 'limit'; maxStates: number; byDefault: boolean }
  | { kind: 'stepFailure'; failure: StepFailure; state: number; thread: number };

export interface Progress {
  states: number;
  queue: number;
  transitions: number;
  seconds: number;
}

/**
 * Without --max-states a run still stops here, rather than grow until memory
 * runs out (a model with an unbounded counter never ends).
 */
export const DEFAULT_MAX_STATES = 20_000_000;

export interface ExploreOptions {
  maxStates?: number;
  /** Called about twice a second during long runs. */
  onProgress?: (p: Progress) => void;
}

class GrowableInt32 {
  data: Int32Array;
  constructor(capacity: number, private readonly fill = 0) {
    this.data = new Int32Array(capacity).fill(fill);
  }
  ensure(n: number): void {
    if (n <= this.data.length) return;
    let cap = this.data.length;
    while (cap < n) cap *= 2;
    const grown = new Int32Array(cap).fill(this.fill);
    grown.set(this.data);
    this.data = grown;
  }
}

export function explore(machine: Machine, options: ExploreOptions = {}): { graph: StateGraph; outcome: ExploreOutcome } {
  const { layout } = machine;
  const T = layout.threads.length;
  const width = layout.size;
  const store = new StateStore(width);
  const parent = new GrowableInt32(1 << 14, -1);
  const succ = new GrowableInt32((1 << 14) * T, DISABLED);
  const waiting = new GrowableInt32(1 << 14);
  const done = new GrowableInt32(1 << 14);
  const doneLabel = layout.threads.map((s) => s.labels.length);
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const byDefault = options.maxStates === undefined;
  const started = performance.now();
  let lastReport = started;

  const graph = (): StateGraph => ({
    machine,
    store,
    threads: T,
    parent: parent.data,
    succ: succ.data,
    waiting: waiting.data,
    done: done.data,
    explored,
    transitions,
    depth,
  });
  const noteState = (id: number, s: Int32Array, from: number): void => {
    parent.ensure(id + 1);
    waiting.ensure(id + 1);
    done.ensure(id + 1);
    parent.data[id] = from;
    waiting.data[id] = machine.vocab.waitingMask(s);
    let d = 0;
    for (let t = 0; t < T; t++) if (s[layout.pcOff + t] === doneLabel[t]) d |= 1 << t;
    done.data[id] = d;
  };

  let explored = 0;
  let transitions = 0;
  let depth = 1;
  const init = machine.initial;
  store.intern(init);
  noteState(0, init, -1);
  const initViolation = machine.violatedInvariant(init);
  if (initViolation >= 0) return { graph: graph(), outcome: { kind: 'invariant', name: machine.invariantNames[initViolation]!, state: 0 } };
  if (store.count >= maxStates) return { graph: graph(), outcome: { kind: 'limit', maxStates, byDefault } };

  const current = new Int32Array(width);
  const next = new Int32Array(width);
  let levelEnd = 1;
  const allDone = (1 << T) - 1;
  while (explored < store.count) {
    const id = explored;
    if (id === levelEnd) {
      depth++;
      levelEnd = store.count;
    }
    store.load(id, current);
    succ.ensure((id + 1) * T);
    let any = false;
    for (let t = 0; t < T; t++) {
      if (current[layout.pcOff + t] === doneLabel[t]) continue; // returned: no step
      for (let i = 0; i < width; i++) next[i] = current[i]!;
      let enabled: boolean;
      try {
        enabled = machine.step(t, next);
      } catch (err) {
        if (err instanceof StepFailure) return { graph: graph(), outcome: { kind: 'stepFailure', failure: err, state: id, thread: t } };
        throw err;
      }
      if (!enabled) continue;
      any = true;
      transitions++;
      const found = store.intern(next);
      const added = found < 0;
      const to = added ? ~found : found;
      succ.data[id * T + t] = to;
      if (added) {
        noteState(to, next, id);
        const bad = machine.violatedInvariant(next);
        if (bad >= 0) {
          explored = id + 1;
          return { graph: graph(), outcome: { kind: 'invariant', name: machine.invariantNames[bad]!, state: to } };
        }
        if (store.count >= maxStates) {
          explored = id + 1;
          return { graph: graph(), outcome: { kind: 'limit', maxStates, byDefault } };
        }
      }
    }
    explored = id + 1;
    if (!any && done.data[id] !== allDone && machine.model.deadlock) {
      return { graph: graph(), outcome: { kind: 'deadlock', state: id } };
    }
    if (options.onProgress && (explored & 0xfff) === 0) {
      const now = performance.now();
      if (now - lastReport > 500) {
        lastReport = now;
        options.onProgress({ states: store.count, queue: store.count - explored, transitions, seconds: (now - started) / 1000 });
      }
    }
  }
  return { graph: graph(), outcome: { kind: 'complete' } };
}
