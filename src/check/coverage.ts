/**
 * How much of a model the exploration exercised, from the state graph: how
 * many transitions each step (thread kind, label) made, and the warnings
 * that say a verdict may be vacuous — a step never enabled, a thread that
 * never sleeps (NoLostWakeup then holds for it without a wake-up ever
 * being needed), a branch never taken. Branch arms are recorded by the
 * compiled steps during exploration (compile.ts); counts only with
 * --coverage. Only meaningful when the graph is complete.
 */
import type { StateGraph } from './graph.js';
import { armTaken, type BranchRecord } from './branches.js';
import type { SourceLoc } from '../model/ir.js';

export interface StepCoverage {
  /** The thread kind (the spec's thread name) and the step's label. */
  thread: string;
  label: string;
  /** Transitions of this step in the state graph, over every instance of the kind. */
  transitions: number;
}

/** One if statement of a step, over every instance of the thread kind. */
export interface BranchCoverage {
  thread: string;
  label: string;
  loc: SourceLoc;
  /** Transitions through each arm (null without --coverage), and whether any went through it. */
  then: number | null;
  else: number | null;
  thenTaken: boolean;
  elseTaken: boolean;
  /** Some completed step got to the if (its enclosing arm, if any, was taken). */
  reached: boolean;
  /** An arm is the model's variant's own code: the variant warning (untestedVariantWarnings) speaks for it. */
  variantOwn: boolean;
  /** The test is fixed by the model (parameters, the variant): one arm is never taken by design. */
  constant: boolean;
}

export interface Coverage {
  steps: StepCoverage[];
  branches: BranchCoverage[];
  /** Instances (by name) that are never on a wait queue in any reachable state. */
  neverAsleep: string[];
}

export function coverageOf(graph: StateGraph, record: BranchRecord): Coverage {
  const { layout } = graph.machine;
  const counts = new Map<string, StepCoverage>();
  for (const slot of layout.threads) {
    for (const label of slot.labels) {
      const key = `${slot.def.name}.${label}`;
      if (!counts.has(key)) counts.set(key, { thread: slot.def.name, label, transitions: 0 });
    }
  }
  const state = new Int32Array(layout.size);
  let everWaiting = 0;
  for (let id = 0; id < graph.store.count; id++) everWaiting |= graph.waiting[id]!;
  for (let id = 0; id < graph.explored; id++) {
    const mask = graph.enabled[id]!;
    if (mask === 0) continue;
    graph.store.load(id, state);
    for (let t = 0; t < layout.threads.length; t++) {
      if ((mask & (1 << t)) === 0) continue;
      const slot = layout.threads[t]!;
      counts.get(`${slot.def.name}.${slot.labels[state[layout.pcOff + t]!]}`)!.transitions++;
    }
  }
  return {
    steps: [...counts.values()],
    branches: branchCoverage(graph, record),
    neverAsleep: layout.threads.filter((_, t) => (everWaiting & (1 << t)) === 0).map((s) => s.name),
  };
}

function branchCoverage(graph: StateGraph, record: BranchRecord): BranchCoverage[] {
  const byKey = new Map<string, BranchCoverage>();
  record.arms.forEach((arm, a) => {
    const kind = graph.machine.layout.threads[arm.thread]!.def.name;
    const key = `${kind}.${arm.label}@${arm.loc.file}:${arm.loc.line}:${arm.loc.col}`;
    let b = byKey.get(key);
    if (b === undefined) {
      b = { thread: kind, label: arm.label, loc: arm.loc, then: record.counts ? 0 : null, else: record.counts ? 0 : null, thenTaken: false, elseTaken: false, reached: false, variantOwn: false, constant: arm.constant };
      byKey.set(key, b);
    }
    const taken = armTaken(record, a);
    b.variantOwn ||= arm.variants.includes(graph.machine.model.variant);
    b.reached ||= arm.parent === null ? taken || b.thenTaken || b.elseTaken : armTaken(record, arm.parent);
    if (arm.arm === 'then') b.thenTaken ||= taken;
    else b.elseTaken ||= taken;
    if (record.counts) b[arm.arm]! += record.counts[a]!;
  });
  return [...byKey.values()];
}

/** The warnings a complete check prints even without --coverage. */
export function coverageWarnings(c: Coverage, verdictHolds: boolean): string[] {
  const warnings = c.steps.filter((s) => s.transitions === 0).map((s) => `step ${s.thread}.${s.label} is never enabled`);
  warnings.push(...branchWarnings(c));
  if (verdictHolds) for (const t of c.neverAsleep) warnings.push(`NoLostWakeup holds vacuously for ${t}: it never sleeps`);
  return warnings;
}

/**
 * An arm of a test on the state that no transition took, though steps got
 * to its if: once per source location (a helper inlined into several steps
 * is one line of the spec). An if never reached is not reported: its step's
 * or its enclosing arm's warning says it (or a fixed test skips it by design).
 */
function branchWarnings(c: Coverage): string[] {
  const byLine = new Map<string, { then: boolean; else: boolean; steps: string[] }>();
  for (const b of c.branches) {
    if (b.constant || b.variantOwn || !b.reached) continue;
    const key = `${b.loc.file}:${b.loc.line}:${b.loc.col}`;
    const line = byLine.get(key) ?? { then: false, else: false, steps: [] };
    line.then ||= b.thenTaken;
    line.else ||= b.elseTaken;
    line.steps.push(`${b.thread}.${b.label}`);
    byLine.set(key, line);
  }
  const warnings: string[] = [];
  for (const [at, line] of byLine) {
    const where = line.steps.length === 1 ? line.steps[0]! : `${line.steps.length} steps`;
    for (const arm of ['then', 'else'] as const) if (!line[arm]) warnings.push(`the ${arm} branch of the if at ${at} (${where}) is never taken`);
  }
  return warnings;
}

/** What the variant warnings need of one checked model. */
export interface VariantRun {
  variant: string;
  /** The check explored every state and the model holds. */
  holds: boolean;
  record: BranchRecord;
}

/**
 * A variant whose every checked model holds — a mutant not caught, or a fix
 * — says nothing about a line of its own that never ran: warn, once per
 * line, for each `k.variant === 'v'` arm that none of v's models took.
 */
export function untestedVariantWarnings(runs: VariantRun[]): string[] {
  const warnings: string[] = [];
  const variants = [...new Set(runs.map((r) => r.variant))];
  for (const v of variants) {
    const own = runs.filter((r) => r.variant === v);
    if (!own.every((r) => r.holds)) continue;
    const taken = new Map<string, boolean>();
    for (const r of own) {
      r.record.arms.forEach((arm, a) => {
        if (!arm.variants.includes(v)) return;
        const at = `${arm.loc.file}:${arm.loc.line}:${arm.loc.col}`;
        taken.set(at, (taken.get(at) ?? false) || armTaken(r.record, a));
      });
    }
    for (const [at, ran] of taken) {
      if (!ran) warnings.push(`variant ${v} holds in its ${own.length} model(s), but its own branch at ${at} never ran in them: the check says nothing about that change`);
    }
  }
  return warnings;
}

/** Warnings of several models, each text once, with the models that gave it. */
export function groupedWarnings(perModel: { model: string; warnings: string[] }[]): string[] {
  const models = new Map<string, string[]>();
  for (const { model, warnings } of perModel) for (const w of warnings) models.set(w, [...(models.get(w) ?? []), model]);
  return [...models].map(([w, ms]) => `${ms.length > 3 ? `${ms.slice(0, 3).join(', ')} and ${ms.length - 3} more` : ms.join(', ')}: ${w}`);
}
