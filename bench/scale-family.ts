/**
 * The scale family of the seed protocol, for the bench only (not shipped
 * models): the pmd-aligned-keys fix with one PMD range of 4 indices, two PMD
 * faults and 6..9 PTE faults on indices 1..3 — 8 to 11 threads. The fix holds,
 * so every run explores the whole graph and checks every liveness property.
 * The 8-thread member is the seed's pmd-aligned-keys-8.
 */
import type { ModelConfig, SpecModel, ThreadInstanceDef } from '../src/model/ir.js';

export const SCALE_THREADS = [8, 9, 10, 11] as const;

export function scaleModel(seed: SpecModel, threads: number): ModelConfig {
  const base = seed.models.find((m) => m.name === 'pmd-aligned-keys-8');
  if (base === undefined) throw new Error('the seed spec has no pmd-aligned-keys-8 model');
  const pte = base.threads.filter((t) => t.thread === 'pte_fault');
  const pmd = base.threads.filter((t) => t.thread === 'pmd_fault');
  const extra: ThreadInstanceDef[] = [];
  for (let i = 0; i < threads - base.threads.length; i++) {
    const index = 1 + (i % 3);
    extra.push({ name: `pte_fault(${index})#${3 + Math.floor(i / 3)}`, thread: 'pte_fault', params: { index } });
  }
  return { ...base, name: `scale-${threads}`, doc: `bench: ${threads} threads`, threads: [...pte, ...extra, ...pmd] };
}
