/**
 * A scenario: a given interleaving (`pte_fault(1).grab_mapping_entry, ...`)
 * run in the interpreter, with where it stopped and what holds at its end —
 * BUG_ON / invariants, deadlock, and which sleepers no continuation wakes.
 * `daxspec replay` prints it; `expectTrace` (daxspec/vitest) asserts on it.
 */
import { compileModel, type Machine } from './compile.js';
import { neverWoken } from './never-woken.js';
import { replaySteps } from './replay.js';
import type { Trace, TraceStep } from './result.js';
import { isDeadlocked } from './slice.js';
import { SpecError } from '../model/errors.js';
import type { ModelConfig, SpecModel } from '../model/ir.js';

export interface ScenarioEnd {
  /** The first invariant (or BUG_ON) false in the last state, else null. */
  invariant: string | null;
  /** No thread can move and not all have returned. */
  deadlock: boolean;
  /** Asleep, and no continuation wakes them. */
  asleepForever: { thread: string; key: number }[];
  /** Asleep, but some continuation wakes them. */
  asleep: { thread: string; key: number }[];
  /** Threads that have returned. */
  done: string[];
}

export interface ScenarioResult {
  machine: Machine;
  /** The steps that ran, with the states they went through (loop: null). */
  trace: Trace;
  /** The step that could not run (0-based in the given list), or null when all ran. */
  stopped: { at: number; step: string; reason: string } | null;
  end: ScenarioEnd;
}

/** Splits `a(1,2).x, b(0)#2.y` at the commas outside parentheses. */
export function parseStepList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim() !== '') items.push(current.trim());
  return items.filter((s) => s !== '');
}

/** `thread.label` names (as the trace table prints them) to steps of the model. */
export function resolveSteps(model: ModelConfig, spec: SpecModel, names: string[]): TraceStep[] {
  return names.map((item) => {
    const dot = item.lastIndexOf('.');
    const thread = dot < 0 ? -1 : model.threads.findIndex((t) => t.name === item.slice(0, dot));
    if (thread < 0) {
      throw new SpecError('DSX006', `'${item}' does not name a thread of model ${model.name} and a step`, null, `write thread.step with a thread of ${model.threads.map((t) => t.name).join(', ')}`);
    }
    const label = item.slice(dot + 1);
    const def = spec.threads.find((t) => t.name === model.threads[thread]!.thread)!;
    if (!def.steps.some((s) => s.label === label)) {
      throw new SpecError('DSX006', `${model.threads[thread]!.name} has no step '${label}'`, null, `its steps: ${def.steps.map((s) => s.label).join(', ')}`);
    }
    return { thread, label };
  });
}

export function runScenario(spec: SpecModel, model: ModelConfig, stepsText: string): ScenarioResult {
  const machine = compileModel(spec, model);
  const names = parseStepList(stepsText);
  const steps = resolveSteps(model, spec, names);
  const run = replaySteps(machine, steps);
  const ran = run.states.length - 1;
  const trace: Trace = { states: run.states, steps: steps.slice(0, ran), loop: null };
  const stopped = run.kind === 'ok' ? null : { at: run.at, step: names[run.at]!, reason: run.reason };
  return { machine, trace, stopped, end: endOf(machine, run.states[run.states.length - 1]!) };
}

function endOf(machine: Machine, s: Int32Array): ScenarioEnd {
  const { layout } = machine;
  const bad = machine.violatedInvariant(s);
  const asleepForever: ScenarioEnd['asleepForever'] = [];
  const asleep: ScenarioEnd['asleep'] = [];
  for (let b = 0; b < layout.buckets; b++) {
    const base = layout.queueOff + b * (layout.queueCap + 1);
    for (let i = 1; i <= s[base]!; i++) {
      const w = s[base + i]!;
      const t = (w & 15) - 1;
      const entry = { thread: layout.threads[t]!.name, key: w >>> 5 };
      (neverWoken(machine, s, t).kind === 'never' ? asleepForever : asleep).push(entry);
    }
  }
  return {
    invariant: bad >= 0 ? machine.invariantNames[bad]! : null,
    deadlock: isDeadlocked(machine, s),
    asleepForever,
    asleep,
    done: layout.threads.filter((slot, t) => s[layout.pcOff + t] === slot.labels.length).map((slot) => slot.name),
  };
}
