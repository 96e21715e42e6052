/**
 * "This waiter can never be woken": from a state, explore everything the
 * interpreter can reach and look for a state where the thread is off the
 * wait queues. Stronger than a fair lasso, and what a reader means by
 * "sleeps forever"; a sliced counterexample and a simulation walk end on it.
 */
import type { Machine } from './compile.js';
import { StateStore } from './state-store.js';
import { StepFailure } from '../model/vocabulary.js';

export type WakeVerdict =
  | { kind: 'never' }
  /** Some continuation wakes it (or it was not asleep). */
  | { kind: 'woken' }
  /** More than `limit` states reachable: not decided. */
  | { kind: 'unknown' };

/** Is thread `t` (0-based) asleep in `state` and asleep in every state reachable from it? */
export function neverWoken(machine: Machine, state: Int32Array, t: number, limit = 200_000): WakeVerdict {
  const self = t + 1;
  if (!machine.vocab.isWaiting(state, self)) return { kind: 'woken' };
  const { layout } = machine;
  const store = new StateStore(layout.size, 1 << 10);
  store.intern(state);
  const current = new Int32Array(layout.size);
  const next = new Int32Array(layout.size);
  for (let id = 0; id < store.count; id++) {
    store.load(id, current);
    for (let u = 0; u < layout.threads.length; u++) {
      if (current[layout.pcOff + u] === layout.threads[u]!.labels.length) continue;
      next.set(current);
      try {
        if (!machine.step(u, next)) continue;
      } catch (err) {
        if (err instanceof StepFailure) continue; // a failing step is reported by the check itself
        throw err;
      }
      if (!machine.vocab.isWaiting(next, self)) return { kind: 'woken' };
      if (store.intern(next) < 0 && store.count > limit) return { kind: 'unknown' };
    }
  }
  return { kind: 'never' };
}
