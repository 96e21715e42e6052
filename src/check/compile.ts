/**
 * Compiles one model configuration of a spec to a Machine: JavaScript step
 * functions generated from the IR (one per thread instance and label, with
 * the variant, constants and parameters folded in), working in place on the
 * flat int32 state of layout.ts. This is the interpreter's reading of the IR;
 * src/emit is the TLA+ reading of the same IR.
 */
import { SpecError } from '../model/errors.js';
import type { Expr, InvariantDef, ModelConfig, SourceLoc, SpecModel, Stmt } from '../model/ir.js';
import { DONE_LABEL } from '../model/ir.js';
import { CONFLICT, ENTRY_SHIFT, ENTRY_WIDTH, MAX_THREADS, encodeEntry, layoutOf, type Layout, type ThreadSlot } from '../model/layout.js';
import { StepFailure, Vocabulary } from '../model/vocabulary.js';
import { MARK_BITS, operationOf } from '../model/operations.js';
import { initialGlobal, initialValueOf } from '../model/init.js';
import { checkingOrder } from '../model/properties.js';
import { armOfVariants, isConstantTest, type BranchArm } from './branches.js';

export interface Machine {
  spec: SpecModel;
  model: ModelConfig;
  layout: Layout;
  vocab: Vocabulary;
  initial: Int32Array;
  /** Runs thread t's step at its pc on `state` in place; false when the step is disabled (then `state` is garbage). */
  step(t: number, state: Int32Array): boolean;
  /** Names of the invariants, in checking order ('BUG_ON' first when the spec has BUG_ON sites, final-state properties last). */
  invariantNames: string[];
  /** Per invariant: 'invariant', or 'final' for a final-state property (checked only where every thread is Done). */
  invariantKinds: ('invariant' | 'final')[];
  /** Index of the first violated invariant, or -1. */
  violatedInvariant(state: Int32Array): number;
  /**
   * The if/else arms of every step and what the steps that returned true
   * took of them so far: `taken`, a bit per arm, always; `counts`, a count
   * per arm, only when compiled with counts (--coverage).
   */
  branches: { arms: BranchArm[]; taken: Int32Array; counts: Float64Array | null };
}

export interface CompileOptions {
  /** Count the transitions through each branch arm (--coverage); without it only whether an arm was ever taken is kept. */
  branchCounts?: boolean;
}

export function compileModel(spec: SpecModel, model: ModelConfig, options: CompileOptions = {}): Machine {
  if (model.threads.length > MAX_THREADS) {
    throw new SpecError('DSX004', `model ${model.name} has ${model.threads.length} threads; at most ${MAX_THREADS} are supported`, model.loc, 'split the model');
  }
  const layout = layoutOf(spec, model);
  const locs: SourceLoc[] = [];
  const vocab = new Vocabulary(layout, locs);
  const gen = new CodeGen(spec, model, layout, locs, options.branchCounts === true);
  const source = gen.program();
  const taken = new Int32Array(Math.max(1, gen.words));
  const counts = options.branchCounts === true ? new Float64Array(gen.arms.length) : null;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('V', 'TAKEN', 'COUNTS', source) as (v: Vocabulary, taken: Int32Array, counts: Float64Array | null) => { step: (t: number, o: Int32Array) => boolean; invariants: ((o: Int32Array) => boolean)[] };
  const { step, invariants } = factory(vocab, taken, counts);
  const checked = checkingOrder(spec);
  const invariantNames = [...(layout.bugOff >= 0 ? ['BUG_ON'] : []), ...checked.map((i) => i.name)];
  const invariantKinds = [...(layout.bugOff >= 0 ? ['invariant' as const] : []), ...checked.map((i) => (i.when === 'final' ? 'final' as const : 'invariant' as const))];
  const initial = initialState(spec, model, layout);
  return {
    spec,
    model,
    layout,
    vocab,
    initial,
    step,
    invariantNames,
    invariantKinds,
    branches: { arms: gen.arms, taken, counts },
    violatedInvariant(state) {
      let i = 0;
      try {
        for (; i < invariants.length; i++) if (!invariants[i]!(state)) return i;
      } catch (err) {
        // A property that cannot be evaluated (a % by 0, a field of null) stops TLC with an error too.
        if (!(err instanceof StepFailure)) throw err;
        throw new SpecError('DSX005', `the property ${invariantNames[i]} could not be evaluated in a reachable state of model ${model.name}: ${err.message}`, err.loc, 'write the property so that it has a value in every state (check for null before reading an entry, keep divisors positive)');
      }
      return -1;
    },
  };
}

function initialState(spec: SpecModel, model: ModelConfig, layout: Layout): Int32Array {
  const s = new Int32Array(layout.size);
  layout.threads.forEach((slot, t) => {
    s[layout.pcOff + t] = 0;
    for (const [name, off] of slot.locals) s[off] = encodeConstant(initialValueOf(spec, slot.def.name, name));
  });
  for (const g of spec.globals) s[layout.globals.get(g.name)!.offset] = encodeConstant(initialGlobal(model, g));
  for (const e of model.initial?.xa ?? []) {
    const entry = encodeEntry(e.order, e.locked, e.empty, e.zero, e.page, e.pfn);
    const marks = e.marks.reduce((bits, m) => bits | MARK_BITS[m], 0);
    for (let i = e.index; i < e.index + 2 ** e.order; i++) {
      s[layout.xaOff + i] = entry;
      if (layout.marksOff >= 0) s[layout.marksOff + i] = marks;
    }
  }
  return s;
}

/** Encodes a constant initial value (a literal) as int32. */
function encodeConstant(e: Expr): number {
  switch (e.kind) {
    case 'int':
      return e.value;
    case 'bool':
      return e.value ? 1 : 0;
    case 'null':
      return 0;
    default:
      throw new Error(`initial value of kind ${e.kind}`);
  }
}

/** If statements in a step, at any depth: each has two arms. */
function countIfs(stmts: Stmt[]): number {
  let n = 0;
  for (const s of stmts) if (s.kind === 'if') n += 1 + countIfs(s.then) + countIfs(s.else);
  return n;
}

/**
 * Branch arms are recorded without slowing the step: an arm sets a bit in a
 * local of the step function (b0, b1, ... for 32 arms each), and only a
 * step that returns true (at its goto) stores the bits, once; a step that
 * blocks at a later await records nothing.
 */
interface StepArms {
  label: string;
  /** Index in `arms` of the step's first arm, and in TAKEN of its first word. */
  armBase: number;
  wordBase: number;
  next: number;
  words: number;
}

class CodeGen {
  private readonly lines: string[] = [];
  readonly arms: BranchArm[] = [];
  words = 0;
  private stepArms: StepArms | null = null;
  /** The arms around the statement being compiled, innermost last. */
  private readonly enclosing: number[] = [];

  constructor(
    private readonly spec: SpecModel,
    private readonly model: ModelConfig,
    private readonly layout: Layout,
    private readonly locs: SourceLoc[],
    private readonly branchCounts: boolean,
  ) {}

  private locId(loc: SourceLoc): number {
    this.locs.push(loc);
    return this.locs.length - 1;
  }

  program(): string {
    const out: string[] = ['"use strict";'];
    for (const h of this.spec.helpers) {
      const params = h.params.map((p) => `v_${p.name}`).join(', ');
      out.push(`function H_${h.name}(${params}) { return ${this.expr(h.body, null)}; }`);
    }
    // One function per (thread, label), and one dispatcher that calls them
    // directly, so the engine sees a single monomorphic call site per step.
    const dispatch: string[] = ['function step(t, o) {', '  switch (t) {'];
    this.layout.threads.forEach((slot, t) => {
      dispatch.push(`    case ${t}:`, `      switch (o[${this.layout.pcOff + t}]) {`);
      slot.def.steps.forEach((step, pc) => {
        const ifs = countIfs(step.body);
        const words = Math.ceil((2 * ifs) / 32);
        this.stepArms = ifs === 0 ? null : { label: step.label, armBase: this.arms.length, wordBase: this.words, next: 0, words };
        this.words += words;
        const locals = Array.from({ length: words }, (_, w) => `  let b${w} = 0;`);
        const body = this.stmts(step.body, slot, t, '  ');
        out.push(`/* ${slot.name}.${step.label} */`, `function S${t}_${pc}(o) {`, ...locals, ...body, '}');
        dispatch.push(`        case ${pc}: return S${t}_${pc}(o);`);
      });
      dispatch.push('        default: return false;', '      }');
    });
    dispatch.push('    default: return false;', '  }', '}');
    out.push(...dispatch);
    if (this.branchCounts) {
      out.push('function count(base, m) {', '  while (m !== 0) { COUNTS[base + 31 - Math.clz32(m & -m)]++; m &= m - 1; }', '}');
    }
    out.push('const invariants = [];');
    if (this.layout.bugOff >= 0) out.push(`invariants.push((o) => o[${this.layout.bugOff}] === 0);`);
    for (const inv of checkingOrder(this.spec)) out.push(`invariants.push((o) => (${this.invariant(inv)}) !== 0);`);
    out.push('return { step, invariants };');
    return out.join('\n');
  }

  /** At a goto: the arms this run of the step took, stored once. */
  private commitArms(): string {
    const arms = this.stepArms;
    if (arms === null) return '';
    let code = '';
    for (let w = 0; w < arms.words; w++) {
      code += ` TAKEN[${arms.wordBase + w}] |= b${w};`;
      if (this.branchCounts) code += ` count(${arms.armBase + 32 * w}, b${w});`;
    }
    return code;
  }

  private invariant(inv: InvariantDef): string {
    if (inv.when === 'always') return this.expr(inv.body, null);
    // Vacuous until every thread has returned.
    const allDone = this.layout.threads.map((slot, t) => `o[${this.layout.pcOff + t}] === ${slot.labels.length}`).join(' && ');
    return `(!(${allDone}) || ${this.expr(inv.body, null)})`;
  }

  private stmts(stmts: Stmt[], slot: ThreadSlot, t: number, indent: string): string[] {
    const out: string[] = [];
    for (const s of stmts) out.push(...this.stmt(s, slot, t, indent));
    return out;
  }

  private stmt(s: Stmt, slot: ThreadSlot, t: number, indent: string): string[] {
    const e = (x: Expr): string => this.expr(x, slot);
    const self = t + 1;
    switch (s.kind) {
      case 'let':
        return [`${indent}const v_${s.name} = ${e(s.value)};`];
      case 'setLocal':
        return [`${indent}o[${slot.locals.get(s.name)}] = ${e(s.value)};`];
      case 'setGlobal': {
        const set = `${indent}o[${this.layout.globals.get(s.name)!.offset}] = ${e(s.value)};`;
        return s.words === undefined ? [set] : [set, `${indent}V.say(${JSON.stringify(s.name)}, ${JSON.stringify(s.words)});`];
      }
      case 'if': {
        const arms = this.stepArms!;
        const arm = (which: 'then' | 'else', body: Stmt[]): string[] => {
          const j = arms.next++;
          const a = this.arms.length;
          this.arms.push({ thread: t, label: arms.label, loc: s.loc, arm: which, parent: this.enclosing.at(-1) ?? null, word: arms.wordBase + (j >> 5), bit: j & 31, constant: isConstantTest(s.test, this.model.variant), variants: armOfVariants(s.test, which, this.spec.variants) });
          this.enclosing.push(a);
          const code = [`${indent}  b${j >> 5} |= ${(1 << (j & 31)) | 0};`, ...this.stmts(body, slot, t, indent + '  ')];
          this.enclosing.pop();
          return code;
        };
        return [`${indent}if (${e(s.test)}) {`, ...arm('then', s.then), `${indent}} else {`, ...arm('else', s.else), `${indent}}`];
      }
      case 'await':
        return [`${indent}if (!(${e(s.cond)})) return false;`];
      case 'vocab': {
        const op = operationOf(s.op);
        if (op.form !== 'stmt') throw new Error(`internal: ${s.op} is not a statement`);
        return [`${indent}${op.js({ args: s.args.map(e), loc: this.locId(s.loc), self })};`];
      }
      case 'bugOn':
        return [`${indent}if (${e(s.cond)}) o[${this.layout.bugOff}] = ${this.layout.bugSites.indexOf(s.site) + 1};`];
      case 'goto': {
        const pc = s.label === DONE_LABEL ? slot.labels.length : slot.labels.indexOf(s.label);
        if (pc < 0) throw new Error(`goto unknown label ${s.label}`);
        return [`${indent}o[${this.layout.pcOff + t}] = ${pc};${this.commitArms()} return true;`];
      }
      default: {
        const never: never = s;
        throw new Error(`unknown statement ${JSON.stringify(never)}`);
      }
    }
  }

  /** A JS expression of int32 value. `slot` is null in helpers and invariants (no thread). */
  private expr(x: Expr, slot: ThreadSlot | null): string {
    const e = (y: Expr): string => this.expr(y, slot);
    switch (x.kind) {
      case 'int':
        return String(x.value);
      case 'bool':
        return x.value ? '1' : '0';
      case 'null':
        return '0';
      case 'conflict':
        return String(CONFLICT);
      case 'variantIs':
        return this.model.variant === x.variant ? '1' : '0';
      case 'const':
        return String(x.name === 'PMD_ORDER' ? this.model.pmdOrder : (1 << this.model.pmdOrder) - 1);
      case 'self':
        return String(this.threadIndex(slot, x) + 1);
      case 'param': {
        const v = this.requireSlot(slot, x).params[x.name];
        if (v === undefined) throw new Error(`no param ${x.name}`);
        return typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
      }
      case 'local': {
        const off = this.requireSlot(slot, x).locals.get(x.name);
        if (off === undefined) throw new Error(`no local ${x.name}`);
        return `o[${off}]`;
      }
      case 'global':
        return `o[${this.layout.globals.get(x.name)!.offset}]`;
      case 'temp':
        return `v_${x.name}`;
      case 'not':
        return `(${e(x.arg)} ? 0 : 1)`;
      case 'neg':
        // -(-2^31) leaves int32 like any other arithmetic.
        return `V.int32(-(${e(x.arg)}), ${this.locId(x.loc)})`;
      case 'binary':
        return this.binary(x.op, e(x.left), e(x.right), x.loc);
      case 'cond':
        return `(${e(x.test)} ? ${e(x.then)} : ${e(x.else)})`;
      case 'field':
        return `V.field(${e(x.entry)}, ${ENTRY_SHIFT[x.field]}, ${ENTRY_WIDTH[x.field]}, ${this.locId(x.loc)}, '${x.field}')`;
      case 'makeEntry': {
        const f = x.fields;
        return `V.makeEntry(${e(f.order)}, ${e(f.locked)}, ${e(f.empty)}, ${e(f.zero)}, ${e(f.page)}, ${e(f.pfn)}, ${this.locId(x.loc)})`;
      }
      case 'withFields': {
        let acc = e(x.entry);
        for (const [field, value] of Object.entries(x.fields)) acc = `V.withField(${acc}, '${field}', ${e(value!)}, ${this.locId(x.loc)})`;
        return acc;
      }
      case 'call':
        return `H_${x.fn}(${x.args.map(e).join(', ')})`;
      case 'vocab': {
        // Row code is a direct call (V.method(...)), so the step does no table lookup at run time.
        const op = operationOf(x.op);
        const site = { args: x.args.map(e), loc: this.locId(x.loc), self: slot === null ? 0 : this.threadIndex(slot, x) + 1 };
        if (x.next) {
          if (op.moves === undefined) throw new Error(`internal: ${x.op} moves no xa_state`);
          return op.moves.js(site);
        }
        if (op.form !== 'expr') throw new Error(`internal: ${x.op} gives no value`);
        return op.js(site);
      }
      case 'wakeMode':
        return x.mode === 'all' ? '0' : '1';
      case 'mark':
        return String(MARK_BITS[x.mark]);
      case 'nonNull':
        return `V.nonNull(${e(x.arg)}, ${this.locId(x.loc)})`;
      default: {
        const never: never = x;
        throw new Error(`unknown expression ${JSON.stringify(never)}`);
      }
    }
  }

  private binary(op: string, l: string, r: string, loc: SourceLoc): string {
    switch (op) {
      case '+':
      case '-':
      case '*':
        // TLA+ integers do not wrap: a result outside int32 is an error, not a wrap.
        return `V.int32(${l} ${op} ${r}, ${this.locId(loc)})`;
      case '%':
        return `V.mod(${l}, ${r}, ${this.locId(loc)})`;
      case '==':
        return `(${l} === ${r} ? 1 : 0)`;
      case '!=':
        return `(${l} !== ${r} ? 1 : 0)`;
      case '<':
      case '<=':
      case '>':
      case '>=':
        return `(${l} ${op} ${r} ? 1 : 0)`;
      case '&&':
        return `(${l} && ${r})`;
      case '||':
        return `(${l} || ${r})`;
      default:
        throw new Error(`unknown operator ${op}`);
    }
  }

  private requireSlot(slot: ThreadSlot | null, x: Expr): ThreadSlot {
    if (slot === null) throw new SpecError('DSX002', `thread state is not visible here`, x.loc, 'helpers and invariants read the shared state only; pass thread values as parameters');
    return slot;
  }

  private threadIndex(slot: ThreadSlot | null, x: Expr): number {
    return this.layout.threads.indexOf(this.requireSlot(slot, x));
  }
}

