/**
 * What the HTML explorer shows of a counterexample, frame by frame: the
 * XArray's slots, the wait queues, each thread's label and source line, and
 * the step that led there. Plain JSON, read off the typed result (decoded
 * states and the explained trace); it recomputes nothing.
 */
import type { Machine } from '../check/compile.js';
import { explainTrace, type ExplainedTrace } from '../check/explain.js';
import { describeVerdict, type Trace, type Verdict } from '../check/result.js';
import type { ModelConfig, SpecModel } from '../model/ir.js';
import { decodeState } from '../model/values.js';
import { formatTla, type TlaValue } from '../model/tla-value.js';
import { changeWords } from './commit.js';

/** One slot of the XArray: an entry over its aligned range, or an empty index. */
export interface SlotView {
  first: number;
  last: number;
  /** null: no entry; else PTE, PMD, order-k (or XA_RETRY_ENTRY). */
  size: string | null;
  order: number;
  locked: boolean;
  empty: boolean;
  zero: boolean;
  pfn: number;
  marks: string[];
}

export interface WaiterView {
  thread: string;
  key: number;
  exclusive: boolean;
}

export interface ThreadView {
  name: string;
  /** The label it will run next, or Done. */
  label: string;
  /** file:line of that label's step; '' when Done. */
  at: string;
  /** The key it sleeps on, null when awake. */
  asleepOn: number | null;
}

export interface StepView {
  number: number;
  thread: string;
  label: string;
  doc: string;
  at: string;
  /** What it did, in the words of --format commit. */
  did: string[];
  inLoop: boolean;
}

export interface FrameView {
  /** The step that led to this state; null for the initial state. */
  step: StepView | null;
  xa: SlotView[];
  queues: { bucket: number; waiters: WaiterView[] }[];
  threads: ThreadView[];
  globals: { name: string; value: string }[];
}

export interface TraceView {
  spec: string;
  file: string;
  model: string;
  doc: string;
  verdict: string;
  property: string | null;
  buckets: number;
  /** Number of the loop's first step (a lasso), else null. */
  loopFrom: number | null;
  /** The state after the loop's last step is the state after step loopFrom - 1 (0: the initial state). */
  stuttering: boolean;
  /** How the trace ends, in words (a stuck state, a lasso, a deadlock). */
  ending: string;
  frames: FrameView[];
}

export interface TraceViewInput {
  spec: SpecModel;
  model: ModelConfig;
  verdict: Verdict;
  explained: ExplainedTrace;
  /** The decoded states, states[0] initial, in trace order (without the loop's return). */
  states: Record<string, TlaValue>[];
}

const num = (v: TlaValue | undefined): number => (v?.kind === 'int' ? v.value : 0);
const bool = (v: TlaValue | undefined): boolean => v?.kind === 'bool' && v.value;

function pairsOf(v: TlaValue | undefined): [TlaValue, TlaValue][] {
  return v?.kind === 'fn' ? v.pairs : [];
}

function itemsOf(v: TlaValue | undefined): TlaValue[] {
  return v?.kind === 'seq' || v?.kind === 'set' ? v.items : [];
}

/** The XArray as slots: a multi-index entry once over its range, each empty index on its own. */
export function slotsOf(state: Record<string, TlaValue>, pmdOrder: number): SlotView[] {
  const entries = pairsOf(state.xa).map(([, v]) => v);
  const marks = pairsOf(state.marks).map(([, v]) => itemsOf(v).map((m) => (m.kind === 'string' ? m.value : formatTla(m))));
  const slots: SlotView[] = [];
  for (let i = 0; i < entries.length;) {
    const e = entries[i]!;
    const none = { first: i, last: i, order: 0, locked: false, empty: false, zero: false, pfn: 0, marks: marks[i] ?? [] };
    if (e.kind === 'modelValue') {
      slots.push({ ...none, size: e.name === 'Null' ? null : e.name });
      i++;
      continue;
    }
    const f = e.kind === 'record' ? e.fields : {};
    const order = num(f.order);
    const last = Math.min(i - (i % (1 << order)) + (1 << order), entries.length) - 1;
    slots.push({ first: i, last, size: order === 0 ? 'PTE' : order === pmdOrder ? 'PMD' : `order-${order}`, order, locked: bool(f.locked), empty: bool(f.empty), zero: bool(f.zero), pfn: num(f.pfn), marks: marks[i] ?? [] });
    i = last + 1;
  }
  return slots;
}

function waitersOf(state: Record<string, TlaValue>, names: string[]): FrameView['queues'] {
  return pairsOf(state.waitq).map(([b, q]) => ({
    bucket: num(b),
    waiters: itemsOf(q).map((w) => {
      const f = w.kind === 'record' ? w.fields : {};
      return { thread: names[num(f.thread) - 1] ?? `thread ${num(f.thread)}`, key: num(f.key), exclusive: bool(f.exclusive) };
    }),
  }));
}

function endingOf(input: TraceViewInput): string {
  const { explained, verdict: v } = input;
  if (explained.loopFrom !== null) return `steps ${explained.loopFrom}–${explained.steps.length} repeat forever`;
  if (explained.stuttering) {
    const asleep = explained.sleepingAtEnd.map((s) => `${s.thread} on key ${s.key}`);
    return `then no thread can move${asleep.length > 0 ? `; asleep forever: ${asleep.join(', ')}` : ''}`;
  }
  if (v.kind === 'violated' && v.propertyKind === 'deadlock') {
    return `deadlock: nothing can move (${explained.unfinishedAtEnd.map((u) => `${u.thread} at ${u.label}`).join(', ')})`;
  }
  // A simulated walk ends where its sleeper can never be woken (no lasso drawn).
  if (v.kind === 'violated' && v.property === 'NoLostWakeup' && v.thread) return `then ${v.thread} can never be woken (every continuation explored)`;
  return v.kind === 'violated' ? `${v.property} is violated in the last state` : describeVerdict(v);
}

export function traceView(input: TraceViewInput): TraceView {
  const { spec, model, verdict: v, explained, states } = input;
  const names = model.threads.map((t) => t.name);
  const defs = model.threads.map((t) => spec.threads.find((d) => d.name === t.thread));
  const where = (thread: number, label: string): string => {
    const loc = defs[thread]?.steps.find((s) => s.label === label)?.loc;
    return loc ? `${loc.file}:${loc.line}` : '';
  };
  // A lasso's last step goes back to an earlier state: frame k shows the state after step k.
  const backTo = explained.loopFrom === null ? null : explained.loopFrom - 1;
  const stateAfter = (k: number): Record<string, TlaValue> => states[k] ?? states[backTo!]!;
  const frame = (k: number): FrameView => {
    const state = stateAfter(k);
    const queues = waitersOf(state, names);
    const sleeping = new Map(queues.flatMap((q) => q.waiters.map((w) => [w.thread, w.key] as const)));
    const step = k === 0 ? null : explained.steps[k - 1]!;
    return {
      step: step === null ? null : {
        number: step.number,
        thread: step.thread,
        label: step.label,
        doc: step.doc,
        at: step.file ? `${step.file}:${step.line}` : '',
        did: step.changes.map((c) => changeWords(c, explained.buckets)),
        inLoop: explained.loopFrom !== null && step.number >= explained.loopFrom,
      },
      xa: slotsOf(state, model.pmdOrder),
      queues,
      threads: itemsOf(state.pc).map((pc, t) => {
        const label = pc.kind === 'string' ? pc.value : formatTla(pc);
        return { name: names[t]!, label, at: where(t, label), asleepOn: sleeping.get(names[t]!) ?? null };
      }),
      globals: spec.globals.map((g) => ({ name: g.name, value: state[g.name] ? formatTla(state[g.name]!) : '' })),
    };
  };
  return {
    spec: spec.name,
    file: spec.file,
    model: model.name,
    doc: model.doc,
    verdict: describeVerdict(v),
    property: v.kind === 'violated' ? v.property : null,
    buckets: explained.buckets,
    loopFrom: explained.loopFrom,
    stuttering: explained.stuttering,
    ending: endingOf(input),
    frames: Array.from({ length: explained.steps.length + 1 }, (_, k) => frame(k)),
  };
}

/** The view of a trace the checker or a simulation found: explained and decoded, not re-checked. */
export function traceViewOf(spec: SpecModel, model: ModelConfig, verdict: Verdict, machine: Machine, trace: Trace): TraceView {
  const states = trace.states.map((s) => decodeState(spec, machine.layout, s));
  return traceView({ spec, model, verdict, explained: explainTrace(machine, trace), states });
}
