/**
 * The order in which a model's state properties are checked: the
 * interpreter tests them in this order and the MC config lists them in it
 * (TLC reports the first false one), so both name the same property when
 * one state breaks two.
 */
import type { InvariantDef, SpecModel } from './ir.js';

/** Invariants, then final-state properties, each in declaration order. */
export function checkingOrder(spec: SpecModel): InvariantDef[] {
  return [...spec.invariants.filter((i) => i.when === 'always'), ...spec.invariants.filter((i) => i.when === 'final')];
}
