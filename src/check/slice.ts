/**
 * Slices a counterexample down to what a reader needs: drops whole threads,
 * then single steps, as long as the shorter interleaving still replays in
 * the interpreter and still ends in the same violation. The result is
 * re-checked, never assumed: a slice that does not replay is not returned.
 *
 * "The same violation" is decided on the last state alone:
 *  - an invariant / BUG_ON: that invariant is false there;
 *  - a deadlock: no thread can move and not all have returned;
 *  - NoLostWakeup for T: T is asleep and no continuation wakes it
 *    (src/check/never-woken.ts).
 * and every thread that moves in the slice has run as far as it can (returned
 * or blocked), so that a slice never stops a thread in the middle of the
 * story (the owner's wake-up that finds nobody is the point of the race).
 * Termination and lassos whose thread is woken inside the loop keep the
 * whole trace (the caller prints the unsliced one).
 */
import type { ParamValue } from '../model/ir.js';
import type { Machine } from './compile.js';
import { neverWoken } from './never-woken.js';
import { replaySteps } from './replay.js';
import type { ModelResult, Trace, TraceStep, Verdict } from './result.js';
import { StepFailure } from '../model/vocabulary.js';

export interface SlicedTrace {
  trace: Trace;
  /** Model threads (0-based) that move in the slice, in order of their first step. */
  threads: number[];
}

/** The end-state test for a verdict, or null when the verdict cannot be judged on one state. */
export function violationTest(machine: Machine, verdict: Verdict): ((state: Int32Array) => boolean) | null {
  if (verdict.kind !== 'violated') return null;
  switch (verdict.propertyKind) {
    case 'invariant':
    case 'final':
      return (s) => {
        const bad = machine.violatedInvariant(s);
        return bad >= 0 && machine.invariantNames[bad] === verdict.property;
      };
    case 'deadlock':
      return (s) => isDeadlocked(machine, s);
    case 'liveness': {
      if (verdict.property !== 'NoLostWakeup' || verdict.thread === undefined) return null;
      const t = machine.layout.threads.findIndex((slot) => slot.name === verdict.thread);
      if (t < 0) return null;
      return (s) => neverWoken(machine, s, t).kind === 'never';
    }
  }
}

/** Has every thread that moves in `steps` returned or blocked in `s`? */
function settled(machine: Machine, s: Int32Array, steps: TraceStep[]): boolean {
  for (const t of new Set(steps.map((x) => x.thread))) if (canMove(machine, s, t)) return false;
  return true;
}

function canMove(machine: Machine, s: Int32Array, t: number): boolean {
  if (s[machine.layout.pcOff + t] === machine.layout.threads[t]!.labels.length) return false;
  try {
    return machine.step(t, s.slice());
  } catch (err) {
    if (err instanceof StepFailure) return true; // it can move, into the failure
    throw err;
  }
}

export function isDeadlocked(machine: Machine, s: Int32Array): boolean {
  const { layout } = machine;
  let allDone = true;
  for (let t = 0; t < layout.threads.length; t++) {
    if (s[layout.pcOff + t] === layout.threads[t]!.labels.length) continue;
    allDone = false;
    if (canMove(machine, s, t)) return false;
  }
  return !allDone;
}

/** The slice of `trace`, replayed and re-checked; null when not even the whole prefix can be judged. */
export function sliceTrace(machine: Machine, trace: Trace, verdict: Verdict): SlicedTrace | null {
  const test = violationTest(machine, verdict);
  if (test === null) return null;
  const holds = (steps: TraceStep[]): Int32Array[] | null => {
    const run = replaySteps(machine, steps);
    if (run.kind !== 'ok') return null;
    const last = run.states[run.states.length - 1]!;
    return settled(machine, last, steps) && test(last) ? run.states : null;
  };
  let steps = trace.steps.slice();
  let states = holds(steps);
  if (states === null) return null;
  const attempt = (candidate: TraceStep[]): boolean => {
    const s = holds(candidate);
    if (s === null) return false;
    steps = candidate;
    states = s;
    return true;
  };
  // Whole threads first (fewest steps first; of equal ones the later in the
  // model, so pte_fault(1) stays rather than pte_fault(1)#2): a reader counts
  // columns before rows.
  const byThread = [...new Set(steps.map((s) => s.thread))].sort((a, b) => count(steps, a) - count(steps, b) || b - a);
  for (const t of byThread) attempt(steps.filter((s) => s.thread !== t));
  // Then single steps, from the end, until nothing more can go.
  for (let changed = true; changed;) {
    changed = false;
    for (let i = steps.length - 1; i >= 0; i--) {
      if (attempt([...steps.slice(0, i), ...steps.slice(i + 1)])) changed = true;
    }
  }
  // A thread with an unused twin earlier in the model (same kind, same
  // parameters) is shown as that twin: pte_fault(1) rather than pte_fault(1)#2.
  const { threads } = machine.layout;
  for (const u of [...new Set(steps.map((s) => s.thread))].sort((a, b) => a - b)) {
    const used = new Set(steps.map((s) => s.thread));
    const twin = threads.findIndex((v, i) => i < u && !used.has(i) && v.def === threads[u]!.def && sameParams(v.params, threads[u]!.params));
    if (twin >= 0) attempt(steps.map((s) => (s.thread === u ? { ...s, thread: twin } : s)));
  }
  return { trace: { states: states!, steps, loop: null }, threads: [...new Set(steps.map((s) => s.thread))] };
}

const sameParams = (a: Record<string, ParamValue>, b: Record<string, ParamValue>): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

const count = (steps: TraceStep[], t: number): number => steps.filter((s) => s.thread === t).length;

/** The counterexample to show a reader: the slice when it re-checks, else the trace as found. */
export function readerTrace(machine: Machine, result: ModelResult): { trace: Trace; sliced: boolean } | null {
  if (result.trace === null) return null;
  const slice = sliceTrace(machine, result.trace, result.verdict);
  return slice === null ? { trace: result.trace, sliced: false } : { trace: slice.trace, sliced: true };
}
