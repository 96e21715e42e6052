/**
 * Runs a given interleaving in the interpreter: each step names a thread and
 * the label it must be at. Used to re-check a sliced counterexample, by
 * `daxspec replay`, and by the vitest helper `expectTrace`.
 */
import type { Machine } from './compile.js';
import type { TraceStep } from './result.js';
import { labelAt } from '../model/layout.js';
import { StepFailure } from '../model/vocabulary.js';

export type ReplayOutcome =
  | { kind: 'ok'; states: Int32Array[] }
  /** Step `at` (0-based) could not run: the thread was elsewhere, had returned, or the step was disabled. */
  | { kind: 'stuck'; states: Int32Array[]; at: number; reason: string }
  | { kind: 'failed'; states: Int32Array[]; at: number; reason: string };

/** states[0] is the initial state; states[i + 1] follows steps[i]. */
export function replaySteps(machine: Machine, steps: readonly TraceStep[], from: Int32Array = machine.initial): ReplayOutcome {
  const { layout } = machine;
  const states: Int32Array[] = [from.slice()];
  for (let i = 0; i < steps.length; i++) {
    const { thread, label } = steps[i]!;
    const slot = layout.threads[thread];
    if (slot === undefined) return { kind: 'stuck', states, at: i, reason: `the model has no thread ${thread}` };
    const current = states[states.length - 1]!;
    const at = labelAt(slot, current[layout.pcOff + thread]!);
    if (at !== label) return { kind: 'stuck', states, at: i, reason: at === 'Done' ? `${slot.name} has returned` : `${slot.name} is at ${at}, not ${label}` };
    const next = current.slice();
    let enabled: boolean;
    try {
      enabled = machine.step(thread, next);
    } catch (err) {
      if (err instanceof StepFailure) return { kind: 'failed', states, at: i, reason: err.message };
      throw err;
    }
    if (!enabled) return { kind: 'stuck', states, at: i, reason: `${slot.name}.${label} is not enabled (it waits${machine.vocab.isWaiting(current, thread + 1) ? ', asleep on a wait queue' : ''})` };
    states.push(next);
  }
  return { kind: 'ok', states };
}
