/**
 * Where TLC and the interpreter evaluate a value at different times.
 *
 * The interpreter runs a step's statements in order and evaluates each value
 * at once; a value that cannot be computed (a `%` by 0, `x!` on null, an
 * index out of range) fails the step there. The emitted action is lazier:
 * a LET is evaluated only where it is used, an assignment's value only at the
 * primed assignment at the end, after every `await` guard of the path. So a
 * value that can fail is *forced* (`v = v`, true whenever v has a value) at
 * the point the interpreter computes it, whenever TLC might otherwise skip
 * it or meet a false guard first. Values that cannot fail are left alone, so
 * ordinary specs read as before.
 */
import type { Expr, Stmt } from '../model/ir.js';
import { operationOf } from '../model/operations.js';
import type { Doc } from './doc.js';

/** Expression kinds that never fail by themselves (their operands still may). */
const TOTAL_KINDS = new Set<Expr['kind']>([
  'int', 'bool', 'null', 'conflict', 'variantIs', 'const', 'self', 'param', 'local', 'global', 'temp', 'not', 'cond', 'wakeMode',
]);
/** Comparisons and connectives: defined for any values of the DSL's types. */
const TOTAL_BINARY = new Set(['==', '!=', '&&', '||', '<', '<=', '>', '>=']);

/** Whether evaluating `e` can stop TLC (and the interpreter) with an error. */
export function canFail(e: Expr): boolean {
  // An entry literal fails only when a field is out of range: small literals and PMD_ORDER never are.
  if (e.kind === 'makeEntry') return Object.values(e.fields).some((f) => !smallLiteral(f));
  if (e.kind === 'binary') return !TOTAL_BINARY.has(e.op) || canFail(e.left) || canFail(e.right);
  if (!TOTAL_KINDS.has(e.kind)) return true;
  return subExpressions(e).some(canFail);
}

function smallLiteral(e: Expr): boolean {
  return e.kind === 'bool' || e.kind === 'const' || (e.kind === 'int' && e.value >= 0 && e.value <= 6);
}

function subExpressions(e: Expr): Expr[] {
  switch (e.kind) {
    case 'not':
      return [e.arg];
    case 'cond':
      return [e.test, e.then, e.else];
    default:
      return [];
  }
}

/** The values a statement computes when it runs (not those of nested statements). */
export function valuesOf(s: Stmt): Expr[] {
  switch (s.kind) {
    case 'setLocal':
    case 'setGlobal':
    case 'let':
      return [s.value];
    case 'vocab':
      return s.args;
    case 'bugOn':
      return [s.cond];
    case 'if':
      return [s.test];
    case 'await':
      return [s.cond];
    default:
      return [];
  }
}

function some(stmts: Stmt[], p: (s: Stmt) => boolean): boolean {
  return stmts.some((s) => p(s) || (s.kind === 'if' && (some(s.then, p) || some(s.else, p))));
}

/**
 * Whether the value `s` computes may go unevaluated by TLC, or be evaluated
 * only after a guard of a later statement: an `await` follows on some path,
 * or the same variable is assigned again (the first value is then dropped).
 */
export function mayBeSkipped(s: Stmt, rest: Stmt[]): boolean {
  // A test or an await condition is evaluated in place, as a guard.
  if (s.kind === 'if' || s.kind === 'await' || s.kind === 'let') return false;
  if (some(rest, (r) => r.kind === 'await')) return true;
  if (s.kind === 'setLocal') return some(rest, (r) => r.kind === 'setLocal' && r.name === s.name);
  if (s.kind === 'setGlobal') return some(rest, (r) => r.kind === 'setGlobal' && r.name === s.name);
  return false;
}

/**
 * Whether `body` certainly evaluates `name` before anything that could turn
 * the action off: on every path, a test or conjunct that starts with the name
 * itself (`entry_ # Null /\ ...`, `~page.locked`) comes before any guard.
 * An operator call such as `is_locked(entry_)` does not count: TLC passes
 * operator arguments lazily. Conservative: "no" forces the value.
 */
export function evaluatesFirst(body: Doc, name: string): boolean {
  switch (body.kind) {
    case 'text':
      return leads(body.text, name);
    case 'let':
      return evaluatesFirst(body.body, name);
    case 'if':
      return testEvaluates(conjuncts(body.test), body.then, body.else, name);
    case 'conj':
      for (const item of body.items) {
        if (evaluatesFirst(item, name)) return true;
        // A primed assignment or UNCHANGED is never false: TLC goes on to the next conjunct.
        if (item.kind !== 'text' || !/^(\w+' = |UNCHANGED )/.test(item.text)) return false;
      }
      return false;
  }
}

/** IF c1 /\ c2 /\ ... THEN a ELSE b: c1 is evaluated; each next conjunct only when the ones before hold. */
function testEvaluates(cs: string[], then: Doc, otherwise: Doc, name: string): boolean {
  if (cs.length === 0) return evaluatesFirst(then, name);
  if (leads(cs[0]!, name)) return true;
  return testEvaluates(cs.slice(1), then, otherwise, name) && evaluatesFirst(otherwise, name);
}

function leads(text: string, name: string): boolean {
  const lead = text.replace(/^[\s(~]+/, '');
  return lead.startsWith(name) && !/^\w/.test(lead.slice(name.length));
}

/** The top-level conjuncts of a test; one piece when it holds a construct whose scope runs to the end. */
function conjuncts(test: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < test.length; i++) {
    const c = test[i]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '"') i = test.indexOf('"', i + 1);
    else if (depth === 0 && /^(\\A|\\E|LET |IF |CHOOSE |\\\/)/.test(test.slice(i))) return [test];
    else if (depth === 0 && test.startsWith(' /\\ ', i)) {
      out.push(test.slice(start, i));
      start = i + 4;
    }
  }
  out.push(test.slice(start));
  return out;
}

/**
 * Parameters of the vocabulary's TLA+ operators that are evaluated whenever
 * the operator is: the xa_state and the entry (read first, `s.node`,
 * `e # Null`, `e.order`) and the index, key, order and range ends (they
 * pick the function argument, `Bucket(key)`, `RangeOf(i, order)`). The
 * others — a wake mode, a walk limit, a thread to look for — are read only
 * on some paths (no waiter to wake, a walk already past its end).
 */
function strictParam(p: { name: string; kind: string }): boolean {
  return p.kind === 'xas' || p.kind === 'entry' || p.kind === 'slot' || ['index', 'key', 'order', 'start', 'end'].includes(p.name);
}

/**
 * Values inside `e` that the interpreter computes and TLC may not: an
 * argument that can fail, passed where TLA+ passes arguments lazily (a
 * helper's parameter, a vocabulary operator's non-strict parameter). The
 * interpreter evaluates every argument at the call, as JavaScript does. Not
 * searched: the branches of `? :` and the right operand of `&&` / `||`,
 * which both runs skip alike.
 */
export function lazyFailures(e: Expr): Expr[] {
  const out: Expr[] = [];
  const visit = (x: Expr): void => {
    switch (x.kind) {
      // A forced argument is itself searched: forcing `f(g(x % 0))` evaluates g's
      // call but, lazily, not its argument (fuzzer seed 10363).
      case 'call':
        for (const a of x.args) {
          if (canFail(a)) out.push(a);
          visit(a);
        }
        return;
      case 'vocab': {
        const op = operationOf(x.op);
        x.args.forEach((a, i) => {
          if (!strictParam(op.params[i]!) && canFail(a)) out.push(a);
          visit(a);
        });
        return;
      }
      case 'cond':
        visit(x.test);
        return;
      case 'binary':
        visit(x.left);
        if (x.op !== '&&' && x.op !== '||') visit(x.right);
        return;
      case 'not':
      case 'neg':
      case 'nonNull':
        visit(x.arg);
        return;
      case 'field':
        visit(x.entry);
        return;
      case 'makeEntry':
        Object.values(x.fields).forEach(visit);
        return;
      case 'withFields':
        visit(x.entry);
        Object.values(x.fields).forEach((f) => f !== undefined && visit(f));
        return;
      default:
        return;
    }
  };
  visit(e);
  return out;
}

/** lazyFailures of what a statement computes; a vocabulary statement's own arguments count as a call's. */
export function statementLazyFailures(s: Stmt): Expr[] {
  if (s.kind === 'vocab') {
    const op = operationOf(s.op);
    return s.args.flatMap((a, i) => [...(!strictParam(op.params[i]!) && canFail(a) ? [a] : []), ...lazyFailures(a)]);
  }
  return valuesOf(s).flatMap(lazyFailures);
}
