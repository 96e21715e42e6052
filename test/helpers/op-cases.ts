/**
 * The operation table's hand-worked cases (src/model/operations.ts) as inputs
 * for the interpreter (int32 state and JavaScript argument text) and for TLC
 * (TLA+ values): both readings are asked the same question.
 */
import { CONFLICT, XAS_NODES, encodeEntry, encodeXas } from '../../src/model/layout.js';
import type { CaseEntry, CaseValue, CaseWaiter, CaseXas, OpCase, VocabOp } from '../../src/model/operations.js';
import { MARK_BITS, OPERATIONS } from '../../src/model/operations.js';

/** Every (operation, case) pair, with a test title. */
export function allCases(): { title: string; op: VocabOp; c: OpCase }[] {
  return OPERATIONS.flatMap((op) => op.cases.map((c) => ({ title: `k.${op.name}: ${c.name}`, op, c })));
}

export const encEntry = (e: CaseEntry | null): number =>
  e === null ? 0 : encodeEntry(e.order, !!e.locked, !!e.empty, !!e.zero, !!e.page, e.pfn ?? 0);
/** The marks of a case's slot, as the interpreter encodes them. */
export const encMarks = (e: CaseEntry | null): number => (e?.marks ?? []).reduce((bits, m) => bits | MARK_BITS[m], 0);
export const encWaiter = (w: CaseWaiter): number => w.thread | (+w.exclusive << 4) | (w.key << 5);

/** A case value as the int32 the compiled checker works with. */
export function jsValue(v: CaseValue): number {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'next') return 1;
  if (v === 'all') return 0;
  if (v === 'retry') return CONFLICT;
  if (v === 'DIRTY' || v === 'TOWRITE') return MARK_BITS[v];
  if ('node' in v) return encXas(v);
  return encEntry(v);
}

export const encXas = (x: CaseXas): number => encodeXas(x.index, x.order, XAS_NODES.indexOf(x.node), x.offset);
export const tlaXas = (x: CaseXas): string => `[index |-> ${x.index}, order |-> ${x.order}, node |-> "${x.node}", offset |-> ${x.offset}]`;

const tlaBool = (b: boolean): string => (b ? 'TRUE' : 'FALSE');
export const tlaEntry = (e: CaseEntry | null): string =>
  e === null ? 'Null' : `[order |-> ${e.order}, locked |-> ${tlaBool(!!e.locked)}, empty |-> ${tlaBool(!!e.empty)}, zero |-> ${tlaBool(!!e.zero)}, pfn |-> ${e.pfn ?? 0}]`;
const fn = (items: string[]): string => (items.length === 0 ? '<<>>' : `(${items.map((v, i) => `${i} :> ${v}`).join(' @@ ')})`);
export const tlaXa = (slots: (CaseEntry | null)[]): string => fn(slots.map(tlaEntry));
export const tlaMarks = (slots: (CaseEntry | null)[]): string => fn(slots.map((e) => `{${(e?.marks ?? []).join(', ')}}`));
const tlaWaiter = (w: CaseWaiter): string => `[thread |-> ${w.thread}, key |-> ${w.key}, exclusive |-> ${tlaBool(w.exclusive)}]`;
export const tlaWq = (qs: CaseWaiter[][]): string => fn(qs.map((q) => `<<${q.map(tlaWaiter).join(', ')}>>`));

/** A case value as TLA+. */
export function tlaValue(v: CaseValue): string {
  if (v === null) return 'Null';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return tlaBool(v);
  if (v === 'next') return 'WAKE_NEXT';
  if (v === 'all') return 'WAKE_ALL';
  if (v === 'retry') return 'XA_RETRY_ENTRY';
  if (v === 'DIRTY' || v === 'TOWRITE') return v;
  if ('node' in v) return tlaXas(v);
  return tlaEntry(v);
}

/** The wait table of a case: one queue per bucket. */
export function caseQueues(c: OpCase): CaseWaiter[][] {
  const buckets = c.buckets ?? 1;
  return Array.from({ length: buckets }, (_, b) => c.wq?.[b] ?? []);
}

/**
 * The case's expectations as TLA+ equations, each rendered through the row's
 * own TLA+ rendering (what the emitter writes for a call).
 */
export function tlaAssumptions(op: VocabOp, c: OpCase): string[] {
  const slots = c.xa ?? [null, null, null, null];
  const site = { args: c.args.map(tlaValue), xa: tlaXa(slots), waitq: tlaWq(caseQueues(c)), marks: tlaMarks(slots) };
  // `self` is bound by a LET so a rendering that names self can be used as is.
  const eq = (lhs: string, rhs: string): string => `LET self == ${c.self ?? 1} IN ${lhs} = ${rhs}`;
  const out: string[] = [];
  const e = c.expect;
  const answered = new Set<string>();
  const check = (key: string, lhs: string, rhs: string): void => {
    out.push(eq(lhs, rhs));
    answered.add(key);
  };
  if (e.value !== undefined && op.form === 'expr') check('value', op.tla(site), tlaValue(e.value));
  if (e.xa !== undefined && op.form === 'stmt' && op.writes === 'xa') {
    check('xa', op.tla(site), tlaXa(e.xa));
    if (op.marksAfter !== undefined) check('xa', op.marksAfter(site), tlaMarks(e.xa));
  }
  // A row that writes marks is held to the marks of the expected XArray.
  if (e.xa !== undefined && op.form === 'stmt' && op.writes === 'marks') check('xa', op.tla(site), tlaMarks(e.xa));
  if (e.wq !== undefined && op.form === 'stmt' && op.writes === 'waitq') check('wq', op.tla(site), tlaWq(e.wq));
  if (e.xas !== undefined && op.moves !== undefined) {
    // A statement moves the state after its effect (as the compiled step does): read the new XArray.
    const after = op.form === 'stmt' && op.writes === 'xa' ? { ...site, xa: op.tla(site) } : site;
    check('xas', op.moves.tla(after), tlaXas(e.xas));
  }
  if (answered.size !== Object.keys(e).length) throw new Error(`case '${c.name}' of ${op.name} expects something the row does not give`);
  return out;
}
