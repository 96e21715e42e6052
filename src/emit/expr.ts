/**
 * IR expressions as TLA+ text, parenthesised by TLA+'s operator precedence.
 * Every rendered expression carries the precedence of its outermost operator
 * (`Tla`), and every place that puts one inside another text says what it
 * sits in (`Position`); parentheses are added exactly where TLA+ would read
 * the text otherwise. State reads go through `StateView`, which the step
 * renderer updates as it walks a step's statements, so an expression after
 * `k.store(...)` reads the stored XArray (the interpreter's in-place reading
 * of the same statements).
 */
import type { BinaryOp, Expr } from '../model/ir.js';
import type { TlaNames } from './names.js';
import { operationOf } from '../model/operations.js';

/**
 * Rendered TLA+ and how tightly its outermost operator binds: `lo`..`hi` is
 * the operator's precedence range (TLA+ book, table 6), `op` the operator.
 * Names, numbers, applications and bracketed text bind tightest (ATOM); IF
 * binds loosest (it extends as far right as it can).
 */
export interface Tla {
  text: string;
  lo: number;
  hi: number;
  op: string | null;
}

const ATOM = 100;
const PREFIX_MINUS = 12;

export const atom = (text: string): Tla => ({ text, lo: ATOM, hi: ATOM, op: null });

interface Infix {
  tla: string;
  lo: number;
  hi: number;
  /** TLA+ reads `a op b op c` as `(a op b) op c`. */
  leftAssoc: boolean;
}

const INFIX: Record<BinaryOp, Infix> = {
  '&&': { tla: '/\\', lo: 3, hi: 3, leftAssoc: true },
  '||': { tla: '\\/', lo: 3, hi: 3, leftAssoc: true },
  '==': { tla: '=', lo: 5, hi: 5, leftAssoc: false },
  '!=': { tla: '#', lo: 5, hi: 5, leftAssoc: false },
  '<': { tla: '<', lo: 5, hi: 5, leftAssoc: false },
  '<=': { tla: '=<', lo: 5, hi: 5, leftAssoc: false },
  '>': { tla: '>', lo: 5, hi: 5, leftAssoc: false },
  '>=': { tla: '>=', lo: 5, hi: 5, leftAssoc: false },
  '+': { tla: '+', lo: 10, hi: 10, leftAssoc: true },
  '%': { tla: '%', lo: 10, hi: 11, leftAssoc: false },
  '-': { tla: '-', lo: 11, hi: 11, leftAssoc: true },
  '*': { tla: '*', lo: 13, hi: 13, leftAssoc: true },
};

/** The `=` of an equation (`x' = v`, `![self] = v`, `Variant = "a"`). */
const EQUALS = INFIX['=='];

/**
 * Where a rendered expression is placed:
 * - `top`: delimited on both sides by syntax (a definition's body, an IF's
 *   test, a conjunct of a bulleted list): any expression as it is;
 * - `arg`: an argument, a record field, an EXCEPT value — delimited by commas
 *   and brackets, but an IF is parenthesised so that it visibly ends;
 * - `tight`: under a prefix operator or before `.field` / `[index]`: only an
 *   atom stands without parentheses (`~(a = b)`, `(IF ...).order`);
 * - an infix operand: parenthesised unless its operator binds strictly
 *   tighter, or it is the same left-associative operator on the left.
 */
export type Position = 'top' | 'arg' | 'tight' | { infix: Infix; side: 'left' | 'right' };

export function needsParens(t: Tla, pos: Position): boolean {
  if (pos === 'top') return false;
  if (pos === 'arg') return t.lo === 0;
  if (pos === 'tight') return t.lo !== ATOM;
  // A prefix minus under arithmetic is parenthesised for readers: `x - (-1)`, `(-x) * 2`.
  if (t.op === '-' && t.lo === PREFIX_MINUS && pos.infix.hi >= 10) return true;
  if (pos.side === 'left' && pos.infix.leftAssoc && t.op === pos.infix.tla) return false;
  return t.lo <= pos.infix.hi;
}

/** The text of `t` placed at `pos`, with parentheses if TLA+ needs them there. */
export function place(t: Tla, pos: Position): string {
  return needsParens(t, pos) ? `(${t.text})` : t.text;
}

/** `left op right` with each side parenthesised as needed. */
export function infix(op: Infix, left: Tla, right: Tla): Tla {
  return { text: `${place(left, { infix: op, side: 'left' })} ${op.tla} ${place(right, { infix: op, side: 'right' })}`, lo: op.lo, hi: op.hi, op: op.tla };
}

/** `name = value` as an equation (the value parenthesised if it is itself a comparison or looser). */
export function equation(name: string, value: Tla): string {
  return `${name} = ${place(value, { infix: EQUALS, side: 'right' })}`;
}

/**
 * `IF test THEN a ELSE b` (loosest: parenthesised in any position but `top`);
 * an IF in a branch is parenthesised too, so that the reader sees which ELSE
 * is whose.
 */
export function ifThenElse(test: Tla, a: Tla, b: Tla): Tla {
  return { text: `IF ${test.text} THEN ${place(a, 'arg')} ELSE ${place(b, 'arg')}`, lo: 0, hi: 0, op: 'IF' };
}

export interface StateView {
  /** Current value of the XArray, the wait table, a global, the thread's own local. */
  xa: Tla;
  waitq: Tla;
  marks: Tla;
  globals: Record<string, Tla>;
  locals: Record<string, Tla>;
}

/** The unchanged state, read from the (unprimed) variables. */
export function initialView(globals: string[], locals: string[]): StateView {
  return {
    xa: atom('xa'),
    waitq: atom('waitq'),
    marks: atom('marks'),
    globals: Object.fromEntries(globals.map((g) => [g, atom(g)])),
    locals: Object.fromEntries(locals.map((l) => [l, atom(`${l}[self]`)])),
  };
}

/** `F(a, b)`: an application (an atom), its arguments in argument position. */
/**
 * `e!` read through (a field or a copy): TLC fails on a Null there by
 * itself, so the NonNull check would only repeat it.
 */
function dereferenced(e: Expr): Expr {
  return e.kind === 'nonNull' ? e.arg : e;
}

export function apply(fn: string, args: Tla[]): Tla {
  return atom(args.length === 0 ? fn : `${fn}(${args.map((a) => place(a, 'arg')).join(', ')})`);
}

export class ExprRenderer {
  constructor(
    private readonly names: TlaNames,
    /** IR temp name → TLA+ name, for the step or helper being rendered. */
    private readonly temps: Map<string, string>,
  ) {}

  /** The text of `x` placed at `pos` (see Position). */
  text(x: Expr, view: StateView | null, pos: Position): string {
    return place(this.render(x, view), pos);
  }

  render(x: Expr, view: StateView | null): Tla {
    const r = (y: Expr): Tla => this.render(y, view);
    const at = (y: Expr, pos: Position): string => this.text(y, view, pos);
    const state = (): StateView => {
      if (view === null) throw new Error(`internal: ${x.kind} read outside a step`);
      return view;
    };
    switch (x.kind) {
      case 'int':
        return x.value < 0 ? { text: String(x.value), lo: PREFIX_MINUS, hi: PREFIX_MINUS, op: '-' } : atom(String(x.value));
      case 'bool':
        return atom(x.value ? 'TRUE' : 'FALSE');
      case 'null':
        return atom('Null');
      case 'conflict':
        return atom('XA_RETRY_ENTRY');
      case 'variantIs':
        return infix(EQUALS, atom('Variant'), atom(JSON.stringify(x.variant)));
      case 'const':
        return atom(x.name);
      case 'self':
        return atom('self');
      case 'param':
        return atom(`${x.name}[self]`);
      case 'local':
        return state().locals[x.name] ?? atom(`${x.name}[self]`);
      case 'global':
        return state().globals[x.name] ?? atom(x.name);
      case 'temp': {
        const name = this.temps.get(x.name);
        if (name === undefined) throw new Error(`internal: unbound temp ${x.name}`);
        return atom(name);
      }
      case 'not':
        return { text: `~${at(x.arg, 'tight')}`, lo: 4, hi: 4, op: '~' };
      case 'neg':
        return { text: `-${at(x.arg, 'tight')}`, lo: PREFIX_MINUS, hi: PREFIX_MINUS, op: '-' };
      case 'binary':
        return infix(INFIX[x.op], r(x.left), r(x.right));
      case 'cond':
        return ifThenElse(r(x.test), r(x.then), r(x.else));
      case 'field':
        return atom(`${at(dereferenced(x.entry), 'tight')}.${x.field}`);
      case 'makeEntry': {
        const f = x.fields;
        return atom(`[order |-> ${at(f.order, 'arg')}, locked |-> ${at(f.locked, 'arg')}, empty |-> ${at(f.empty, 'arg')}, zero |-> ${at(f.zero, 'arg')}, page |-> ${at(f.page, 'arg')}, pfn |-> ${at(f.pfn, 'arg')}]`);
      }
      case 'withFields': {
        const changes = Object.entries(x.fields).map(([k, v]) => equation(`!.${k}`, r(v!)));
        // `{ ...entry }` changes nothing; `[e EXCEPT ]` would not parse.
        if (changes.length === 0) return r(x.entry);
        return atom(`[${at(dereferenced(x.entry), 'arg')} EXCEPT ${changes.join(', ')}]`);
      }
      case 'call':
        return apply(x.fn, x.args.map(r));
      case 'vocab': {
        const op = operationOf(x.op);
        const shared = op.reads.length > 0 ? state() : initialView([], []);
        const site = { args: x.args.map((a) => at(a, 'arg')), xa: place(shared.xa, 'tight'), waitq: place(shared.waitq, 'tight'), marks: place(shared.marks, 'tight') };
        if (x.next) {
          if (op.moves === undefined) throw new Error(`internal: ${x.op} moves no xa_state`);
          return atom(op.moves.tla(site));
        }
        if (op.form !== 'expr') throw new Error(`internal: ${x.op} gives no value`);
        return atom(op.tla(site));
      }
      case 'wakeMode':
        return atom(x.mode === 'all' ? 'WAKE_ALL' : 'WAKE_NEXT');
      case 'mark':
        return atom(x.mark);
      case 'nonNull':
        return atom(`NonNull(${at(x.arg, 'arg')})`);
      default: {
        const never: never = x;
        throw new Error(`unknown expression ${JSON.stringify(never)}`);
      }
    }
  }

  withTemp(irName: string): { renderer: ExprRenderer; tlaName: string } {
    const tlaName = this.names.local(irName);
    const temps = new Map(this.temps);
    temps.set(irName, tlaName);
    return { renderer: new ExprRenderer(this.names, temps), tlaName };
  }
}
