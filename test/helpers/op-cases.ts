/**
 * The operation table's hand-worked cases (src/model/operations.ts) as inputs
 * for the interpreter (int32 state and JavaScript argument text) and for TLC
 * (TLA+ values): both readings are asked the same question.
 */
import { encodeEntry } from '../../src/model/layout.js';
import type { CaseEntry, CaseValue, CaseWaiter, OpCase, VocabOp } from '../../src/model/operations.js';
import { OPERATIONS } from '../../src/model/operations.js';

/** Every (operation, case) pair, with a test title. */
export function allCases(): { title: string; op: VocabOp; c: OpCase }[] {
  return OPERATIONS.flatMap((op) => op.cases.map((c) => ({ title: `k.${op.name}: ${c.name}`, op, c })));
}

export const encEntry = (e: CaseEntry | null): number =>
  e === null ? 0 : encodeEntry(e.order, !!e.locked, !!e.empty, !!e.zero, e.pfn ?? 0);
export const encWaiter = (w: CaseWaiter): number => w.thread | (+w.exclusive << 4) | (w.key << 5);

/** A case value as the int32 the compiled checker works with. */
export function jsValue(v: CaseValue): number {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'next') return 1;
  if (v === 'all') return 0;
  return encEntry(v);
}

const tlaBool = (b: boolean): string => (b ? 'TRUE' : 'FALSE');
export const tlaEntry = (e: CaseEntry | null): string =>
  e === null ? 'Null' : `[order |-> ${e.order}, locked |-> ${tlaBool(!!e.locked)}, empty |-> ${tlaBool(!!e.empty)}, zero |-> ${tlaBool(!!e.zero)}, pfn |-> ${e.pfn ?? 0}]`;
const fn = (items: string[]): string => (items.length === 0 ? '<<>>' : `(${items.map((v, i) => `${i} :> ${v}`).join(' @@ ')})`);
export const tlaXa = (slots: (CaseEntry | null)[]): string => fn(slots.map(tlaEntry));
const tlaWaiter = (w: CaseWaiter): string => `[thread |-> ${w.thread}, key |-> ${w.key}, exclusive |-> ${tlaBool(w.exclusive)}]`;
export const tlaWq = (qs: CaseWaiter[][]): string => fn(qs.map((q) => `<<${q.map(tlaWaiter).join(', ')}>>`));

/** A case value as TLA+. */
export function tlaValue(v: CaseValue): string {
  if (v === null) return 'Null';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return tlaBool(v);
  if (v === 'next') return 'WAKE_NEXT';
  if (v === 'all') return 'WAKE_ALL';
  return tlaEntry(v);
}

/** The wait table of a case: one queue per bucket. */
export function caseQueues(c: OpCase): CaseWaiter[][] {
  const buckets = c.buckets ?? 1;
  return Array.from({ length: buckets }, (_, b) => c.wq?.[b] ?? []);
}

/** `<lhs> = <expected>` for the case, rendered through the row's own TLA+ rendering. */
export function tlaAssumption(op: VocabOp, c: OpCase): string {
  const xa = tlaXa(c.xa ?? [null, null, null, null]);
  const waitq = tlaWq(caseQueues(c));
  // `self` is bound by a LET so the row's rendering (which names self) can be used as is.
  const rendered = op.tla({ args: c.args.map(tlaValue), xa, waitq });
  const expected = 'value' in c.expect ? tlaValue(c.expect.value) : 'xa' in c.expect ? tlaXa(c.expect.xa) : tlaWq(c.expect.wq);
  return `LET self == ${c.self ?? 1} IN ${rendered} = ${expected}`;
}
