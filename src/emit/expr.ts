/**
 * IR expressions as TLA+ text. State reads go through `StateView`, which the
 * step renderer updates as it walks a step's statements, so an expression
 * after `k.store(...)` reads the stored XArray (the interpreter's in-place
 * reading of the same statements).
 */
import type { BinaryOp, Expr } from '../model/ir.js';
import type { TlaNames } from './names.js';
import { operationOf } from '../model/operations.js';

export interface StateView {
  /** Current value of the XArray, the wait table, a global, the thread's own local. */
  xa: string;
  waitq: string;
  globals: Record<string, string>;
  locals: Record<string, string>;
}

/** The unchanged state, read from the (unprimed) variables. */
export function initialView(globals: string[], locals: string[]): StateView {
  return {
    xa: 'xa',
    waitq: 'waitq',
    globals: Object.fromEntries(globals.map((g) => [g, g])),
    locals: Object.fromEntries(locals.map((l) => [l, `${l}[self]`])),
  };
}

const OPS: Record<BinaryOp, string> = {
  '+': '+', '-': '-', '*': '*', '%': '%', '==': '=', '!=': '#', '<': '<', '<=': '=<', '>': '>', '>=': '>=', '&&': '/\\', '||': '\\/',
};

/** Index of the bracket closing the one at `open`, skipping strings; -1 if none. */
function closing(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Can this rendered expression stand as an operand without parentheses? True
 * for a name, number or string, optionally applied / indexed / field-selected
 * (`F(x, y)`, `f[i].order`), and for text wholly inside one bracket pair.
 */
function atomic(text: string): boolean {
  let i = 0;
  const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+|"(?:[^"\\]|\\.)*")/.exec(text);
  if (name) i = name[0].length;
  else if (text[0] === '(' || text[0] === '[' || text[0] === '<') {
    if (text.startsWith('<<')) return false;
    const close = closing(text, 0);
    if (close < 0) return false;
    i = close + 1;
  } else return false;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '(' || ch === '[') {
      const close = closing(text, i);
      if (close < 0) return false;
      i = close + 1;
    } else if (ch === '.') {
      const field = /^\.[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      if (!field) return false;
      i += field[0].length;
    } else return false;
  }
  return true;
}

export function paren(text: string): string {
  return atomic(text) ? text : `(${text})`;
}

export class ExprRenderer {
  constructor(
    private readonly names: TlaNames,
    /** IR temp name → TLA+ name, for the step or helper being rendered. */
    private readonly temps: Map<string, string>,
  ) {}

  render(x: Expr, view: StateView | null): string {
    const r = (y: Expr): string => this.render(y, view);
    const state = (): StateView => {
      if (view === null) throw new Error(`internal: ${x.kind} read outside a step`);
      return view;
    };
    switch (x.kind) {
      case 'int':
        return String(x.value);
      case 'bool':
        return x.value ? 'TRUE' : 'FALSE';
      case 'null':
        return 'Null';
      case 'conflict':
        return 'XA_RETRY_ENTRY';
      case 'variantIs':
        return `Variant = ${JSON.stringify(x.variant)}`;
      case 'const':
        return x.name;
      case 'self':
        return 'self';
      case 'param':
        return `${x.name}[self]`;
      case 'local':
        return state().locals[x.name] ?? `${x.name}[self]`;
      case 'global':
        return state().globals[x.name] ?? x.name;
      case 'temp': {
        const name = this.temps.get(x.name);
        if (name === undefined) throw new Error(`internal: unbound temp ${x.name}`);
        return name;
      }
      case 'not':
        return `~${paren(r(x.arg))}`;
      case 'neg':
        return `-${paren(r(x.arg))}`;
      case 'binary':
        return `${paren(r(x.left))} ${OPS[x.op]} ${paren(r(x.right))}`;
      case 'cond':
        // Parenthesised: an IF inside an argument list or a record must end where it should.
        return `(IF ${r(x.test)} THEN ${r(x.then)} ELSE ${r(x.else)})`;
      case 'field':
        return `${paren(r(x.entry))}.${x.field}`;
      case 'makeEntry': {
        const f = x.fields;
        return `[order |-> ${r(f.order)}, locked |-> ${r(f.locked)}, empty |-> ${r(f.empty)}, zero |-> ${r(f.zero)}, pfn |-> ${r(f.pfn)}]`;
      }
      case 'withFields': {
        const changes = Object.entries(x.fields).map(([k, v]) => `!.${k} = ${r(v!)}`);
        return `[${r(x.entry)} EXCEPT ${changes.join(', ')}]`;
      }
      case 'call':
        return x.args.length === 0 ? x.fn : `${x.fn}(${x.args.map(r).join(', ')})`;
      case 'vocab': {
        const op = operationOf(x.op);
        const args = x.args.map(r);
        const shared = op.reads.length > 0 ? state() : { xa: 'xa', waitq: 'waitq' };
        return op.tla({ args, xa: shared.xa, waitq: shared.waitq, paren });
      }
      case 'wakeMode':
        return x.mode === 'all' ? 'WAKE_ALL' : 'WAKE_NEXT';
      case 'nonNull':
        return r(x.arg);
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
