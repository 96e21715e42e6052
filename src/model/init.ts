/**
 * Initial values of thread locals. TLA+ has one variable per local name over
 * all threads, so a thread whose code path does not declare a local still has
 * a value for it: the first declaring thread's initial value. The checker's
 * decoding and the emitter's Init both take it from here.
 */
import type { Expr, SpecModel } from './ir.js';

export function initialValueOf(spec: SpecModel, threadName: string, local: string): Expr {
  const own = spec.threads.find((t) => t.name === threadName)?.locals.find((l) => l.name === local);
  if (own) return own.init;
  for (const t of spec.threads) {
    const l = t.locals.find((x) => x.name === local);
    if (l) return l.init;
  }
  throw new Error(`no thread declares the local ${local}`);
}

/** Every local name in the spec, in declaration order, with its type. */
export function localNames(spec: SpecModel): { name: string; type: import('./ir.js').ValueType }[] {
  const out: { name: string; type: import('./ir.js').ValueType }[] = [];
  for (const t of spec.threads) for (const l of t.locals) if (!out.some((o) => o.name === l.name)) out.push({ name: l.name, type: l.type });
  return out;
}
