/**
 * Initial values of thread locals. TLA+ has one variable per local name over
 * all threads, so a thread whose code path does not declare a local still has
 * a value for it: the first declaring thread's initial value. The checker's
 * decoding and the emitter's Init both take it from here.
 */
import type { Expr, GlobalDef, ModelConfig, SpecModel } from './ir.js';

export function initialValueOf(spec: SpecModel, threadName: string, local: string): Expr {
  const own = spec.threads.find((t) => t.name === threadName)?.locals.find((l) => l.name === local);
  if (own) return own.init;
  for (const t of spec.threads) {
    const l = t.locals.find((x) => x.name === local);
    if (l) return l.init;
  }
  throw new Error(`no thread declares the local ${local}`);
}

/** A global's value when `model` starts: the model's own, or the spec's. */
export function initialGlobal(model: ModelConfig, g: GlobalDef): Expr {
  return model.initial?.globals[g.name] ?? g.init;
}

/**
 * What the models of a spec start from besides the spec's own initial state:
 * whether some model puts entries in the XArray, and the globals some model
 * gives its own value. The emitted module takes exactly these as constants.
 */
export function perModelInitial(spec: SpecModel): { xa: boolean; globals: GlobalDef[] } {
  return {
    xa: spec.models.some((m) => (m.initial?.xa.length ?? 0) > 0),
    globals: spec.globals.filter((g) => spec.models.some((m) => m.initial?.globals[g.name] !== undefined)),
  };
}

/** Every local name in the spec, in declaration order, with its type. */
export function localNames(spec: SpecModel): { name: string; type: import('./ir.js').ValueType }[] {
  const out: { name: string; type: import('./ir.js').ValueType }[] = [];
  for (const t of spec.threads) for (const l of t.locals) if (!out.some((o) => o.name === l.name)) out.push({ name: l.name, type: l.type });
  return out;
}
