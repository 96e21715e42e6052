/**
 * Decodes the checker's int32 state into TLA+ values, variable by variable,
 * exactly as the emitted module names and shapes them. The replay of a TLC
 * trace compares these; the trace renderer reads them.
 */
import { ENTRY_FIELDS, type SpecModel, type ValueType } from './ir.js';
import { CONFLICT, XAS_NODES, entryField, labelAt, usesMarks, xasParts, type Layout } from './layout.js';
import { MARK_BITS, type Mark } from './operations.js';
import { initialValueOf, localNames } from './init.js';
import { tlaBool, tlaInt, tlaSeq, tlaString, type TlaValue } from './tla-value.js';

export const NULL_VALUE: TlaValue = { kind: 'modelValue', name: 'Null' };
export const CONFLICT_VALUE: TlaValue = { kind: 'modelValue', name: 'XA_RETRY_ENTRY' };

/** The emitted module's variable names, in declaration order. */
export function stateVariables(spec: SpecModel): string[] {
  return ['pc', ...localNames(spec).map((l) => l.name), ...spec.globals.map((g) => g.name), 'xa', ...(usesMarks(spec) ? ['marks'] : []), 'waitq', ...(spec.usesBugOn ? ['bug'] : [])];
}

export function decodeValue(v: number, type: ValueType): TlaValue {
  switch (type) {
    case 'int':
      return tlaInt(v);
    case 'bool':
      return tlaBool(v !== 0);
    case 'thread':
      return v === 0 ? NULL_VALUE : tlaInt(v);
    case 'slot':
      return decodeSlot(v);
    case 'xas':
      return decodeXas(v);
  }
}

export function decodeXas(v: number): TlaValue {
  if (v === 0) return NULL_VALUE;
  const a = xasParts(v);
  return { kind: 'record', fields: { index: tlaInt(a.index), order: tlaInt(a.order), node: tlaString(XAS_NODES[a.node]!), offset: tlaInt(a.offset) } };
}

export function decodeSlot(v: number): TlaValue {
  if (v === 0) return NULL_VALUE;
  if (v === CONFLICT) return CONFLICT_VALUE;
  const fields: Record<string, TlaValue> = {};
  for (const f of ENTRY_FIELDS) {
    const raw = entryField(v, f);
    fields[f] = f === 'order' || f === 'pfn' ? tlaInt(raw) : tlaBool(raw !== 0);
  }
  return { kind: 'record', fields };
}

/** An index's marks as the TLA+ set of mark names. */
export function decodeMarks(bits: number): TlaValue {
  const names = (Object.keys(MARK_BITS) as Mark[]).filter((m) => (bits & MARK_BITS[m]) !== 0);
  return { kind: 'set', items: names.map(tlaString) };
}

export function decodeWaiter(w: number): TlaValue {
  return { kind: 'record', fields: { thread: tlaInt(w & 15), key: tlaInt(w >>> 5), exclusive: tlaBool(((w >>> 4) & 1) !== 0) } };
}

function constantValue(spec: SpecModel, thread: string, local: string): number {
  const e = initialValueOf(spec, thread, local);
  return e.kind === 'int' ? e.value : e.kind === 'bool' ? +e.value : 0;
}

export function decodeState(spec: SpecModel, layout: Layout, s: Int32Array): Record<string, TlaValue> {
  const out: Record<string, TlaValue> = {};
  out.pc = tlaSeq(layout.threads.map((slot, t) => tlaString(labelAt(slot, s[layout.pcOff + t]!))));
  for (const { name, type } of localNames(spec)) {
    out[name] = tlaSeq(layout.threads.map((slot) => {
      const off = slot.locals.get(name);
      if (off === undefined) return decodeValue(constantValue(spec, slot.def.name, name), type);
      // Two code paths may declare one local name with different types (an int here, an entry there).
      const own = slot.def.locals.find((l) => l.name === name)!.type;
      return decodeValue(s[off]!, own);
    }));
  }
  for (const g of spec.globals) {
    const { offset, type } = layout.globals.get(g.name)!;
    out[g.name] = decodeValue(s[offset]!, type);
  }
  out.xa = { kind: 'fn', pairs: Array.from({ length: layout.indices }, (_, i) => [tlaInt(i), decodeSlot(s[layout.xaOff + i]!)] as [TlaValue, TlaValue]) };
  if (layout.marksOff >= 0) {
    out.marks = { kind: 'fn', pairs: Array.from({ length: layout.indices }, (_, i) => [tlaInt(i), decodeMarks(s[layout.marksOff + i]!)] as [TlaValue, TlaValue]) };
  }
  out.waitq = {
    kind: 'fn',
    pairs: Array.from({ length: layout.buckets }, (_, b) => {
      const base = layout.queueOff + b * (layout.queueCap + 1);
      const len = s[base]!;
      const items = Array.from({ length: len }, (_, i) => decodeWaiter(s[base + 1 + i]!));
      return [tlaInt(b), tlaSeq(items)] as [TlaValue, TlaValue];
    }),
  };
  if (spec.usesBugOn) out.bug = tlaString(s[layout.bugOff]! === 0 ? 'none' : layout.bugSites[s[layout.bugOff]! - 1]!);
  return out;
}
