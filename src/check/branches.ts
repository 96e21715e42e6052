/**
 * The if/else arms of a compiled model's steps, as the compiler numbers
 * them: where each is in the source, and what its test says about whether
 * an arm that never runs is news (a test fixed by the model's parameters or
 * variant never takes one arm by design).
 */
import type { Expr, SourceLoc } from '../model/ir.js';

export interface BranchArm {
  /** Thread instance (layout index) and the step's label. */
  thread: number;
  label: string;
  /** The if statement's location, and which of its arms this is. */
  loc: SourceLoc;
  arm: 'then' | 'else';
  /** The arm (index in the same list) this if statement sits in, null at the step's top level. */
  parent: number | null;
  /** Where its taken bit is: TAKEN[word] & (1 << bit). */
  word: number;
  bit: number;
  /** The test reads no state: its value is fixed by the model (parameters, constants, the variant). */
  constant: boolean;
  /** The variants whose own code this arm is (`if (k.variant === 'v')` then, `!==` else); usually none. */
  variants: string[];
}

/** Whether a test has the same value in every state of a model of `variant` (after parameters, constants and the variant are folded in). */
export function isConstantTest(e: Expr, variant: string): boolean {
  return readsNoState(e) || valueUnder(e, variant) !== null;
}

function readsNoState(e: Expr): boolean {
  switch (e.kind) {
    case 'int':
    case 'bool':
    case 'null':
    case 'conflict':
    case 'const':
    case 'param':
    case 'self':
    case 'variantIs':
    case 'wakeMode':
    case 'mark':
      return true;
    case 'not':
    case 'neg':
      return readsNoState(e.arg);
    case 'binary':
      return readsNoState(e.left) && readsNoState(e.right);
    case 'cond':
      return readsNoState(e.test) && readsNoState(e.then) && readsNoState(e.else);
    default:
      return false;
  }
}

/**
 * The variants whose own code `arm` holds, among those the test names: v
 * when v always takes the arm (`k.variant !== 'v' && ...`: else), or only v
 * can (`k.variant === 'v' && ...`: then). Empty for tests that name no variant.
 */
export function armOfVariants(test: Expr, arm: 'then' | 'else', variants: readonly string[]): string[] {
  const value = arm === 'then';
  return namedVariants(test).filter((v) => valueUnder(test, v) === value || variants.every((w) => w === v || valueUnder(test, w) === !value));
}

function namedVariants(e: Expr): string[] {
  if (e.kind === 'variantIs') return [e.variant];
  if (e.kind === 'not') return namedVariants(e.arg);
  if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) return [...new Set([...namedVariants(e.left), ...namedVariants(e.right)])];
  return [];
}

/** The test's value under variant v whatever the state, or null when the state decides. */
function valueUnder(e: Expr, v: string): boolean | null {
  if (e.kind === 'variantIs') return e.variant === v;
  if (e.kind === 'not') {
    const a = valueUnder(e.arg, v);
    return a === null ? null : !a;
  }
  if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) {
    const l = valueUnder(e.left, v);
    const r = valueUnder(e.right, v);
    const decisive = e.op === '||';
    if (l === decisive || r === decisive) return decisive;
    return l !== null && r !== null ? !decisive : null;
  }
  return null;
}

/** A copy of a machine's branch records, taken when its exploration ends. */
export interface BranchRecord {
  arms: BranchArm[];
  taken: Int32Array;
  counts: Float64Array | null;
}

export function recordBranches(machine: { branches: BranchRecord }): BranchRecord {
  const { arms, taken, counts } = machine.branches;
  return { arms, taken: taken.slice(), counts: counts === null ? null : counts.slice() };
}

export function armTaken(record: BranchRecord, a: number): boolean {
  const arm = record.arms[a]!;
  return (record.taken[arm.word]! & (1 << arm.bit)) !== 0;
}
