/**
 * The --json rendering: one stable object per model (documented in README.md).
 * TLA+ values become plain JSON: records → objects, sequences → arrays,
 * functions → objects keyed by their printed keys, Null → null.
 */
import type { ExplainedTrace } from '../check/explain.js';
import { describeExpectation, type ModelResult } from '../check/result.js';
import type { TlaValue } from '../model/tla-value.js';
import { formatTla } from '../model/tla-value.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function tlaToJson(v: TlaValue): Json {
  switch (v.kind) {
    case 'int':
    case 'bool':
    case 'string':
      return v.value;
    case 'modelValue':
      return v.name === 'Null' ? null : v.name;
    case 'seq':
    case 'set':
      return v.items.map(tlaToJson);
    case 'record':
      return Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, tlaToJson(x)]));
    case 'fn':
      return Object.fromEntries(v.pairs.map(([k, x]) => [k.kind === 'string' ? k.value : formatTla(k), tlaToJson(x)]));
  }
}

export interface JsonTrace {
  states: Record<string, Json>[];
  steps: ExplainedTrace['steps'];
  loop: { kind: 'backTo'; step: number } | { kind: 'stuttering' } | null;
}

export function resultJson(r: ModelResult, trace: { explained: ExplainedTrace; states: Record<string, TlaValue>[] } | null): Record<string, Json> {
  const v = r.verdict;
  return {
    spec: r.spec,
    model: r.model,
    variant: r.variant,
    expected: describeExpectation(r.expected),
    verdict: v.kind,
    property: v.kind === 'violated' ? v.property : null,
    thread: v.kind === 'violated' ? (v.thread ?? null) : null,
    reason: v.kind === 'incomplete' ? v.reason : null,
    asExpected: r.asExpected,
    distinctStates: r.distinctStates,
    transitions: r.transitions,
    depth: r.depth,
    seconds: Number(r.seconds.toFixed(4)),
    trace: trace === null ? null : {
      states: trace.states.map((s) => Object.fromEntries(Object.entries(s).map(([k, x]) => [k, tlaToJson(x)]))),
      steps: trace.explained.steps as unknown as Json,
      loop: trace.explained.loopFrom !== null ? { kind: 'backTo', step: trace.explained.loopFrom } : trace.explained.stuttering ? { kind: 'stuttering' } : null,
    },
  };
}
