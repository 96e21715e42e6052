/**
 * A seeded generator of random legal spec files (as ast.ts pictures):
 * every vocabulary operation, every expression form, globals, locals,
 * parameters, pure and state-touching helpers, awaits, early returns, loops
 * through labels, exclusive and non-exclusive waits, several buckets,
 * entries of several orders, deadlock/termination settings and invariants.
 *
 * "Legal" is kept by construction: indices stay in range (index-typed
 * expressions), integers stay small (every int variable is assigned a value
 * in 0..3), `x!` appears mostly under a guard that x is not null, and a
 * thread queues on a wait queue only right before going to a step that
 * sleeps until it is woken — so a generated spec type-checks and parses. A
 * few values fail on purpose (a `%` by 0 or a negative number, `x!` on a slot
 * that may be null): then both runs must fail. A spec the parser rejects is
 * a generator bug, unless it names a word drawn to clash (see names.ts).
 */
import type { EntryFieldName, FExpr, FHelper, FInitialEntry, FModel, FSpec, FStep, FStmt, FThread, FType, FVar, MacroTarget } from './ast.js';
import { NamePool, TOP_LEVEL_TAKEN } from './names.js';
import { Random } from './random.js';
import { xaStateInit, xasQuery, xasStatement } from './generate-xas.js';

export interface GenerateOptions {
  /** Probability that a name is drawn from the TLA+ clash list (0..1). */
  collide?: number;
  /**
   * Probability that a state-touching helper takes an xa_state parameter (the
   * caller's t.xas by reference). 0 leaves the random stream as it was before
   * such helpers were generated, so seeds found then still give their spec.
   */
  xasParams?: number;
}

export const DEFAULT_XAS_PARAMS = 0.35;

/**
 * Most TLA+ words are refused as names at parse time (src/emit/names.ts), so
 * a spec that draws one tests the refusal, not agreement: keep it to about one
 * spec in five, so that most specs are still checked both ways.
 */
export const DEFAULT_COLLIDE = 0.01;

interface Var {
  name: string;
  type: FType;
}

interface HelperSig {
  name: string;
  kernel: boolean;
  params: FType[];
  result: FType | null;
  pure: boolean;
}

/** What an expression or statement being generated may refer to. */
export interface Ctx {
  rnd: Random;
  names: NamePool;
  spec: SpecShape;
  /** The thread view `t` is available (a step body). */
  thread: { params: Var[]; locals: Var[]; labels: string[]; sleeps: string[]; xas: string | null } | null;
  /** The shared state may be read (not in a pure helper). */
  state: boolean;
  /** The kernel `k` is in scope. */
  kernel: boolean;
  /** The xa_state in scope: the thread's local (`t.x`), or a helper's XaState parameter. */
  xas: FExpr | null;
  temps: Var[];
  /** Slot references (refKey) known not null here, and ones whose narrowing TypeScript may have changed. */
  nonNull: Set<string>;
  tainted: Set<string>;
  /** Helpers callable from here (declared earlier, for helpers). */
  helpers: HelperSig[];
  /** Statement nesting depth. */
  depth: number;
  /** TypeScript may have narrowed k.variant here (a variant test guards this code): no further variant tests. */
  variantNarrowed?: boolean;
}

interface SpecShape {
  variants: string[];
  globals: Var[];
  pmdOrder: number;
  /** Largest order a literal may take: entries of it fit in every model. */
  maxOrder: number;
  minIndices: number;
  /** Thread ids 1..minThreads exist in every model. */
  minThreads: number;
}

const INT_TYPES: readonly FType[] = ['int', 'small', 'index', 'order'];

/** May a value of type `have` stand where `want` is expected? */
function fits(have: FType, want: FType): boolean {
  if (have === want) return true;
  if (want === 'int') return INT_TYPES.includes(have);
  if (want === 'small') return have === 'index' || have === 'order';
  if (want === 'slot') return have === 'entry';
  return false;
}

function refKey(e: FExpr): string | null {
  switch (e.kind) {
    case 'thread':
      return `t.${e.name}`;
    case 'global':
      return `k.${e.name}`;
    case 'temp':
      return e.name;
    default:
      return null;
  }
}

/** References compared with null anywhere in `e`. */
function nullTested(e: FExpr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'binary' && (e.op === '===' || e.op === '!==')) {
    for (const side of [e.left, e.right]) {
      const key = refKey(side);
      if (key !== null) out.add(key);
    }
  }
  for (const child of children(e)) nullTested(child, out);
  return out;
}

export function children(e: FExpr): FExpr[] {
  switch (e.kind) {
    case 'not':
    case 'neg':
    case 'nonNull':
    case 'widen':
    case 'paren':
      return [e.arg];
    case 'binary':
      return [e.left, e.right];
    case 'cond':
      return [e.test, e.then, e.else];
    case 'field':
      return [e.entry];
    case 'makeEntry':
      return e.fields.map(([, v]) => v);
    case 'withFields':
      return [e.entry, ...e.fields.map(([, v]) => v)];
    case 'call':
      return e.args;
    case 'findConflict':
      return [e.index, e.order];
    case 'load':
      return [e.index];
    case 'alignDown':
      return [e.index, e.order];
    case 'isWaiting':
      return [e.who];
    case 'op':
      return e.args;
    default:
      return [];
  }
}

function testsVariant(e: FExpr): boolean {
  return e.kind === 'variant' || children(e).some(testsVariant);
}

/**
 * A `%` divisor: 1..4, and now and then 0 or a negative number — which TLA+
 * refuses to evaluate, so the interpreter must fail there too (the
 * arithmetic disagreement of issue 8).
 */
function divisor(rnd: Random): FExpr {
  return { kind: 'int', value: rnd.chance(0.02) ? rnd.pick([0, -3]) : rnd.int(1, 4), type: 'small' };
}

/** `test ? a : b`: in the branches, TypeScript has narrowed what the test compared. */
function cond(ctx: Ctx, type: FType, depth: number, branch: (c: Ctx, t: FType, d: number) => FExpr): FExpr {
  const test = expr(ctx, 'bool', depth + 1);
  const inner = scoped(ctx, { tainted: new Set([...ctx.tainted, ...nullTested(test)]), variantNarrowed: ctx.variantNarrowed || testsVariant(test) });
  return { kind: 'cond', test, then: branch(inner, type, depth + 1), else: branch(inner, type, depth + 1), type };
}

/** Would TypeScript give this expression a literal type (so that `===` with another literal is a type error)? */
function literalish(e: FExpr): boolean {
  switch (e.kind) {
    case 'int':
    case 'bool':
    case 'mode':
      return true;
    case 'cond':
      return literalish(e.then) || literalish(e.else);
    case 'paren':
      return literalish(e.arg);
    case 'neg':
      return e.arg.kind === 'int';
    default:
      return false;
  }
}

function widen(e: FExpr, type: FType): FExpr {
  return { kind: 'widen', arg: e, type };
}

function scoped(ctx: Ctx, changes: Partial<Ctx>): Ctx {
  return { ...ctx, temps: [...ctx.temps], nonNull: new Set(ctx.nonNull), tainted: new Set(ctx.tainted), ...changes };
}

// ---- expressions -------------------------------------------------------------

/** Variables (and temps) of a type fitting `want`, as expressions. */
function varRefs(ctx: Ctx, want: FType): FExpr[] {
  const out: FExpr[] = [];
  for (const v of ctx.temps) if (fits(v.type, want)) out.push({ kind: 'temp', name: v.name, type: v.type });
  if (ctx.thread !== null) {
    for (const v of ctx.thread.params) if (fits(v.type, want)) out.push({ kind: 'thread', name: v.name, type: v.type });
    for (const v of ctx.thread.locals) if (fits(v.type, want)) out.push({ kind: 'thread', name: v.name, type: v.type });
  }
  if (ctx.state) for (const v of ctx.spec.globals) if (fits(v.type, want)) out.push({ kind: 'global', name: v.name, type: v.type });
  return out;
}

function helperCall(ctx: Ctx, want: FType, depth: number): FExpr | null {
  const usable = ctx.helpers.filter((h) => h.pure && h.result !== null && fits(h.result, want) && (!h.kernel || ctx.kernel));
  if (usable.length === 0) return null;
  const h = ctx.rnd.pick(usable);
  return { kind: 'call', fn: h.name, kernel: h.kernel, args: h.params.map((p) => expr(ctx, p, depth + 1)), type: h.result! };
}

function leaf(ctx: Ctx, want: FType): FExpr {
  const { rnd } = ctx;
  const vars = varRefs(ctx, want).filter((v) => v.type !== 'slot' || true);
  if (vars.length > 0 && rnd.chance(0.55)) return rnd.pick(vars);
  switch (want) {
    case 'int':
      return { kind: 'int', value: rnd.int(-2, 5), type: 'int' };
    case 'small':
      return rnd.chance(0.15) && ctx.kernel ? { kind: 'const', name: 'PG_PMD_COLOUR', type: 'small' } : { kind: 'int', value: rnd.int(0, 3), type: 'small' };
    case 'index':
      return { kind: 'int', value: rnd.int(0, ctx.spec.minIndices - 1), type: 'index' };
    case 'order':
      return rnd.chance(0.4) && ctx.kernel ? { kind: 'const', name: 'PMD_ORDER', type: 'order' } : { kind: 'int', value: rnd.int(0, ctx.spec.maxOrder), type: 'order' };
    case 'bool':
      return { kind: 'bool', value: rnd.chance(0.5), type: 'bool' };
    case 'slot':
      return rnd.chance(0.5) || !ctx.kernel ? widen({ kind: 'null', type: 'slot' }, 'slot') : makeEntry(ctx, 2);
    case 'entry':
      return ctx.kernel ? makeEntry(ctx, 2) : (vars[0] ?? makeEntryFallback());
    case 'thread':
      return rnd.chance(0.5) && ctx.thread !== null ? { kind: 'self', type: 'thread' } : rnd.chance(0.5) ? widen({ kind: 'null', type: 'thread' }, 'thread') : { kind: 'int', value: rnd.int(1, ctx.spec.minThreads), type: 'thread' };
    case 'mode':
      return { kind: 'mode', mode: rnd.chance(0.5) ? 'WAKE_NEXT' : 'WAKE_ALL', type: 'mode' };
    case 'mark':
      return { kind: 'mark', mark: rnd.chance(0.5) ? 'DIRTY' : 'TOWRITE', type: 'mark' };
    case 'xas':
      throw new Error('generator: an xa_state is only ever the thread\'s own local');
  }
}

function makeEntryFallback(): FExpr {
  throw new Error('generator: an entry is needed where no kernel is in scope');
}

/** An entry's boolean fields. */
const ENTRY_FLAGS = ['locked', 'empty', 'zero', 'page'] as const;

function makeEntry(ctx: Ctx, depth: number): FExpr {
  const { rnd } = ctx;
  const fields: [EntryFieldName, FExpr][] = [['order', expr(ctx, 'order', depth + 1)]];
  for (const f of ENTRY_FLAGS) if (rnd.chance(0.5)) fields.push([f, expr(ctx, 'bool', depth + 1)]);
  if (rnd.chance(0.3)) fields.push(['pfn', expr(ctx, 'small', depth + 1)]);
  // Field order is free in TypeScript; shuffle a little.
  if (rnd.chance(0.3)) fields.reverse();
  return { kind: 'makeEntry', fields, type: 'entry' };
}

/** A slot reference (variable or temp) that may be guarded and dereferenced. */
function guardableSlots(ctx: Ctx): FExpr[] {
  return varRefs(ctx, 'slot').filter((v) => v.type === 'slot' && !ctx.tainted.has(refKey(v)!));
}

/** An entry (non-null) expression. */
function entryExpr(ctx: Ctx, depth: number): FExpr {
  const { rnd } = ctx;
  const known = varRefs(ctx, 'slot').filter((v) => {
    const key = refKey(v)!;
    return v.type === 'entry' || (ctx.nonNull.has(key) && !ctx.tainted.has(key));
  });
  // Now and then `x!` on a slot that may be null: the step must fail there in both runs.
  const unguarded = guardableSlots(ctx).filter((v) => v.type === 'slot' && !ctx.nonNull.has(refKey(v)!));
  if (unguarded.length > 0 && rnd.chance(0.03)) return { kind: 'nonNull', arg: rnd.pick(unguarded), type: 'entry' };
  const choice = rnd.weighted<string>([
    [known.length > 0 ? 4 : 0, 'known'],
    [ctx.kernel ? 3 : 0, 'make'],
    [depth < 3 ? 2 : 0, 'with'],
    [depth < 3 ? 1 : 0, 'cond'],
    [1, 'helper'],
  ]);
  switch (choice) {
    case 'known': {
      const v = rnd.pick(known);
      return v.type === 'entry' ? v : { kind: 'nonNull', arg: v, type: 'entry' };
    }
    case 'with': {
      const fields: [EntryFieldName, FExpr][] = [];
      for (const f of ENTRY_FLAGS) if (rnd.chance(0.4)) fields.push([f, expr(ctx, 'bool', depth + 1)]);
      if (rnd.chance(0.2)) fields.push(['order', expr(ctx, 'order', depth + 1)]);
      if (rnd.chance(0.2)) fields.push(['pfn', expr(ctx, 'small', depth + 1)]);
      return { kind: 'withFields', entry: entryExpr(ctx, depth + 1), fields, type: 'entry' };
    }
    case 'cond':
      return cond(ctx, 'entry', depth, (c, _t, d) => entryExpr(c, d));
    case 'helper':
      return helperCall(ctx, 'entry', depth) ?? (ctx.kernel ? makeEntry(ctx, depth) : entryExprOrThrow(known));
    default:
      return ctx.kernel ? makeEntry(ctx, depth) : entryExprOrThrow(known);
  }
}

/** An entry value (for a table row's entry parameter). */
export function entryValue(ctx: Ctx): FExpr {
  return entryExpr(ctx, 1);
}

function entryExprOrThrow(known: FExpr[]): FExpr {
  const v = known[0];
  if (v === undefined) throw new Error('generator: no entry available without a kernel');
  return v.type === 'entry' ? v : { kind: 'nonNull', arg: v, type: 'entry' };
}

function canMakeEntry(ctx: Ctx): boolean {
  return ctx.kernel || varRefs(ctx, 'entry').length > 0 || varRefs(ctx, 'slot').some((v) => ctx.nonNull.has(refKey(v)!) && !ctx.tainted.has(refKey(v)!));
}

/** An entry field read, guarded when it goes through a slot. */
function fieldRead(ctx: Ctx, field: EntryFieldName, type: FType, depth: number): FExpr {
  const { rnd } = ctx;
  const slots = guardableSlots(ctx).filter((s) => !ctx.nonNull.has(refKey(s)!));
  if (slots.length > 0 && rnd.chance(0.5) && depth < 3) {
    // `s !== null && s!.locked` or `s === null ? x : s!.order`
    const s = rnd.pick(slots);
    const inner = scoped(ctx, {});
    inner.nonNull.add(refKey(s)!);
    const read: FExpr = { kind: 'field', entry: { kind: 'nonNull', arg: s, type: 'entry' }, field, type };
    if (type === 'bool' && rnd.chance(0.5)) {
      return { kind: 'binary', op: '&&', left: { kind: 'binary', op: '!==', left: s, right: { kind: 'null', type: 'slot' }, type: 'bool' }, right: read, type: 'bool' };
    }
    const whenNull = scoped(ctx, {});
    whenNull.tainted.add(refKey(s)!);
    return { kind: 'cond', test: { kind: 'binary', op: '===', left: s, right: { kind: 'null', type: 'slot' }, type: 'bool' }, then: expr(whenNull, type, depth + 1), else: read, type };
  }
  if (!canMakeEntry(ctx)) return leaf(ctx, type);
  return { kind: 'field', entry: entryExpr(ctx, depth + 1), field, type };
}

export function expr(ctx: Ctx, want: FType, depth = 0): FExpr {
  const e = exprRaw(ctx, want, depth);
  // Now and then, parentheses nobody needs.
  return ctx.rnd.chance(0.04) ? { kind: 'paren', arg: e, type: e.type } : e;
}

function exprRaw(ctx: Ctx, want: FType, depth: number): FExpr {
  const { rnd } = ctx;
  if (depth >= 3 || rnd.chance(depth === 0 ? 0.2 : 0.45)) return leaf(ctx, want);
  switch (want) {
    case 'int': {
      const c = rnd.weighted<string>([[3, 'arith'], [1, 'neg'], [1, 'mod'], [1, 'cond'], [1, 'small'], [1, 'helper'], [ctx.xas ? 1 : 0, 'xas']]);
      if (c === 'xas') return xasQuery(ctx, ctx.xas!, 'int');
      if (c === 'arith') return { kind: 'binary', op: rnd.pick(['+', '-', '*'] as const), left: expr(ctx, 'int', depth + 1), right: expr(ctx, 'int', depth + 1), type: 'int' };
      if (c === 'neg') return { kind: 'neg', arg: expr(ctx, 'int', depth + 1), type: 'int' };
      if (c === 'mod') return { kind: 'binary', op: '%', left: expr(ctx, 'int', depth + 1), right: divisor(rnd), type: 'small' };
      if (c === 'cond') return cond(ctx, 'int', depth, expr);
      if (c === 'helper') return helperCall(ctx, 'int', depth) ?? leaf(ctx, 'int');
      return expr(ctx, 'small', depth + 1);
    }
    case 'small': {
      const c = rnd.weighted<string>([[3, 'mod'], [1, 'cond'], [1, 'index'], [1, 'order'], [1, 'pfn'], [1, 'helper']]);
      if (c === 'mod') return { kind: 'binary', op: '%', left: expr(ctx, 'int', depth + 1), right: divisor(rnd), type: 'small' };
      if (c === 'cond') return cond(ctx, 'small', depth, expr);
      if (c === 'index') return expr(ctx, 'index', depth + 1);
      if (c === 'order') return expr(ctx, 'order', depth + 1);
      if (c === 'pfn') return fieldRead(ctx, 'pfn', 'small', depth);
      return helperCall(ctx, 'small', depth) ?? leaf(ctx, 'small');
    }
    case 'index': {
      const c = rnd.weighted<string>([[ctx.kernel ? 3 : 0, 'align'], [1, 'cond'], [2, 'helper']]);
      if (c === 'align') return { kind: 'alignDown', index: expr(ctx, 'index', depth + 1), order: expr(ctx, 'order', depth + 1), type: 'index' };
      if (c === 'cond') return cond(ctx, 'index', depth, expr);
      return helperCall(ctx, 'index', depth) ?? leaf(ctx, 'index');
    }
    case 'order': {
      const c = rnd.weighted<string>([[2, 'field'], [1, 'cond'], [1, 'helper']]);
      if (c === 'field') return fieldRead(ctx, 'order', 'order', depth);
      if (c === 'cond') return cond(ctx, 'order', depth, expr);
      return helperCall(ctx, 'order', depth) ?? leaf(ctx, 'order');
    }
    case 'bool':
      return boolExpr(ctx, depth);
    case 'slot': {
      const c = rnd.weighted<string>([[ctx.state ? 3 : 0, 'find'], [ctx.state ? 3 : 0, 'load'], [2, 'entry'], [1, 'cond'], [1, 'helper']]);
      if (c === 'find') return { kind: 'findConflict', index: expr(ctx, 'index', depth + 1), order: expr(ctx, 'order', depth + 1), type: 'slot' };
      if (c === 'load') return { kind: 'load', index: expr(ctx, 'index', depth + 1), type: 'slot' };
      if (c === 'entry' && canMakeEntry(ctx)) return entryExpr(ctx, depth);
      if (c === 'cond') return cond(ctx, 'slot', depth, expr);
      return helperCall(ctx, 'slot', depth) ?? leaf(ctx, 'slot');
    }
    case 'entry':
      return entryExpr(ctx, depth);
    case 'thread':
      if (rnd.chance(0.5)) return cond(ctx, 'thread', depth, expr);
      return helperCall(ctx, 'thread', depth) ?? leaf(ctx, 'thread');
    case 'mode':
      if (rnd.chance(0.5)) return cond(ctx, 'mode', depth, expr);
      return helperCall(ctx, 'mode', depth) ?? leaf(ctx, 'mode');
    case 'mark':
    case 'xas':
      return leaf(ctx, want);
  }
}

function equality(ctx: Ctx, type: FType, depth: number): FExpr {
  const { rnd } = ctx;
  const side = (): FExpr => {
    const e = expr(ctx, type, depth + 1);
    // A literal would make `===` a type error; so would any boolean TypeScript narrowed to true or false
    // (after `if (t.flag) return;`, `true && t.flag` is `false`): booleans are always widened.
    if (type === 'bool') return widen(e, 'bool');
    return literalish(e) ? widen(e, 'int') : e;
  };
  return { kind: 'binary', op: rnd.chance(0.6) ? '===' : '!==', left: side(), right: side(), type: 'bool' };
}

function boolExpr(ctx: Ctx, depth: number): FExpr {
  const { rnd } = ctx;
  const slots = guardableSlots(ctx);
  const c = rnd.weighted<string>([
    [3, 'compare'], [2, 'eq'], [2, 'and'], [2, 'or'], [2, 'not'],
    [ctx.kernel && !ctx.variantNarrowed ? 1 : 0, 'variant'],
    [ctx.state ? 2 : 0, 'waiting'],
    [2, 'field'],
    [ctx.state || slots.length > 0 ? 2 : 0, 'null'],
    [1, 'slotEq'], [ctx.thread !== null ? 1 : 0, 'threadEq'],
    [1, 'cond'], [1, 'helper'],
    [ctx.xas ? 1 : 0, 'xas'],
  ]);
  switch (c) {
    case 'xas':
      return xasQuery(ctx, ctx.xas!, 'bool');
    case 'compare':
      return { kind: 'binary', op: rnd.pick(['<', '<=', '>', '>='] as const), left: expr(ctx, 'int', depth + 1), right: expr(ctx, 'int', depth + 1), type: 'bool' };
    case 'eq':
      return equality(ctx, rnd.pick(['int', 'small', 'bool'] as const), depth);
    case 'and':
    case 'or': {
      const left = expr(ctx, 'bool', depth + 1);
      // TypeScript narrows in the right operand by the left one: no `!` on what the left compared with null.
      const right = expr(scoped(ctx, { tainted: new Set([...ctx.tainted, ...nullTested(left)]), variantNarrowed: ctx.variantNarrowed || testsVariant(left) }), 'bool', depth + 1);
      return { kind: 'binary', op: c === 'and' ? '&&' : '||', left, right, type: 'bool' };
    }
    case 'not':
      return { kind: 'not', arg: expr(ctx, 'bool', depth + 1), type: 'bool' };
    case 'variant':
      return { kind: 'variant', name: rnd.pick(ctx.spec.variants), negated: rnd.chance(0.3), type: 'bool' };
    case 'waiting':
      return { kind: 'isWaiting', who: threadId(ctx, depth), type: 'bool' };
    case 'field':
      return fieldRead(ctx, rnd.pick(ENTRY_FLAGS), 'bool', depth);
    case 'null': {
      const target = slots.length > 0 && rnd.chance(0.6) ? rnd.pick(slots) : ctx.state ? { kind: 'load', index: expr(ctx, 'index', depth + 1), type: 'slot' } as FExpr : rnd.pick(slots);
      return { kind: 'binary', op: rnd.chance(0.5) ? '===' : '!==', left: target, right: { kind: 'null', type: 'slot' }, type: 'bool' };
    }
    case 'slotEq': {
      // TypeScript rejects comparing an object literal (`{ ...e } === x`: always false by reference).
      const side = (): FExpr => {
        let e = expr(ctx, 'slot', depth + 1);
        while (e.kind === 'withFields' || e.kind === 'paren') e = e.kind === 'withFields' ? e.entry : e.arg;
        return e;
      };
      return { kind: 'binary', op: rnd.chance(0.5) ? '===' : '!==', left: side(), right: side(), type: 'bool' };
    }
    case 'threadEq': {
      const side = (): FExpr => {
        const e = expr(ctx, 'thread', depth + 1);
        return literalish(e) ? widen(e, 'thread') : e;
      };
      return { kind: 'binary', op: rnd.chance(0.5) ? '===' : '!==', left: side(), right: side(), type: 'bool' };
    }
    case 'cond':
      return cond(ctx, 'bool', depth, expr);
    default:
      return helperCall(ctx, 'bool', depth) ?? leaf(ctx, 'bool');
  }
}

/** A thread id that is certainly not null: t.self, a literal id, or a guarded thread variable. */
function threadId(ctx: Ctx, depth: number): FExpr {
  const { rnd } = ctx;
  if (ctx.thread !== null && rnd.chance(0.4)) return { kind: 'self', type: 'thread' };
  return { kind: 'int', value: rnd.int(1, ctx.spec.minThreads), type: 'thread' };
}

// ---- statements --------------------------------------------------------------

/** A value to store into a variable of `type`; literals widened so TypeScript does not narrow the variable to them. */
function assignable(ctx: Ctx, type: FType): FExpr {
  const e = type === 'small' ? smallValue(ctx) : expr(ctx, type);
  if ((type === 'bool' || type === 'slot' || type === 'thread') && (literalish(e) || e.kind === 'null' || (e.kind === 'cond' && (e.then.kind === 'null' || e.else.kind === 'null')))) return widen(e, type);
  // A variable TypeScript may have narrowed to null passes that type on to the one assigned (fuzzer seed 10662:
  // `t.want = t.want` after a branch that returned when it was not null, then `t.want !== null && t.want!.zero`).
  if (valueRefs(e).some((r) => ctx.tainted.has(refKey(r)!))) return widen(e, type);
  return e;
}

/** The references `e` may evaluate to as a whole (through conditionals and parentheses). */
function valueRefs(e: FExpr): FExpr[] {
  if (refKey(e) !== null) return [e];
  if (e.kind === 'cond') return [...valueRefs(e.then), ...valueRefs(e.else)];
  if (e.kind === 'paren') return valueRefs(e.arg);
  return [];
}

/** A value in 0..3 (int variables hold only those, so state spaces stay small). */
function smallValue(ctx: Ctx): FExpr {
  const { rnd } = ctx;
  const counters = varRefs(ctx, 'small').filter((v) => v.type === 'small');
  if (counters.length > 0 && rnd.chance(0.4)) {
    // A bounded counter: (x + 1) % 3
    return { kind: 'binary', op: '%', left: { kind: 'binary', op: rnd.pick(['+', '-'] as const), left: rnd.pick(counters), right: { kind: 'int', value: 1, type: 'small' }, type: 'int' }, right: { kind: 'int', value: rnd.int(2, 4), type: 'small' }, type: 'small' };
  }
  return expr(ctx, 'small');
}

function assignLocal(ctx: Ctx, name: string): void {
  const key = `t.${name}`;
  ctx.nonNull.delete(key);
  ctx.tainted.delete(key);
}

function globalsChanged(ctx: Ctx): void {
  for (const g of ctx.spec.globals) ctx.nonNull.delete(`k.${g.name}`);
}

interface StmtOptions {
  /** Labels a `return` may name (a step), or null in a helper. */
  inStep: boolean;
  /** The type a helper returns, or null. */
  result: FType | null;
}

/** A list of statements; the last may leave (return / wait). `mustReturn`: a helper with a result must end in a return. */
function stmtList(ctx: Ctx, opts: StmtOptions, count: number, mustReturn: boolean): FStmt[] {
  const { rnd } = ctx;
  const out: FStmt[] = [];
  for (let i = 0; i < count; i++) {
    const s = stmt(ctx, opts);
    if (s === null) continue;
    out.push(s);
  }
  const leave = mustReturn || rnd.chance(opts.inStep ? 0.6 : 0.3);
  if (leave) out.push(exit(ctx, opts));
  return out;
}

/** A return (or, in a step, sometimes a wait). */
function exit(ctx: Ctx, opts: StmtOptions): FStmt {
  const { rnd } = ctx;
  if (opts.inStep) {
    const th = ctx.thread!;
    if (th.sleeps.length > 0 && ctx.kernel && rnd.chance(0.3)) {
      // Now and then through k.schedule(), whose sleep step the parser makes (unless a label could clash with its name).
      const schedule = !th.labels.some((l) => l.startsWith('schedule_')) && rnd.chance(0.3);
      return { kind: 'wait', exclusive: rnd.chance(0.6), key: expr(ctx, 'index'), sleep: rnd.pick(schedule ? th.labels : th.sleeps), schedule };
    }
    const label = rnd.weighted<string | null>([[3, null], [2, 'DONE'], [2, rnd.pick(th.labels)]]);
    return { kind: 'return', label, value: null };
  }
  if (opts.result === null) return { kind: 'return', label: null, value: null };
  return { kind: 'return', label: null, value: assignable(ctx, opts.result) };
}

function stmt(ctx: Ctx, opts: StmtOptions): FStmt | null {
  const { rnd } = ctx;
  const th = ctx.thread;
  const locals = th?.locals ?? [];
  // A helper that takes an xa_state is called only where there is one to pass.
  const macros = ctx.helpers.filter((h) => !h.pure && (ctx.xas !== null || !h.params.includes('xas')));
  const c = rnd.weighted<string>([
    [locals.length > 0 ? 4 : 0, 'local'],
    [ctx.spec.globals.length > 0 && ctx.state ? 3 : 0, 'global'],
    [2, 'const'],
    [ctx.depth < 2 ? 3 : 0, 'if'],
    [ctx.state ? 3 : 0, 'store'],
    [ctx.state ? 1 : 0, 'erase'],
    [ctx.state ? 2 : 0, 'wake'],
    [ctx.state ? 0.6 : 0, 'await'],
    [ctx.state ? 0.5 : 0, 'bug'],
    [macros.length > 0 ? 2 : 0, 'macro'],
    [ctx.xas ? 4 : 0, 'xas'],
  ]);
  switch (c) {
    case 'xas':
      return xasStatement(ctx, ctx.xas!, (value) => {
        // A slot or a flag may go to a local of its type; an index (xa_index) only to a const.
        const sinks = locals.filter((l) => l.type === value.type && value.type !== 'int');
        if (sinks.length > 0 && rnd.chance(0.6)) {
          const l = rnd.pick(sinks);
          assignLocal(ctx, l.name);
          return { kind: 'setLocal', name: l.name, value };
        }
        const name = ctx.names.draw('temp', [...ctx.temps.map((t) => t.name), ...topLevel(ctx)]);
        ctx.temps.push({ name, type: value.type });
        return { kind: 'const', name, type: value.type, value };
      });
    case 'local': {
      const v = rnd.pick(locals);
      const value = assignable(ctx, v.type);
      assignLocal(ctx, v.name);
      return { kind: 'setLocal', name: v.name, value };
    }
    case 'global': {
      const v = rnd.pick(ctx.spec.globals);
      const value = assignable(ctx, v.type);
      ctx.nonNull.delete(`k.${v.name}`);
      ctx.tainted.delete(`k.${v.name}`);
      return { kind: 'setGlobal', name: v.name, value };
    }
    case 'const': {
      const type = rnd.pick(['small', 'index', 'bool', 'slot', 'slot', 'thread', 'mode', 'entry'] as const);
      if (type === 'entry' && !canMakeEntry(ctx)) return null;
      const value = assignable(ctx, type);
      const name = ctx.names.draw('temp', [...ctx.temps.map((t) => t.name), ...topLevel(ctx)]);
      ctx.temps.push({ name, type });
      return { kind: 'const', name, type, value };
    }
    case 'if':
      return ifStmt(ctx, opts);
    case 'store':
      if (!canMakeEntry(ctx)) return null;
      return { kind: 'effect', effect: 'store', args: [expr(ctx, 'index'), expr(ctx, 'entry')] };
    case 'erase':
      return { kind: 'effect', effect: 'erase', args: [expr(ctx, 'index')] };
    case 'wake':
      return { kind: 'effect', effect: rnd.chance(0.8) ? 'wakeUp' : 'wakeUpAnyKey', args: [expr(ctx, 'index'), expr(ctx, 'mode')] };
    case 'await':
      return { kind: 'effect', effect: 'await', args: [expr(ctx, 'bool')] };
    case 'bug':
      return { kind: 'effect', effect: 'BUG_ON', args: [expr(ctx, 'bool')] };
    case 'macro': {
      const h = rnd.pick(macros);
      const args = h.params.map((p) => (p === 'xas' ? ctx.xas! : expr(ctx, p)));
      let target: MacroTarget | null = null;
      if (h.result !== null) {
        const sinks = rnd.weighted<string>([[2, 'const'], [locals.some((l) => fits(h.result!, l.type)) ? 2 : 0, 'local'], [ctx.spec.globals.some((g) => fits(h.result!, g.type)) ? 1 : 0, 'global'], [1, 'none']]);
        if (sinks === 'const') {
          const name = ctx.names.draw('temp', [...ctx.temps.map((t) => t.name), ...topLevel(ctx)]);
          target = { kind: 'const', name, type: h.result };
        } else if (sinks === 'local') {
          const l = rnd.pick(locals.filter((v) => fits(h.result!, v.type)));
          target = { kind: 'local', name: l.name };
          assignLocal(ctx, l.name);
        } else if (sinks === 'global') {
          target = { kind: 'global', name: rnd.pick(ctx.spec.globals.filter((g) => fits(h.result!, g.type))).name };
        }
      }
      globalsChanged(ctx);
      if (target?.kind === 'const') ctx.temps.push({ name: target.name, type: target.type });
      return { kind: 'macro', fn: h.name, args, target };
    }
    default:
      return null;
  }
}

function ifStmt(ctx: Ctx, opts: StmtOptions): FStmt {
  const { rnd } = ctx;
  const slots = guardableSlots(ctx).filter((s) => !ctx.nonNull.has(refKey(s)!));
  const inner = (extra: (c: Ctx) => void): Ctx => {
    const c = scoped(ctx, { depth: ctx.depth + 1 });
    extra(c);
    return c;
  };
  let test: FExpr;
  let thenCtx: Ctx;
  let elseCtx: Ctx;
  if (slots.length > 0 && rnd.chance(0.35)) {
    // A guard: the then-branch may dereference the slot.
    const s = rnd.pick(slots);
    const key = refKey(s)!;
    const negated = rnd.chance(0.3);
    test = { kind: 'binary', op: negated ? '===' : '!==', left: s, right: { kind: 'null', type: 'slot' }, type: 'bool' };
    thenCtx = inner((c) => (negated ? c.tainted.add(key) : c.nonNull.add(key)));
    elseCtx = inner((c) => (negated ? c.nonNull.add(key) : c.tainted.add(key)));
  } else {
    test = expr(ctx, 'bool');
    const tested = nullTested(test);
    const variant = testsVariant(test);
    thenCtx = inner((c) => {
      tested.forEach((k) => c.tainted.add(k));
      c.variantNarrowed ||= variant;
    });
    elseCtx = inner((c) => {
      tested.forEach((k) => c.tainted.add(k));
      c.variantNarrowed ||= variant;
    });
    // An early return in a branch narrows k.variant for the rest of the list too.
    ctx.variantNarrowed ||= variant;
  }
  const thenList = stmtList(thenCtx, opts, rnd.int(1, 2), false);
  const elseList = rnd.chance(0.4) ? stmtList(elseCtx, opts, rnd.int(1, 2), false) : null;
  // After the if, TypeScript's narrowing of what the test compared with null may differ from ours.
  for (const key of nullTested(test)) ctx.tainted.add(key);
  // A branch may have changed globals or locals.
  for (const c of [thenCtx, elseCtx]) for (const key of c.tainted) if (!ctx.nonNull.has(key)) ctx.tainted.add(key);
  for (const list of [thenList, elseList ?? []]) {
    for (const s of list) {
      if (s.kind === 'setLocal') ctx.nonNull.delete(`t.${s.name}`);
      if (s.kind === 'setGlobal' || s.kind === 'macro') globalsChanged(ctx);
      if (s.kind === 'macro' && s.target?.kind === 'local') ctx.nonNull.delete(`t.${s.target.name}`);
    }
  }
  globalsChanged(ctx);
  if (ctx.thread !== null) for (const l of ctx.thread.locals) ctx.nonNull.delete(`t.${l.name}`);
  return { kind: 'if', test, then: thenList, else: elseList };
}

function topLevel(ctx: Ctx): string[] {
  return [...TOP_LEVEL_TAKEN, ...ctx.helpers.map((h) => h.name), ...threadNames];
}

/** Thread kind names of the spec being generated (module-level while generating; reset per spec). */
let threadNames: string[] = [];

// ---- helpers, threads, models ---------------------------------------------------

const PARAM_TYPES: readonly FType[] = ['index', 'small', 'bool', 'slot', 'thread'];
const RESULT_TYPES: readonly FType[] = ['index', 'small', 'int', 'bool', 'slot', 'entry', 'mode', 'order', 'thread'];

function genHelper(rnd: Random, names: NamePool, spec: SpecShape, earlier: HelperSig[], taken: string[], xasParams: number): { helper: FHelper; sig: HelperSig } {
  const pure = rnd.chance(0.5);
  const name = names.draw('helper', taken);
  const kernel = !pure || rnd.chance(0.6);
  const params: { name: string; type: FType }[] = [];
  for (let i = rnd.int(0, 2); i > 0; i--) params.push({ name: names.draw('temp', [...params.map((p) => p.name), ...taken, name]), type: rnd.pick(PARAM_TYPES) });
  // Now and then a state-touching helper works on its caller's xa_state, as the kernel passes struct xa_state *.
  // (xasParams > 0 first: with 0, no draw, so older seeds keep their spec.)
  let xas: FExpr | null = null;
  if (!pure && xasParams > 0 && rnd.chance(xasParams)) {
    const pname = names.draw('temp', [...params.map((p) => p.name), ...taken, name]);
    params.splice(rnd.int(0, params.length), 0, { name: pname, type: 'xas' });
    xas = { kind: 'temp', name: pname, type: 'xas' };
  }
  const result = pure ? rnd.pick(RESULT_TYPES.filter((t) => t !== 'entry' || kernel)) : rnd.chance(0.5) ? rnd.pick(RESULT_TYPES) : null;
  const ctx: Ctx = {
    rnd, names, spec, thread: null, state: !pure, kernel, xas, temps: params.filter((p) => p.type !== 'xas').map((p) => ({ ...p })), nonNull: new Set(), tainted: new Set(),
    helpers: earlier.filter((h) => pure ? h.pure : true), depth: 0,
  };
  let body: FStmt[];
  if (pure) {
    body = [];
    for (let i = rnd.int(0, 2); i > 0; i--) {
      const test = expr(ctx, 'bool', 1);
      body.push({ kind: 'if', test, then: [{ kind: 'return', label: null, value: assignable(scoped(ctx, { tainted: new Set([...ctx.tainted, ...nullTested(test)]), variantNarrowed: ctx.variantNarrowed || testsVariant(test) }), result!) }], else: null });
      for (const key of nullTested(test)) ctx.tainted.add(key);
      // After `if (k.variant !== 'a') return ...;` TypeScript has narrowed k.variant for the rest (fuzzer seed 40464).
      ctx.variantNarrowed ||= testsVariant(test);
    }
    body.push({ kind: 'return', label: null, value: assignable(ctx, result!) });
  } else {
    body = stmtList(ctx, { inStep: false, result }, rnd.int(1, 3), result !== null);
  }
  return {
    helper: { name, kernel, params, result, pure, body },
    sig: { name, kernel, params: params.map((p) => p.type), result, pure },
  };
}

/**
 * A thread's parameters: indices, small numbers and flags. One parameter name
 * is one TLA+ constant, so it keeps its type across the spec's thread kinds
 * (`paramTypes`).
 */
function genParams(rnd: Random, names: NamePool, paramTypes: Map<string, FType>): FThread['params'] {
  const params: FThread['params'] = [];
  for (let i = rnd.int(0, 2); i > 0; i--) {
    const pname = names.draw('param', [...params.map((p) => p.name)]);
    // The parser range-checks a parameter named index against the model's indices.
    const type = paramTypes.get(pname) ?? (pname === 'index' || rnd.chance(0.6) ? 'index' : rnd.chance(0.6) ? 'small' : 'bool');
    paramTypes.set(pname, type);
    params.push({ name: pname, type, default: type === 'bool' ? rnd.chance(0.5) : 0 });
  }
  return params;
}

function genThread(rnd: Random, names: NamePool, spec: SpecShape, helpers: HelperSig[], name: string, paramTypes: Map<string, FType>): FThread {
  const params = genParams(rnd, names, paramTypes);
  const locals: FVar[] = [];
  for (let i = rnd.int(0, 3); i > 0; i--) {
    const type = rnd.pick(['small', 'index', 'bool', 'slot', 'slot', 'thread'] as const);
    const taken = [...locals.map((l) => l.name), ...params.map((p) => p.name)];
    // The thread's own name as a local, now and then: a clash the emitter must survive.
    const lname = names.clash() && rnd.chance(0.3) && !taken.includes(name) && name !== 'self' ? names.planted(name) : names.draw('local', taken);
    const init: FExpr = type === 'bool' ? { kind: 'bool', value: rnd.chance(0.3), type } : type === 'slot' || type === 'thread' ? { kind: 'null', type } : { kind: 'int', value: rnd.int(0, type === 'index' ? spec.minIndices - 1 : 2), type };
    locals.push({ name: lname, type, init });
  }
  // An xa_state in a local, now and then, set at the start of the first step (generate-xas.ts).
  const xas = rnd.chance(0.35) ? names.draw('local', [...locals.map((l) => l.name), ...params.map((p) => p.name)]) : null;
  if (xas !== null) locals.push({ name: xas, type: 'xas', init: { kind: 'null', type: 'xas' } });
  const labels: string[] = [];
  const nSteps = rnd.int(2, 4);
  for (let i = 0; i < nSteps; i++) labels.push(names.draw('label', [...labels, 'Done']));
  // Steps that sleep until woken: the targets of waits.
  const sleeps = labels.filter((_, i) => i > 0 && rnd.chance(0.35));
  const steps: FStep[] = labels.map((label) => {
    const ctx: Ctx = {
      rnd, names, spec, thread: { params, locals: locals.filter((l) => l.type !== 'xas'), labels, sleeps, xas }, state: true, kernel: true,
      xas: xas === null ? null : { kind: 'thread', name: xas, type: 'xas' }, temps: [], nonNull: new Set(), tainted: new Set(),
      helpers, depth: 0,
    };
    const body: FStmt[] = [];
    if (sleeps.includes(label)) body.push({ kind: 'effect', effect: 'await', args: [{ kind: 'not', arg: { kind: 'isWaiting', who: { kind: 'self', type: 'thread' }, type: 'bool' }, type: 'bool' }] });
    if (xas !== null && label === labels[0]) body.push(xaStateInit(ctx, xas));
    body.push(...stmtList(ctx, { inStep: true, result: null }, rnd.int(1, 4), false));
    return { label, body };
  });
  return { name, params, locals, steps };
}

/**
 * A model's first state: entries on aligned ranges that do not overlap
 * (locked ones too: a lock nobody holds, which a step may take or wait on),
 * marks only in a spec whose steps use them, and some globals set.
 */
function initialState(rnd: Random, spec: SpecShape, indices: number, usesMarks: boolean): NonNullable<FModel['initial']> {
  const xa: FInitialEntry[] = [];
  for (let i = 0; i < indices; ) {
    const order = rnd.chance(0.3) && i % (1 << spec.pmdOrder) === 0 && i + (1 << spec.pmdOrder) <= indices ? spec.pmdOrder : 0;
    if (rnd.chance(0.5)) {
      const marks = usesMarks ? (['DIRTY', 'TOWRITE'] as const).filter(() => rnd.chance(0.4)) : [];
      const flags = (['empty', 'zero', 'page'] as const).filter(() => rnd.chance(0.2));
      xa.push({ index: i, order, locked: rnd.chance(0.3), flags, pfn: rnd.int(0, 3), marks });
    }
    i += 1 << order;
  }
  const globals = spec.globals
    .filter((g) => g.type !== 'thread' && rnd.chance(0.5))
    .map((g): [string, number | boolean] => [g.name, g.type === 'bool' ? rnd.chance(0.5) : rnd.int(0, g.type === 'index' ? spec.minIndices - 1 : 2)]);
  return { xa, globals };
}

/** The value of a test the parser knows without running it: `true`, `(false)`, `(true as boolean)`. */
function literalBool(e: FExpr): boolean | null {
  if (e.kind === 'bool') return e.value;
  if (e.kind === 'paren' || e.kind === 'widen') return literalBool(e.arg);
  return null;
}

/** Whether any step of the spec reads or sets a mark (so its state has marks). */
function usesMarkOps(threads: FThread[]): boolean {
  const inExpr = (e: FExpr): boolean => e.kind === 'mark' || children(e).some(inExpr);
  // The parser keeps only the branch taken of an `if (true)` / `if (false)` (fuzzer seed 5028: a mark set after
  // `if (true) { ... return }` was dead code, and the model's initial marks were refused).
  const branches = (s: FStmt & { kind: 'if' }): FStmt[][] => {
    const known = literalBool(s.test);
    return known === null ? [s.then, s.else ?? []] : [known ? s.then : s.else ?? []];
  };
  // Statements after one that always leaves are dead code, which the parser drops.
  const leaves = (s: FStmt): boolean => s.kind === 'return' || s.kind === 'wait'
    || (s.kind === 'if' && (literalBool(s.test) !== null || s.else !== null) && branches(s).every((b) => b.some(leaves)));
  const live = (list: FStmt[]): FStmt[] => {
    const end = list.findIndex(leaves);
    return end < 0 ? list : list.slice(0, end + 1);
  };
  const inStmts = (list: FStmt[]): boolean => live(list).some((s) =>
    (s.kind === 'op' && s.args.some(inExpr)) || (s.kind === 'op' && s.op === 'tag_pages_for_writeback')
    || ((s.kind === 'const' || s.kind === 'setLocal' || s.kind === 'setGlobal') && inExpr(s.value))
    || ((s.kind === 'effect' || s.kind === 'macro') && s.args.some(inExpr))
    || (s.kind === 'if' && ((literalBool(s.test) === null && inExpr(s.test)) || branches(s).some(inStmts))));
  return threads.some((t) => t.steps.some((st) => inStmts(st.body)));
}

function genModels(rnd: Random, names: NamePool, spec: SpecShape, threads: FThread[], indices: number[], threadCounts: number[]): FModel[] {
  const usesMarks = usesMarkOps(threads);
  return indices.map((n, i) => {
    const instances = Array.from({ length: threadCounts[i]! }, () => {
      const th = rnd.pick(threads);
      const params = th.params.filter(() => rnd.chance(0.9)).map((p): [string, number | boolean] => [p.name, p.type === 'index' ? rnd.int(0, n - 1) : p.type === 'bool' ? rnd.chance(0.5) : rnd.int(0, 3)]);
      return { thread: th.name, params };
    });
    return {
      name: names.draw('model', []) + (i > 0 ? `-${i + 1}` : ''),
      variant: rnd.pick(spec.variants),
      indices: n,
      pmdOrder: spec.pmdOrder,
      buckets: rnd.weighted([[3, 1], [2, 2], [1, 3]] as const),
      deadlock: rnd.weighted([[2, null], [1, true], [1, false]] as const),
      termination: rnd.weighted([[3, null], [1, true], [1, false]] as const),
      expect: rnd.weighted([[4, null], [1, 'holds'], [1, 'NoLostWakeup']] as const),
      instances,
      initial: rnd.chance(0.3) ? initialState(rnd, spec, n, usesMarks) : null,
    };
  });
}

/** The spec for `seed`: the same seed, the same spec. */
export function generateSpec(seed: number, options: GenerateOptions = {}): FSpec {
  const rnd = new Random(seed);
  const names = new NamePool(rnd, options.collide ?? DEFAULT_COLLIDE);
  const pmdOrder = rnd.weighted([[3, 1], [1, 2]] as const);
  const nModels = rnd.chance(0.2) ? 2 : 1;
  const indices = Array.from({ length: nModels }, () => (pmdOrder === 2 ? 4 : rnd.pick([2, 2, 4])));
  const threadCounts = Array.from({ length: nModels }, () => rnd.weighted([[1, 1], [4, 2], [3, 3]] as const));
  const minIndices = Math.min(...indices);
  const variants: string[] = [];
  for (let i = rnd.int(1, 2); i > 0; i--) variants.push(names.draw('variant', variants));
  const globals: FVar[] = [];
  for (let i = rnd.int(0, 3); i > 0; i--) {
    const type = rnd.pick(['small', 'bool', 'thread', 'index'] as const); // globals hold numbers, booleans and null, not entries
    const init: FExpr = type === 'bool' ? { kind: 'bool', value: rnd.chance(0.3), type } : type === 'thread' ? { kind: 'null', type } : { kind: 'int', value: rnd.int(0, type === 'index' ? minIndices - 1 : 2), type };
    globals.push({ name: names.draw('global', globals.map((g) => g.name)), type, init });
  }
  const spec: SpecShape = { variants, globals, pmdOrder, maxOrder: Math.log2(minIndices), minIndices, minThreads: Math.min(...threadCounts) };

  const helpers: FHelper[] = [];
  const sigs: HelperSig[] = [];
  const nThreads = rnd.int(1, 3);
  threadNames = [];
  const threadNameList: string[] = [];
  for (let i = 0; i < nThreads; i++) threadNameList.push(names.draw('thread', [...threadNameList]));
  threadNames = threadNameList;
  for (let i = rnd.int(0, 3); i > 0; i--) {
    const { helper, sig } = genHelper(rnd, names, spec, sigs, [...helpers.map((h) => h.name), ...threadNameList], options.xasParams ?? DEFAULT_XAS_PARAMS);
    helpers.push(helper);
    sigs.push(sig);
  }
  const paramTypes = new Map<string, FType>();
  const threads = threadNameList.map((n) => genThread(rnd, names, spec, sigs, n, paramTypes));
  const invariants: FSpec['invariants'] = [];
  for (let i = rnd.chance(0.4) ? rnd.int(1, 2) : 0; i > 0; i--) {
    const ctx: Ctx = { rnd, names, spec, thread: null, state: true, kernel: true, xas: null, temps: [], nonNull: new Set(), tainted: new Set(), helpers: sigs.filter((h) => h.pure), depth: 0 };
    // A disjunction, so that an invariant is not usually broken in the initial state already.
    // Each operand is narrowed by the ones before it, as in boolExpr's `||` (fuzzer seed 10107: `k.variant === 'a' || k.variant === 'a'`).
    const after = (left: FExpr, c: Ctx): Ctx => scoped(c, { tainted: new Set([...c.tainted, ...nullTested(left)]), variantNarrowed: c.variantNarrowed || testsVariant(left) });
    const a = expr(ctx, 'bool', 1);
    const b = expr(after(a, ctx), 'bool', 1);
    const c = expr(after(b, after(a, ctx)), 'bool', 2);
    const body: FExpr = { kind: 'binary', op: '||', left: a, right: { kind: 'binary', op: '||', left: b, right: c, type: 'bool' }, type: 'bool' };
    // Now and then a final-state property (`finally`): checked only where every thread has returned.
    invariants.push({ name: names.draw('invariant', invariants.map((v) => v.name)), body, final: rnd.chance(0.3) });
  }
  const models = genModels(rnd, names, spec, threads, indices, threadCounts);
  threadNames = [];
  const name = names.draw('spec', []);
  return { seed, name, variants, globals, helpers, threads, invariants, models, clashes: [...names.clashes] };
}
