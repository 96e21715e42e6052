/**
 * Breadth-first exploration of a compiled model: the reachable state graph
 * (graph.ts) with each state's successor under each thread (a thread's step
 * is deterministic, so at most one). Invariants and deadlock are checked as
 * states are found, so a violation's path is a shortest one.
 */
import os from 'node:os';
import type { Machine } from './compile.js';
import type { StateGraph } from './graph.js';
import { cleanWhenBlocked } from './guards.js';
import { grownLength, nextGrowthBytes } from './growth.js';
import { StateStore } from './state-store.js';
import { StepFailure } from '../model/vocabulary.js';

export { DISABLED, type StateGraph } from './graph.js';

export type ExploreOutcome =
  | { kind: 'complete' }
  | { kind: 'invariant'; name: string; state: number }
  | { kind: 'deadlock'; state: number }
  | { kind: 'limit'; maxStates: number; byDefault: boolean }
  | { kind: 'memory'; budget: number; byDefault: boolean; held: number }
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

/**
 * Without --max-memory a run stops before its state graph would outgrow 3/4
 * of the memory free when it started (or of the cgroup limit, if lower): a
 * 15-thread model grows to gigabytes long before 20 million states.
 */
export function defaultMemoryBudget(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  const free = os.freemem();
  return Math.floor(0.75 * (constrained > 0 ? Math.min(constrained, free) : free));
}

/** Bytes per state the liveness pass allocates on top of the graph (its SCC scratch arrays). */
const LIVENESS_BYTES_PER_STATE = 24;

export interface ExploreOptions {
  maxStates?: number;
  /** Bytes the state graph may grow to (default: defaultMemoryBudget()). */
  maxMemory?: number;
  /** Called about twice a second during long runs. */
  onProgress?: (p: Progress) => void;
}

/** Grows a typed array's capacity (growth.ts) until it holds n elements. */
function grown<A extends Int32Array | Uint32Array | Uint16Array>(a: A, n: number): A {
  if (n <= a.length) return a;
  const b = new (a.constructor as new (n: number) => A)(grownLength(a.length, n, a.BYTES_PER_ELEMENT));
  b.set(a);
  return b;
}

export function explore(machine: Machine, options: ExploreOptions = {}): { graph: StateGraph; outcome: ExploreOutcome } {
  const { layout } = machine;
  const T = layout.threads.length;
  const width = layout.size;
  const pcOff = layout.pcOff;
  const store = new StateStore(width);
  let edgeStart = new Uint32Array(1 << 12);
  let edgeTo = new Int32Array(1 << 14);
  let enabled = new Uint16Array(1 << 12);
  let waiting = new Uint16Array(1 << 12);
  let done = new Uint16Array(1 << 12);
  const levelStarts = [0];
  const doneLabel = layout.threads.map((s) => s.labels.length);
  const clean = cleanWhenBlocked(layout);
  const maxStates = options.maxStates ?? DEFAULT_MAX_STATES;
  const byDefault = options.maxStates === undefined;
  const memoryBudget = options.maxMemory ?? defaultMemoryBudget();
  /**
   * What the graph holds now, and the most it can hold at its next peak:
   * arrays grow one at a time (a new, larger array, copied, then the old one
   * dropped), so that peak is what is held plus the largest array's next
   * size — or plus the liveness pass's arrays, after exploring.
   */
  const heldBytes = (): number => store.bytes + edgeStart.byteLength + edgeTo.byteLength + enabled.byteLength + waiting.byteLength + done.byteLength;
  const largestGrowth = (): number => Math.max(store.nextGrowthBytes, ...[edgeStart, edgeTo, enabled].map((a) => nextGrowthBytes(a.byteLength)));
  const nextPeak = (): number => heldBytes() + Math.max(largestGrowth(), LIVENESS_BYTES_PER_STATE * store.count);
  const outOfMemory = (): ExploreOutcome => ({ kind: 'memory', budget: memoryBudget, byDefault: options.maxMemory === undefined, held: heldBytes() });
  const started = performance.now();
  let lastReport = started;

  let explored = 0;
  let transitions = 0;
  let levelEnd = 1;
  const graph = (): StateGraph => {
    edgeStart[explored] = transitions;
    return {
      machine,
      store,
      threads: T,
      edgeStart,
      edgeTo,
      enabled,
      waiting,
      done,
      // States past levelEnd are the next level, found but not explored.
      levelStarts: levelEnd < store.count ? [...levelStarts, levelEnd] : [...levelStarts],
      explored,
      transitions,
      depth: levelStarts.length,
    };
  };
  const noteState = (id: number, s: Int32Array): void => {
    if (id >= waiting.length) {
      waiting = grown(waiting, id + 1);
      done = grown(done, id + 1);
    }
    waiting[id] = machine.vocab.waitingMask(s);
    let d = 0;
    for (let t = 0; t < T; t++) if (s[pcOff + t] === doneLabel[t]) d |= 1 << t;
    done[id] = d;
  };

  const init = machine.initial;
  store.intern(init);
  noteState(0, init);
  const initViolation = machine.violatedInvariant(init);
  if (initViolation >= 0) return { graph: graph(), outcome: { kind: 'invariant', name: machine.invariantNames[initViolation]!, state: 0 } };
  if (store.count >= maxStates) return { graph: graph(), outcome: { kind: 'limit', maxStates, byDefault } };

  const current = new Int32Array(width);
  const next = new Int32Array(width);
  const allDone = (1 << T) - 1;
  try {
  while (explored < store.count) {
    const id = explored;
    if (id === levelEnd) {
      levelStarts.push(levelEnd);
      levelEnd = store.count;
    }
    store.load(id, current);
    if (id + 1 >= edgeStart.length) {
      edgeStart = grown(edgeStart, id + 2);
      enabled = grown(enabled, id + 2);
    }
    edgeStart[id] = transitions;
    if (transitions + T > edgeTo.length) edgeTo = grown(edgeTo, transitions + T);
    let mask = 0;
    let dirty = true;
    for (let t = 0; t < T; t++) {
      const pc = current[pcOff + t]!;
      if (pc === doneLabel[t]) continue; // returned: no step
      if (dirty) next.set(current);
      let stepped: boolean;
      try {
        stepped = machine.step(t, next);
      } catch (err) {
        if (err instanceof StepFailure) return { graph: graph(), outcome: { kind: 'stepFailure', failure: err, state: id, thread: t } };
        throw err;
      }
      dirty = stepped || !clean[t]![pc]!;
      if (!stepped) continue;
      mask |= 1 << t;
      enabled[id] = mask;
      const found = store.intern(next);
      const added = found < 0;
      const to = added ? ~found : found;
      edgeTo[transitions++] = to;
      if (added) {
        noteState(to, next);
        const bad = machine.violatedInvariant(next);
        if (bad >= 0) {
          explored = id + 1;
          return { graph: graph(), outcome: { kind: 'invariant', name: machine.invariantNames[bad]!, state: to } };
        }
        if (store.count >= maxStates) {
          explored = id + 1;
          return { graph: graph(), outcome: { kind: 'limit', maxStates, byDefault } };
        }
        if ((store.count & 0x3ff) === 0 && nextPeak() > memoryBudget) {
          explored = id + 1;
          return { graph: graph(), outcome: outOfMemory() };
        }
      }
    }
    enabled[id] = mask;
    explored = id + 1;
    if (mask === 0 && done[id] !== allDone && machine.model.deadlock) {
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
  } catch (err) {
    // An allocation the budget did not foresee failed (a typed array past its
    // maximum length, or no memory left): the run is incomplete, not a crash.
    if (err instanceof RangeError) return { graph: graph(), outcome: outOfMemory() };
    throw err;
  }
  if (explored + 1 > edgeStart.length) edgeStart = grown(edgeStart, explored + 1);
  return { graph: graph(), outcome: { kind: 'complete' } };
}
