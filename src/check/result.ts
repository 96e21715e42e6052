/**
 * The checker's results as plain typed data: verdicts, statistics and
 * counterexample traces. Text, JSON and the TLC comparison are renderings of
 * these.
 */
import type { Expectation } from '../model/ir.js';

/** 'final': a final-state property (`finally`), false in a state where every thread is Done. */
export type PropertyKind = 'invariant' | 'final' | 'deadlock' | 'liveness';

export type Verdict =
  | { kind: 'holds' }
  | { kind: 'violated'; property: string; propertyKind: PropertyKind; /** the thread that sleeps forever, for NoLostWakeup */ thread?: string }
  | { kind: 'incomplete'; reason: string };

export interface TraceStep {
  /** Index of the thread that moved (0-based in the model's thread list). */
  thread: number;
  /** The label it ran. */
  label: string;
}

/** states[0] is initial; steps[i] leads from states[i] to states[i + 1]. */
export interface Trace {
  states: Int32Array[];
  steps: TraceStep[];
  /** A lasso: the last state steps back to states[backTo], or stutters forever. */
  loop: { kind: 'backTo'; backTo: number; step: TraceStep } | { kind: 'stuttering' } | null;
}

export interface ModelResult {
  spec: string;
  model: string;
  /** The configuration the model checks ('' unnamed), or null for a model declared on its own. */
  configuration: string | null;
  variant: string;
  expected: Expectation;
  verdict: Verdict;
  asExpected: boolean;
  distinctStates: number;
  transitions: number;
  depth: number;
  seconds: number;
  trace: Trace | null;
}

export function matchesExpectation(expected: Expectation, verdict: Verdict): boolean {
  if (verdict.kind === 'incomplete') return false;
  if (expected.kind === 'holds') return verdict.kind === 'holds';
  return verdict.kind === 'violated' && verdict.property === expected.property;
}

export function describeVerdict(v: Verdict): string {
  switch (v.kind) {
    case 'holds':
      return 'holds';
    case 'violated':
      return `violates ${v.property}${v.thread ? ` (${v.thread})` : v.propertyKind === 'final' ? ' (in the final state)' : ''}`;
    case 'incomplete':
      return `incomplete: ${v.reason}`;
  }
}

export function describeExpectation(e: Expectation): string {
  return e.kind === 'holds' ? 'holds' : `violates ${e.property}`;
}
