/**
 * TLC's distributed mode reports a safety violation by printing only where a
 * worker stopped: two states (a step into a state that breaks an invariant)
 * or one (a state where no thread can move), with no property name and no
 * path from the initial state. This finds those states among the states the
 * interpreter explored and says what they violate there, so that the verdict
 * can still be compared.
 */
import type { CheckRun } from '../check/check.js';
import type { TlcOutcome, TlcResult } from './parse-output.js';
import { decodeState } from '../model/values.js';
import { findStep, firstDifference } from './replay.js';

export type NamedViolation =
  | { found: true; outcome: Exclude<TlcOutcome, { kind: 'unnamed' }> }
  | { found: false; why: string };

export function nameUnnamedViolation(run: CheckRun, trace: NonNullable<TlcResult['trace']>): NamedViolation {
  const { machine, graph } = run;
  const last = trace.states[trace.states.length - 1]!.vars;
  const before = trace.states.length >= 2 ? trace.states[trace.states.length - 2]!.vars : null;
  const state = new Int32Array(graph.store.width);
  let stopped: Int32Array | null = null;
  // With no next-to-last state there is none to find: from is then never read.
  let from: Int32Array | null = before === null ? state : null;
  for (let id = 0; id < graph.store.count && (stopped === null || from === null); id++) {
    graph.store.load(id, state);
    const vars = decodeState(machine.spec, machine.layout, state);
    if (stopped === null && firstDifference(vars, last) === null) stopped = state.slice();
    else if (from === null && firstDifference(vars, before!) === null) from = state.slice();
  }
  // The interpreter stops at its own first violation, so it may not have reached TLC's.
  if (stopped === null) return { found: false, why: `TLC's last state is not among the ${graph.store.count} states the interpreter explored` };
  if (from === null) return { found: false, why: "TLC's next-to-last state is not among the states the interpreter explored" };
  if (before !== null && findStep(machine, from, last) === null) return { found: false, why: "TLC's last step is no step of the interpreter" };
  const broken = machine.violatedInvariant(stopped);
  if (broken >= 0) {
    const name = machine.invariantNames[broken]!;
    return { found: true, outcome: { kind: 'invariant', name: name === 'BUG_ON' ? 'NoBUG' : name } };
  }
  const canMove = machine.layout.threads.some((_, t) => machine.step(t, stopped.slice()));
  if (!canMove && before === null) return { found: true, outcome: { kind: 'deadlock' } };
  return { found: false, why: "TLC's last state violates no invariant in the interpreter, and some thread can move there" };
}
