/**
 * The --json rendering: one stable object per model (documented in README.md).
 * TLA+ values become plain JSON: records → objects, sequences → arrays,
 * functions → objects keyed by their printed keys, Null → null.
 */
import type { Coverage } from '../check/coverage.js';
import type { ExplainedTrace } from '../check/explain.js';
import { describeExpectation, type ModelResult, type Verdict } from '../check/result.js';
import type { Expectation, ModelConfig, ParamValue } from '../model/ir.js';
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

/** A thread's id everywhere in the JSON: 1-based, as in the TLA+ module (`self`, waiters' `thread`). */
export interface JsonThread {
  id: number;
  name: string;
  kind: string;
  params: Record<string, ParamValue>;
}

export function threadTable(model: ModelConfig): JsonThread[] {
  return model.threads.map((t, i) => ({ id: i + 1, name: t.name, kind: t.thread, params: t.params }));
}

/**
 * A state's variables as JSON. Variables with one value per thread (`pc`,
 * the locals) become objects keyed by thread id, like `waitq`'s waiters
 * name them, instead of 0-based arrays beside 1-based ids.
 */
export function stateJson(state: Record<string, TlaValue>, perThread: ReadonlySet<string>): Record<string, Json> {
  return Object.fromEntries(Object.entries(state).map(([k, x]) => {
    if (perThread.has(k) && x.kind === 'seq') return [k, Object.fromEntries(x.items.map((item, i) => [String(i + 1), tlaToJson(item)]))];
    return [k, tlaToJson(x)];
  }));
}

export interface JsonTraceInput {
  explained: ExplainedTrace;
  states: Record<string, TlaValue>[];
  /** The variables that hold one value per thread. */
  perThread: ReadonlySet<string>;
}

export function resultJson(r: ModelResult, model: ModelConfig, trace: JsonTraceInput | null): Record<string, Json> {
  return {
    ...modelJson(r.spec, model, r.configuration),
    ...verdictJson(model, r.expected, r.verdict, r.asExpected),
    distinctStates: r.distinctStates,
    transitions: r.transitions,
    depth: r.depth,
    seconds: Number(r.seconds.toFixed(4)),
    trace: traceJson(model, trace),
  };
}

/**
 * `daxspec simulate --json`: the keys check --json has for the model, the
 * verdict and the trace (the violating walk), with the walks' summary in
 * place of the graph's statistics.
 */
export function simulationJson(spec: string, model: ModelConfig, s: SimulationSummary, trace: JsonTraceInput | null): Record<string, Json> {
  return {
    ...modelJson(spec, model, model.configuration ?? null),
    ...verdictJson(model, model.expect, s.verdict, s.asExpected),
    seed: s.seed,
    runs: s.runs,
    depthLimit: s.depthLimit,
    walks: s.walks,
    distinctStates: s.distinctStates,
    longestWalk: s.longestWalk,
    seconds: Number(s.seconds.toFixed(4)),
    trace: traceJson(model, trace),
  };
}

export interface SimulationSummary {
  verdict: Verdict;
  asExpected: boolean;
  /** --seed, --runs, --depth as given. */
  seed: number;
  runs: number;
  depthLimit: number;
  /** Walks run (the one that violated is the last), distinct states seen, the longest walk in steps. */
  walks: number;
  distinctStates: number;
  longestWalk: number;
  seconds: number;
}

function modelJson(spec: string, model: ModelConfig, configuration: string | null): Record<string, Json> {
  return {
    spec,
    model: model.name,
    doc: model.doc,
    configuration,
    variant: model.variant,
    threads: threadTable(model) as unknown as Json,
  };
}

function verdictJson(model: ModelConfig, expected: Expectation, v: Verdict, asExpected: boolean): Record<string, Json> {
  const idOf = new Map(threadTable(model).map((t) => [t.name, t.id]));
  const violator = v.kind === 'violated' && v.thread !== undefined ? v.thread : null;
  return {
    expected: describeExpectation(expected),
    verdict: v.kind,
    property: v.kind === 'violated' ? v.property : null,
    thread: violator,
    threadId: violator === null ? null : (idOf.get(violator) ?? null),
    reason: v.kind === 'incomplete' ? v.reason : null,
    asExpected,
  };
}

function traceJson(model: ModelConfig, trace: JsonTraceInput | null): Json {
  if (trace === null) return null;
  const idOf = new Map(threadTable(model).map((t) => [t.name, t.id]));
  return {
    states: trace.states.map((s) => stateJson(s, trace.perThread)),
    steps: trace.explained.steps.map(({ number, ...rest }) => ({ number, threadId: idOf.get(rest.thread) ?? null, ...rest })) as unknown as Json,
    loop: trace.explained.loopFrom !== null ? { kind: 'backTo', step: trace.explained.loopFrom } : trace.explained.stuttering ? { kind: 'stuttering' } : null,
  };
}

/** --coverage --json: steps as they are; each if with its position as `file:line:col`. */
export function coverageJson(c: Coverage): Json {
  return {
    steps: c.steps.map((s) => ({ thread: s.thread, label: s.label, transitions: s.transitions })),
    branches: c.branches.map((b) => ({ thread: b.thread, label: b.label, at: `${b.loc.file}:${b.loc.line}:${b.loc.col}`, then: b.then, else: b.else, constant: b.constant })),
  };
}
