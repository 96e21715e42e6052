/**
 * The order in which a model's state properties are checked: the
 * interpreter tests them in this order and the MC config lists them in it
 * (TLC reports the first false one), so both name the same property when
 * one state breaks two.
 */
import type { Expr, InvariantDef, SpecModel } from './ir.js';
import { childrenOf } from './expr-children.js';
import { operation } from './operations.js';

/**
 * Constant invariants (they read no variable), then the other invariants,
 * then final-state properties, each in declaration order. TLC evaluates a
 * constant invariant once, before any state, so it names that one even
 * where a state invariant listed before it is false in the initial state
 * too (fuzzer seeds 20334 and 21773).
 */
export function checkingOrder(spec: SpecModel): InvariantDef[] {
  const always = spec.invariants.filter((i) => i.when === 'always');
  return [...always.filter((i) => !readsState(i.body)), ...always.filter((i) => readsState(i.body)), ...spec.invariants.filter((i) => i.when === 'final')];
}

/** Does the expression read a variable (a global, a local, or the XArray, marks and queues through an operation)? */
function readsState(e: Expr): boolean {
  if (e.kind === 'global' || e.kind === 'local') return true;
  if (e.kind === 'vocab' && (operation(e.op)?.reads.length ?? 1) > 0) return true;
  return childrenOf(e).some(readsState);
}
