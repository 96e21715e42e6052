/**
 * The i_pages lock as an owner, for specs where one thread holds it across
 * several steps (a walk that drops it only to sleep): the spec declares a
 * global `xa_lock: ThreadId | null`, and the steps of every other thread that
 * take and drop the lock within the step call xa_lock_free().
 * (spec/dax-delete-range-pause.ts still has its own copy.)
 */
import type { Kernel, ThreadId } from 'daxspec';

/** A step of a thread that takes and drops the i_pages lock within the step. */
export function xa_lock_free(k: Kernel<string, { xa_lock: ThreadId | null }>): void {
  k.await(k.xa_lock === null);
}
