/** The direct subexpressions of an IR expression, for walks over it. */
import type { Expr } from './ir.js';

export function childrenOf(e: Expr): Expr[] {
  switch (e.kind) {
    case 'not':
    case 'neg':
    case 'nonNull':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'cond':
      return [e.test, e.then, e.else];
    case 'field':
      return [e.entry];
    case 'makeEntry':
      return Object.values(e.fields);
    case 'withFields':
      return [e.entry, ...Object.values(e.fields).filter((f): f is Expr => f !== undefined)];
    case 'call':
    case 'vocab':
      return e.args;
    default:
      return [];
  }
}
