/**
 * Which steps leave the state untouched when they are blocked: those whose
 * only awaits come first, before anything is written. Exploration then need
 * not restore its scratch copy of the state after such a step reports
 * "disabled" (most blocked steps are a sleeper's `schedule`).
 */
import type { Stmt } from '../model/ir.js';
import type { Layout } from '../model/layout.js';

/** cleanWhenBlocked[t][pc] for each thread instance and label. */
export function cleanWhenBlocked(layout: Layout): boolean[][] {
  return layout.threads.map((slot) => slot.def.steps.map((step) => awaitsOnlyFirst(step.body)));
}

function awaitsOnlyFirst(body: Stmt[]): boolean {
  let i = 0;
  while (i < body.length && (body[i]!.kind === 'await' || body[i]!.kind === 'let')) i++;
  return !body.slice(i).some(containsAwait);
}

/** Searches the whole statement, whatever its kind, so a new compound statement cannot hide an await. */
function containsAwait(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsAwait);
  if (node === null || typeof node !== 'object') return false;
  if ((node as { kind?: unknown }).kind === 'await') return true;
  return Object.values(node).some(containsAwait);
}
