/**
 * Explains a counterexample in the domain's words: for each step, which
 * thread ran which label and what it did to entries and wait queues (replayed
 * with the vocabulary's event log switched on).
 */
import type { Machine } from './compile.js';
import type { Trace } from './result.js';
import { entryField, labelAt } from '../model/layout.js';
import type { VocabEvent } from '../model/vocabulary.js';

export type Change =
  | { kind: 'store'; first: number; last: number; entry: string }
  | { kind: 'erase'; first: number; last: number }
  | { kind: 'wait'; thread: string; key: number; bucket: number; exclusive: boolean }
  | { kind: 'wake'; key: number; all: boolean; keyFilter: boolean; woken: string[] }
  | { kind: 'bug'; site: string }
  | { kind: 'global'; name: string; value: string };

export interface ExplainedStep {
  /** 1-based, as in the table. */
  number: number;
  thread: string;
  label: string;
  /** The step's doc comment: the kernel code it stands for. */
  doc: string;
  changes: Change[];
}

export interface ExplainedTrace {
  steps: ExplainedStep[];
  /** Number of the first step of the loop (a lasso's loop starts after state `backTo`). */
  loopFrom: number | null;
  stuttering: boolean;
  /** Threads asleep on a wait queue in the last state, with their keys. */
  sleepingAtEnd: { thread: string; key: number }[];
  /** Threads that have not returned in the last state, with the label they are stuck at. */
  unfinishedAtEnd: { thread: string; label: string }[];
}

/** A shared variable's value for a reader: thread ids by name, entries described. */
function describeGlobal(v: number, type: import('../model/ir.js').ValueType, names: string[], pmdOrder: number): string {
  switch (type) {
    case 'int':
      return String(v);
    case 'bool':
      return v !== 0 ? 'true' : 'false';
    case 'thread':
      return v === 0 ? 'null' : (names[v - 1] ?? `thread ${v}`);
    case 'slot':
      return describeEntry(v, pmdOrder);
  }
}

/** PTE / PMD / order-k, then its set flags and pfn. */
export function describeEntry(e: number, pmdOrder: number): string {
  if (e === 0) return 'null';
  if (e === -1) return 'XA_RETRY_ENTRY';
  const order = entryField(e, 'order');
  const size = order === 0 ? 'PTE' : order === pmdOrder ? 'PMD' : `order-${order}`;
  const flags = (['locked', 'empty', 'zero'] as const).filter((f) => entryField(e, f) !== 0);
  const pfn = entryField(e, 'pfn');
  return [size, ...flags, ...(pfn !== 0 ? [`pfn ${pfn}`] : [])].join(' ');
}

export function explainTrace(machine: Machine, trace: Trace): ExplainedTrace {
  const { layout, vocab } = machine;
  const names = layout.threads.map((t) => t.name);
  const all = trace.loop?.kind === 'backTo' ? [...trace.steps, trace.loop.step] : trace.steps;
  const steps: ExplainedStep[] = all.map((step, i) => {
    const from = trace.states[i]!;
    const work = from.slice();
    const events: VocabEvent[] = [];
    vocab.events = events;
    try {
      machine.step(step.thread, work);
    } finally {
      vocab.events = null;
    }
    const slot = layout.threads[step.thread]!;
    const changes: Change[] = events.map((ev): Change => {
      switch (ev.kind) {
        case 'store': {
          const size = 1 << entryField(ev.entry, 'order');
          return { kind: 'store', first: ev.index, last: ev.index + size - 1, entry: describeEntry(ev.entry, machine.model.pmdOrder) };
        }
        case 'erase': {
          const before = from[layout.xaOff + ev.index]!;
          const order = before === 0 ? 0 : entryField(before, 'order');
          const first = ev.index - (ev.index % (1 << order));
          return { kind: 'erase', first, last: first + (1 << order) - 1 };
        }
        case 'wait':
          return { kind: 'wait', thread: names[ev.thread - 1]!, key: ev.key, bucket: ev.key % layout.buckets, exclusive: ev.exclusive };
        case 'wake':
          return { kind: 'wake', key: ev.key, all: ev.all, keyFilter: ev.keyFilter, woken: ev.woken.map((t) => names[t - 1]!) };
      }
    });
    for (const [name, { offset, type }] of layout.globals) {
      if (work[offset] !== from[offset]) changes.push({ kind: 'global', name, value: describeGlobal(work[offset]!, type, names, machine.model.pmdOrder) });
    }
    if (layout.bugOff >= 0 && work[layout.bugOff] !== from[layout.bugOff] && work[layout.bugOff]! > 0) {
      changes.push({ kind: 'bug', site: layout.bugSites[work[layout.bugOff]! - 1]! });
    }
    const doc = slot.def.steps.find((s) => s.label === step.label)?.doc ?? '';
    return { number: i + 1, thread: slot.name, label: labelAt(slot, from[layout.pcOff + step.thread]!), doc, changes };
  });
  const last = trace.states[trace.states.length - 1]!;
  const sleepingAtEnd: { thread: string; key: number }[] = [];
  for (let b = 0; b < layout.buckets; b++) {
    const base = layout.queueOff + b * (layout.queueCap + 1);
    for (let i = 1; i <= last[base]!; i++) {
      const w = last[base + i]!;
      sleepingAtEnd.push({ thread: names[(w & 15) - 1]!, key: w >>> 5 });
    }
  }
  const unfinishedAtEnd = layout.threads
    .map((slot, t) => ({ thread: slot.name, pc: last[layout.pcOff + t]!, slot }))
    .filter((x) => x.pc !== x.slot.labels.length)
    .map((x) => ({ thread: x.thread, label: labelAt(x.slot, x.pc) }));
  return {
    steps,
    loopFrom: trace.loop?.kind === 'backTo' ? trace.loop.backTo + 1 : null,
    stuttering: trace.loop?.kind === 'stuttering',
    sleepingAtEnd,
    unfinishedAtEnd,
  };
}
