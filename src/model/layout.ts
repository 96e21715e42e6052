/**
 * Where each component of a model's state lives in the checker's flat
 * Int32Array, and how values are encoded as int32: the compact state the
 * checker hashes. Decoding to TLA+ values lives in src/model/values.ts.
 *
 * Encodings: int as is; bool 0/1; thread id 1..T, 0 = null; slot 0 = null,
 * -1 = XA_RETRY_ENTRY, else an entry (bit 0 set). Waiter: thread | exclusive<<4 | key<<5.
 */
import type { ModelConfig, ParamValue, SpecModel, ThreadDef, ValueType } from './ir.js';
import { DONE_LABEL } from './ir.js';
import { operationOf, type VocabOp } from './operations.js';

export const ENTRY_SHIFT = { order: 1, locked: 4, empty: 5, zero: 6, page: 7, pfn: 8 } as const;
export const ENTRY_WIDTH = { order: 3, locked: 1, empty: 1, zero: 1, page: 1, pfn: 16 } as const;
export const CONFLICT = -1;
export const MAX_THREADS = 15;
export const MAX_KEY = 1 << 20;

export interface ThreadSlot {
  /** Instance name, e.g. pte_fault(1). */
  name: string;
  def: ThreadDef;
  params: Record<string, ParamValue>;
  /** Local name → offset in the state. */
  locals: Map<string, number>;
  /** Labels in program order; pc value = index, DONE = labels.length. */
  labels: string[];
}

export interface Layout {
  threads: ThreadSlot[];
  indices: number;
  buckets: number;
  /** Capacity of one wait queue: every thread at most once. */
  queueCap: number;
  pcOff: number;
  globals: Map<string, { offset: number; type: ValueType }>;
  xaOff: number;
  /** Index i's marks (MARK_BITS) at marksOff + i; -1 in a spec without marks. */
  marksOff: number;
  /** Queue b: length at queueOff + b * (queueCap + 1), waiters after it. */
  queueOff: number;
  /** BUG_ON site index + 1, 0 = no BUG; -1 when the spec has no BUG_ON. */
  bugOff: number;
  bugSites: string[];
  size: number;
}

export function layoutOf(spec: SpecModel, model: ModelConfig): Layout {
  let size = 0;
  const pcOff = size;
  size += model.threads.length;
  const threads: ThreadSlot[] = model.threads.map((inst) => {
    const def = spec.threads.find((t) => t.name === inst.thread);
    if (def === undefined) throw new Error(`model ${model.name}: no thread ${inst.thread}`);
    const locals = new Map<string, number>();
    for (const l of def.locals) locals.set(l.name, size++);
    return { name: inst.name, def, params: inst.params, locals, labels: def.steps.map((s) => s.label) };
  });
  const globals = new Map<string, { offset: number; type: ValueType }>();
  for (const g of spec.globals) globals.set(g.name, { offset: size++, type: g.type });
  const xaOff = size;
  size += model.indices;
  const marksOff = usesMarks(spec) ? size : -1;
  if (marksOff >= 0) size += model.indices;
  const queueCap = model.threads.length;
  const queueOff = size;
  size += model.buckets * (queueCap + 1);
  const bugSites = bugSitesOf(spec);
  const bugOff = bugSites.length > 0 ? size++ : -1;
  return { threads, indices: model.indices, buckets: model.buckets, queueCap, pcOff, globals, xaOff, marksOff, queueOff, bugOff, bugSites, size };
}

export function doneIndex(slot: ThreadSlot): number {
  return slot.labels.length;
}

export function labelAt(slot: ThreadSlot, pc: number): string {
  return pc === slot.labels.length ? DONE_LABEL : (slot.labels[pc] ?? `?${pc}`);
}

/** BUG_ON sites in source order, as the parser named them. */
export function bugSitesOf(spec: Pick<SpecModel, 'threads'>): string[] {
  const sites: string[] = [];
  const walk = (stmts: import('./ir.js').Stmt[]): void => {
    for (const s of stmts) {
      if (s.kind === 'bugOn' && !sites.includes(s.site)) sites.push(s.site);
      if (s.kind === 'if') {
        walk(s.then);
        walk(s.else);
      }
    }
  };
  for (const t of spec.threads) for (const step of t.steps) walk(step.body);
  return sites;
}

/**
 * Does the spec use XArray marks? Only then does its state have them (a
 * `marks` variable in TLA+), so specs without marks keep their states.
 */
export function usesMarks(spec: SpecModel): boolean {
  // The IR is plain data: look for a vocabulary call whose row touches marks.
  const visit = (node: unknown): boolean => {
    if (Array.isArray(node)) return node.some(visit);
    if (node === null || typeof node !== 'object') return false;
    const rec = node as Record<string, unknown>;
    if (rec.kind === 'vocab' && typeof rec.op === 'string' && touchesMarks(operationOf(rec.op))) return true;
    return Object.values(rec).some(visit);
  };
  return visit([spec.threads, spec.helpers, spec.invariants]);
}

function touchesMarks(op: VocabOp): boolean {
  return op.reads.includes('marks') || (op.form === 'stmt' && op.writes === 'marks');
}

export function encodeEntry(order: number, locked: boolean, empty: boolean, zero: boolean, page: boolean, pfn: number): number {
  return 1 | (order << ENTRY_SHIFT.order) | (+locked << ENTRY_SHIFT.locked) | (+empty << ENTRY_SHIFT.empty) | (+zero << ENTRY_SHIFT.zero) | (+page << ENTRY_SHIFT.page) | (pfn << ENTRY_SHIFT.pfn);
}

export function entryField(e: number, field: keyof typeof ENTRY_SHIFT): number {
  return (e >>> ENTRY_SHIFT[field]) & ((1 << ENTRY_WIDTH[field]) - 1);
}

/** Where an xa_state stands: fresh / reset / paused, on a slot, or past the end of a walk. */
export const XAS_NODES = ['restart', 'walked', 'bounds'] as const;
export type XasNode = (typeof XAS_NODES)[number];
export const XAS_RESTART = 0;
export const XAS_WALKED = 1;
export const XAS_BOUNDS = 2;

/** An xa_state as int32: 1 | node<<1 | order<<3 | index<<6 | offset<<18 (0 = no xa_state). */
export function encodeXas(index: number, order: number, node: number, offset: number): number {
  return 1 | (node << 1) | (order << 3) | (index << 6) | (offset << 18);
}

export function xasParts(x: number): { index: number; order: number; node: number; offset: number } {
  return { node: (x >>> 1) & 3, order: (x >>> 3) & 7, index: (x >>> 6) & 0xfff, offset: (x >>> 18) & 0xfff };
}

export function waiterOf(thread: number, exclusive: boolean, key: number): number {
  return thread | (+exclusive << 4) | (key << 5);
}
