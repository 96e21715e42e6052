/**
 * The bench's largest model, for the bench only (not a shipped model):
 * the downgrade/writeback spec's invalidate-wakes-all-7 (7 threads, the
 * fixed variant, 17,977 states) with eight more threads copied from its own
 * (a delete, an invalidate, a delete, an invalidate, a PTE fault, three
 * deletes): 15 threads, 112,633,499 states. It holds, so the run explores
 * the whole graph and checks every liveness property. (With a writeback in
 * place of the PTE fault it has 83,586,506 states.)
 */
import type { ModelConfig, SpecModel } from '../src/model/ir.js';

export const LARGE_SPEC = 'spec/dax-downgrade-writeback.ts';
export const LARGE_MODEL = 'large-15';
/** Indices into invalidate-wakes-all-7's threads, copied in this order. */
const COPIES = [6, 5, 6, 5, 1, 6, 6, 6];

export function largeModel(spec: SpecModel): ModelConfig {
  const base = spec.models.find((m) => m.name === 'invalidate-wakes-all-7');
  if (base === undefined) throw new Error(`${LARGE_SPEC} has no invalidate-wakes-all-7 model`);
  const copies = COPIES.map((i, n) => ({ ...base.threads[i]!, name: `${base.threads[i]!.name}#${n + 2}` }));
  return { ...base, name: LARGE_MODEL, doc: 'bench: 15 threads', threads: [...base.threads, ...copies] };
}
