/**
 * How much of a model the exploration exercised, from the state graph: how
 * many transitions each step (thread kind, label) made, and the warnings
 * that say a verdict may be vacuous — a step never enabled, a thread that
 * never sleeps (NoLostWakeup then holds for it without a wake-up ever
 * being needed). Only meaningful when the graph is complete.
 */
import type { StateGraph } from './graph.js';

export interface StepCoverage {
  /** The thread kind (the spec's thread name) and the step's label. */
  thread: string;
  label: string;
  /** Transitions of this step in the state graph, over every instance of the kind. */
  transitions: number;
}

export interface Coverage {
  steps: StepCoverage[];
  /** Instances (by name) that are never on a wait queue in any reachable state. */
  neverAsleep: string[];
}

export function coverageOf(graph: StateGraph): Coverage {
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
    neverAsleep: layout.threads.filter((_, t) => (everWaiting & (1 << t)) === 0).map((s) => s.name),
  };
}

/** The warnings a complete check prints even without --coverage. */
export function coverageWarnings(c: Coverage, verdictHolds: boolean): string[] {
  const warnings = c.steps.filter((s) => s.transitions === 0).map((s) => `step ${s.thread}.${s.label} is never enabled`);
  if (verdictHolds) for (const t of c.neverAsleep) warnings.push(`NoLostWakeup holds vacuously for ${t}: it never sleeps`);
  return warnings;
}
