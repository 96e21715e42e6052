/**
 * xa_state operations for the generator, driven by the operation table
 * (src/model/operations.ts): every row that takes an xa_state or a mark, or
 * walks a range, is drawn from the table with arguments made for its
 * parameter kinds, so a row added to the table is fuzzed without a change
 * here. A thread that uses them keeps its xa_state in a local, set with
 * XA_STATE() at the start of its first step (a state that was never set
 * fails the step; the generator does not test that).
 */
import type { FExpr, FStmt } from './ast.js';
import { OPERATIONS, type VocabOp } from '../model/operations.js';
import { entryValue, expr, type Ctx } from './generate.js';

/** Rows for the generator to draw: those about xa_states, marks and tagged ranges. */
const XAS_ROWS: readonly VocabOp[] = OPERATIONS.filter(
  (op) => op.name !== 'XA_STATE' && (op.params.some((p) => p.kind === 'xas' || p.kind === 'mark') || op.name === 'tag_pages_for_writeback'),
);

/** Integer parameters that are indices (walk limits, range ends); the rest of the int parameters are orders. */
const INDEX_PARAMS = new Set(['index', 'max', 'start', 'end', 'key']);

/** A fresh state on the thread's xa_state local: `t.x = k.XA_STATE(index, order)`. */
export function xaStateInit(ctx: Ctx, local: string): FStmt {
  return { kind: 'setLocal', name: local, value: { kind: 'op', op: 'XA_STATE', args: [expr(ctx, 'index'), expr(ctx, 'order')], type: 'xas' } };
}

function argument(ctx: Ctx, op: VocabOp, i: number, xas: FExpr): FExpr {
  const p = op.params[i]!;
  switch (p.kind) {
    case 'xas':
      return xas;
    case 'mark':
      return { kind: 'mark', mark: ctx.rnd.chance(0.5) ? 'DIRTY' : 'TOWRITE', type: 'mark' };
    case 'int':
      return expr(ctx, INDEX_PARAMS.has(p.name) ? 'index' : 'order');
    case 'bool':
      return expr(ctx, 'bool');
    case 'slot':
      return expr(ctx, 'slot');
    case 'entry':
      return entryValue(ctx);
    case 'wakeMode':
      return expr(ctx, 'mode');
    case 'thread':
      return { kind: 'self', type: 'thread' };
  }
}

/**
 * One xa_state statement on `xas` (a thread's local, or a helper's XaState
 * parameter): a move or a statement row as it is, a value row stored by
 * `store` (into a const or a local of its type), or now and then a fresh
 * XA_STATE in a thread's local (a helper cannot assign its parameter).
 */
export function xasStatement(ctx: Ctx, xas: FExpr, store: (value: FExpr) => FStmt): FStmt {
  const { rnd } = ctx;
  if (rnd.chance(0.08) && xas.kind === 'thread') return xaStateInit(ctx, xas.name);
  const op = rnd.pick(XAS_ROWS);
  const args = op.params.map((_, i) => argument(ctx, op, i, xas));
  if (op.form !== 'expr') return { kind: 'op', op: op.name, args };
  const type = op.result === 'slot' ? 'slot' : op.result === 'bool' ? 'bool' : 'int';
  return store({ kind: 'op', op: op.name, args, type });
}

/** A value read from the xa_state that moves nothing (xa_index, xas_get_mark), for use inside expressions. */
export function xasQuery(ctx: Ctx, xas: FExpr, want: 'int' | 'bool'): FExpr {
  if (want === 'int') return { kind: 'op', op: 'xa_index', args: [xas], type: 'int' };
  return { kind: 'op', op: 'xas_get_mark', args: [xas, { kind: 'mark', mark: ctx.rnd.chance(0.5) ? 'DIRTY' : 'TOWRITE', type: 'mark' }], type: 'bool' };
}
