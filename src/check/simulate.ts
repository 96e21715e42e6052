/**
 * Random walks for models past exhaustive size: each walk starts in the
 * initial state and picks an enabled thread uniformly (a seeded generator,
 * so a seed always gives the same walks), checking the invariants and
 * BUG_ON()s at every state, deadlock (when the model asks), and at the end
 * of a walk NoLostWakeup: a sleeper that no continuation can wake
 * (never-woken.ts, bounded) is a violation. The first violation ends the
 * simulation with its walk as the trace.
 */
import { compileModel } from './compile.js';
import { neverWoken } from './never-woken.js';
import type { Trace, TraceStep, Verdict } from './result.js';
import { isDeadlocked } from './slice.js';
import { StateStore } from './state-store.js';
import { SpecError } from '../model/errors.js';
import type { ModelConfig, SpecModel } from '../model/ir.js';
import { labelAt } from '../model/layout.js';
import { StepFailure } from '../model/vocabulary.js';

export interface SimulateOptions {
  seed: number;
  depth: number;
  runs: number;
  /** Called after each walk. */
  onWalk?: (done: number, distinct: number) => void;
}

export interface SimulationResult {
  verdict: Verdict;
  walks: number;
  distinctStates: number;
  /** The longest walk, in steps. */
  maxDepth: number;
  trace: Trace | null;
  machine: ReturnType<typeof compileModel>;
}

/** mulberry32: small, fast, and the same sequence for a seed on every platform. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function simulate(spec: SpecModel, model: ModelConfig, options: SimulateOptions): SimulationResult {
  const machine = compileModel(spec, model);
  const { layout } = machine;
  const random = generator(options.seed);
  const seen = new StateStore(layout.size);
  let maxDepth = 0;
  const result = (verdict: Verdict, walks: number, trace: Trace | null): SimulationResult => ({ verdict, walks, distinctStates: seen.count, maxDepth, trace, machine });
  for (let walk = 1; walk <= options.runs; walk++) {
    const states: Int32Array[] = [machine.initial.slice()];
    const steps: TraceStep[] = [];
    seen.intern(states[0]!);
    for (let d = 0; d < options.depth; d++) {
      const current = states[states.length - 1]!;
      const moves: { t: number; next: Int32Array }[] = [];
      for (let t = 0; t < layout.threads.length; t++) {
        if (current[layout.pcOff + t] === layout.threads[t]!.labels.length) continue;
        const next = current.slice();
        try {
          if (machine.step(t, next)) moves.push({ t, next });
        } catch (err) {
          if (!(err instanceof StepFailure)) throw err;
          const slot = layout.threads[t]!;
          throw new SpecError('DSX005', `step ${slot.def.name}.${labelAt(slot, current[layout.pcOff + t]!)} of thread ${slot.name} failed in model ${model.name}: ${err.message}`, err.loc, 'fix the step so that it cannot fail in a reachable state');
        }
      }
      if (moves.length === 0) break;
      const { t, next } = moves[Math.floor(random() * moves.length)]!;
      steps.push({ thread: t, label: labelAt(layout.threads[t]!, current[layout.pcOff + t]!) });
      states.push(next);
      seen.intern(next);
      const bad = machine.violatedInvariant(next);
      if (bad >= 0) return result({ kind: 'violated', property: machine.invariantNames[bad]!, propertyKind: machine.invariantKinds[bad]! }, walk, { states, steps, loop: null });
    }
    maxDepth = Math.max(maxDepth, steps.length);
    const last = states[states.length - 1]!;
    if (model.deadlock && isDeadlocked(machine, last)) return result({ kind: 'violated', property: 'Deadlock', propertyKind: 'deadlock' }, walk, { states, steps, loop: null });
    for (let t = 0; t < layout.threads.length; t++) {
      if (machine.vocab.isWaiting(last, t + 1) && neverWoken(machine, last, t, 100_000).kind === 'never') {
        return result({ kind: 'violated', property: 'NoLostWakeup', propertyKind: 'liveness', thread: layout.threads[t]!.name }, walk, { states, steps, loop: null });
      }
    }
    options.onWalk?.(walk, seen.count);
  }
  return result({ kind: 'holds' }, options.runs, null);
}
