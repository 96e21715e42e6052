/**
 * Replays a TLC counterexample in the interpreter: the first state must be
 * the model's initial state, each next state a successor under some thread's
 * step, and the loop must close (back to the named state, or a final state
 * where no thread can move). Also checks that the replayed behaviour really
 * violates the property: a thread asleep all along the loop (NoLostWakeup)
 * or a thread that never ends (Termination).
 */
import { ALIAS_EXTRA_FIELDS } from '../emit/names.js';
import type { Machine } from '../check/compile.js';
import { labelAt } from '../model/layout.js';
import { equalTla, formatTla, type TlaValue } from '../model/tla-value.js';
import { decodeState } from '../model/values.js';
import type { TlcResult } from './parse-output.js';

export interface ReplayedStep {
  thread: string;
  label: string;
}

/** A temporal property the replayed lasso violates; for NoLostWakeup, the threads asleep all along the loop. */
export interface ViolatedProperty {
  property: 'NoLostWakeup' | 'Termination';
  threads: string[];
}

export type Replay =
  | { ok: true; steps: ReplayedStep[]; loop: 'backTo' | 'stuttering' | null; violates: ViolatedProperty[] }
  | { ok: false; state: number; message: string };

export function firstDifference(ours: Record<string, TlaValue>, theirs: Record<string, TlaValue>): string | null {
  for (const [name, value] of Object.entries(ours)) {
    const other = theirs[name];
    if (other === undefined) return `TLC's state has no variable ${name}`;
    if (!equalTla(value, other)) return `${name}: interpreter ${formatTla(value)}, TLC ${formatTla(other)}`;
  }
  for (const name of Object.keys(theirs)) {
    if (!(name in ours) && !ALIAS_EXTRA_FIELDS.includes(name)) return `the interpreter has no variable ${name}`;
  }
  return null;
}

function matches(machine: Machine, state: Int32Array, tlc: Record<string, TlaValue>): boolean {
  return firstDifference(decodeState(machine.spec, machine.layout, state), tlc) === null;
}

/** The successor of `state` equal to `target`, with the thread that steps there; null if none. */
export function findStep(machine: Machine, state: Int32Array, target: Record<string, TlaValue>): { next: Int32Array; thread: number } | null {
  for (let t = 0; t < machine.layout.threads.length; t++) {
    const next = state.slice();
    if (machine.step(t, next) && matches(machine, next, target)) return { next, thread: t };
  }
  return null;
}

export function replayTlcTrace(machine: Machine, trace: NonNullable<TlcResult['trace']>): Replay {
  const { layout } = machine;
  const first = trace.states[0];
  if (first === undefined) return { ok: false, state: 1, message: 'TLC printed an empty trace' };
  const diff = firstDifference(decodeState(machine.spec, layout, machine.initial), first.vars);
  if (diff !== null) return { ok: false, state: 1, message: `the initial states differ: ${diff}` };
  const states = [machine.initial];
  const steps: ReplayedStep[] = [];
  const describe = (state: Int32Array, t: number): ReplayedStep => ({ thread: layout.threads[t]!.name, label: labelAt(layout.threads[t]!, state[layout.pcOff + t]!) });
  for (let i = 1; i < trace.states.length; i++) {
    const current = states[states.length - 1]!;
    const found = findStep(machine, current, trace.states[i]!.vars);
    if (found === null) {
      return { ok: false, state: i + 1, message: `TLC's state ${i + 1} (after ${trace.states[i]!.action ?? 'an action'}) is no successor of state ${i} in the interpreter` };
    }
    steps.push(describe(current, found.thread));
    states.push(found.next);
  }
  const last = states[states.length - 1]!;
  let loopStates: Int32Array[] = [];
  if (trace.loop?.kind === 'backTo') {
    const target = trace.states[trace.loop.state - 1];
    if (target === undefined) return { ok: false, state: trace.states.length, message: `the loop goes back to state ${trace.loop.state}, which the trace does not have` };
    const closing = findStep(machine, last, target.vars);
    if (closing === null) return { ok: false, state: trace.states.length, message: `the loop does not close: state ${trace.states.length} has no step back to state ${trace.loop.state}` };
    steps.push(describe(last, closing.thread));
    loopStates = states.slice(trace.loop.state - 1);
  } else if (trace.loop?.kind === 'stuttering') {
    for (let t = 0; t < layout.threads.length; t++) {
      const next = last.slice();
      if (machine.step(t, next) && !next.every((v, j) => v === last[j])) {
        return { ok: false, state: trace.states.length, message: `TLC ends by stuttering, but thread ${layout.threads[t]!.name} can still move: weak fairness forbids stopping there` };
      }
    }
    loopStates = [last];
  }
  const violates: ViolatedProperty[] = [];
  if (loopStates.length > 0) {
    const sleepers = layout.threads.filter((_, t) => loopStates.every((s) => machine.vocab.isWaiting(s, t + 1)));
    if (sleepers.length > 0) violates.push({ property: 'NoLostWakeup', threads: sleepers.map((s) => s.name) });
    if (machine.model.termination && loopStates.every((s) => layout.threads.some((slot, t) => s[layout.pcOff + t] !== slot.labels.length))) {
      violates.push({ property: 'Termination', threads: [] });
    }
  }
  return { ok: true, steps, loop: trace.loop?.kind ?? null, violates };
}
