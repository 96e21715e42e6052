/**
 * Explains a counterexample in the domain's words: for each step, which
 * thread ran which label and what it did to entries and wait queues (replayed
 * with the vocabulary's event log switched on).
 */
import type { Machine } from './compile.js';
import type { Trace } from './result.js';
import { XAS_NODES, XAS_WALKED, entryField, labelAt, xasParts } from '../model/layout.js';
import type { VocabEvent } from '../model/vocabulary.js';
import type { Mark } from '../model/operations.js';

/** An entry's fields as a reader names them: `size` is PTE, PMD or order-k. */
export interface EntryFacts {
  size: string;
  order: number;
  locked: boolean;
  empty: boolean;
  zero: boolean;
  /** A page-cache page in the slot, not a DAX value entry (`locked`: its PG_locked). */
  page: boolean;
  pfn: number;
}

export type Change =
  /** `before`: the entry at `first` just before this store (null: none). */
  | { kind: 'store'; first: number; last: number; entry: string; before: EntryFacts | null; after: EntryFacts }
  | { kind: 'erase'; first: number; last: number; before: EntryFacts | null }
  /** The entry over first..last (`size`: PTE, PMD, ...) got (`set`) or lost a mark. */
  | { kind: 'mark'; first: number; last: number; size: string; mark: Mark; set: boolean }
  | { kind: 'wait'; thread: string; key: number; bucket: number; exclusive: boolean }
  | { kind: 'wake'; key: number; bucket: number; all: boolean; keyFilter: boolean; woken: string[] }
  | { kind: 'bug'; site: string }
  /** `words`: the spec's own words for the assignment (`down_write(i_mmap_sem)`), if it gave any. */
  | { kind: 'global'; name: string; value: string; words?: string };

export interface ExplainedStep {
  /** 1-based, as in the table. */
  number: number;
  thread: string;
  label: string;
  /** The step's doc comment: the kernel code it stands for. */
  doc: string;
  /** Where the step is written in the spec. */
  file: string;
  line: number;
  changes: Change[];
}

export interface ExplainedTrace {
  steps: ExplainedStep[];
  /** Number of hashed wait queues: a queue number means something only when there are several. */
  buckets: number;
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
    case 'xas':
      return describeXas(v);
  }
}

/** An xa_state as a kernel reader would print it: index, order, where it stands. */
export function describeXas(x: number): string {
  if (x === 0) return 'null';
  const a = xasParts(x);
  const where = a.node === XAS_WALKED ? `walked at slot ${a.offset}` : XAS_NODES[a.node];
  return `xas(index ${a.index}${a.order > 0 ? `, order ${a.order}` : ''}, ${where})`;
}

/** PTE / PMD / order-k, then its set flags and pfn. */
export function describeEntry(e: number, pmdOrder: number): string {
  if (e === 0) return 'null';
  if (e === -1) return 'XA_RETRY_ENTRY';
  const f = entryFacts(e, pmdOrder);
  const flags = (['locked', 'empty', 'zero'] as const).filter((x) => f[x]);
  return [f.page ? 'page' : f.size, ...flags, ...(f.pfn !== 0 ? [`pfn ${f.pfn}`] : [])].join(' ');
}

export function entryFacts(e: number, pmdOrder: number): EntryFacts {
  const order = entryField(e, 'order');
  return {
    size: order === 0 ? 'PTE' : order === pmdOrder ? 'PMD' : `order-${order}`,
    order,
    locked: entryField(e, 'locked') !== 0,
    empty: entryField(e, 'empty') !== 0,
    zero: entryField(e, 'zero') !== 0,
    page: entryField(e, 'page') !== 0,
    pfn: entryField(e, 'pfn'),
  };
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
    const pmdOrder = machine.model.pmdOrder;
    // The XArray as the step's events leave it, so each store knows what it replaced.
    const xa = Array.from(from.subarray(layout.xaOff, layout.xaOff + layout.indices));
    const factsAt = (i: number): EntryFacts | null => (xa[i] ? entryFacts(xa[i]!, pmdOrder) : null);
    const changes: Change[] = [];
    const words = new Map<string, string>();
    for (const ev of events) {
      switch (ev.kind) {
        case 'store': {
          const last = ev.index + (1 << entryField(ev.entry, 'order')) - 1;
          const before = factsAt(ev.index) ?? factsAt(last);
          for (let i = ev.index; i <= last; i++) xa[i] = ev.entry;
          changes.push({ kind: 'store', first: ev.index, last, entry: describeEntry(ev.entry, pmdOrder), before, after: entryFacts(ev.entry, pmdOrder) });
          break;
        }
        case 'erase': {
          const was = xa[ev.index]!;
          const order = was === 0 ? 0 : entryField(was, 'order');
          const first = ev.index - (ev.index % (1 << order));
          const before = factsAt(ev.index);
          for (let i = first; i < first + (1 << order) && i < xa.length; i++) xa[i] = 0;
          changes.push({ kind: 'erase', first, last: first + (1 << order) - 1, before });
          break;
        }
        case 'mark':
          changes.push({ kind: 'mark', first: ev.first, last: ev.last, size: factsAt(ev.first)?.size ?? 'entry', mark: ev.mark, set: ev.set });
          break;
        case 'wait':
          changes.push({ kind: 'wait', thread: names[ev.thread - 1]!, key: ev.key, bucket: ev.key % layout.buckets, exclusive: ev.exclusive });
          break;
        case 'wake':
          changes.push({ kind: 'wake', key: ev.key, bucket: ev.key % layout.buckets, all: ev.all, keyFilter: ev.keyFilter, woken: ev.woken.map((t) => names[t - 1]!) });
          break;
        case 'said':
          words.set(ev.global, ev.words);
          break;
      }
    }
    for (const [name, { offset, type }] of layout.globals) {
      if (work[offset] === from[offset]) continue;
      const said = words.get(name);
      changes.push({ kind: 'global', name, value: describeGlobal(work[offset]!, type, names, pmdOrder), ...(said !== undefined ? { words: said } : {}) });
    }
    if (layout.bugOff >= 0 && work[layout.bugOff] !== from[layout.bugOff] && work[layout.bugOff]! > 0) {
      changes.push({ kind: 'bug', site: layout.bugSites[work[layout.bugOff]! - 1]! });
    }
    const def = slot.def.steps.find((s) => s.label === step.label);
    return { number: i + 1, thread: slot.name, label: labelAt(slot, from[layout.pcOff + step.thread]!), doc: def?.doc ?? '', file: def?.loc.file ?? '', line: def?.loc.line ?? 0, changes };
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
    buckets: layout.buckets,
    loopFrom: trace.loop?.kind === 'backTo' ? trace.loop.backTo + 1 : null,
    stuttering: trace.loop?.kind === 'stuttering',
    sleepingAtEnd,
    unfinishedAtEnd,
  };
}
