/**
 * The names a spec declares become TLA+ names in one module: variables
 * (globals, locals), constants (parameters), operators (helpers, threads,
 * invariants, one action per step). Each must be a TLA+ identifier that the
 * emitted module does not define already (src/emit/names.ts keeps the one
 * table of reserved names), and names of different kinds must differ. A
 * collision is a parse error at the declaration, so that emit never writes a
 * module TLC rejects or reads differently.
 */
import { SpecError } from '../model/errors.js';
import type { SourceLoc } from '../model/ir.js';
import { actionName, reservedTlaName } from '../emit/names.js';

export type DeclKind = 'shared variable' | 'local' | 'parameter' | 'helper' | 'thread' | 'invariant' | 'final-state property' | 'step action';

/** Kinds whose name may be declared again (by another thread kind): one TLA+ variable or constant for all. */
const SHARED_KINDS: readonly DeclKind[] = ['local', 'parameter'];

export class TlaNameTable {
  private readonly declared = new Map<string, { kind: DeclKind; loc: SourceLoc }>();

  declare(name: string, kind: DeclKind, loc: SourceLoc): void {
    const reserved = reservedTlaName(name);
    if (reserved !== null) {
      throw new SpecError('DSX004', `the ${kind} name '${name}' ${reserved}`, loc, `rename it, e.g. ${suggestion(name)}`);
    }
    const before = this.declared.get(name);
    if (before !== undefined && !(before.kind === kind && SHARED_KINDS.includes(kind))) {
      throw new SpecError('DSX004', `'${name}' names both ${article(before.kind)} ${before.kind} (${before.loc.file}:${before.loc.line}:${before.loc.col}) and ${article(kind)} ${kind}: in TLA+ both are one name`, loc, `rename one of them, e.g. ${suggestion(name)}`);
    }
    if (before === undefined) this.declared.set(name, { kind, loc });
  }

  /** A step: its label is a TLA+ action name's suffix (`<thread>_<label>`). */
  declareStep(thread: string, label: string, loc: SourceLoc): void {
    if (!/^[A-Za-z0-9_]+$/.test(label)) {
      throw new SpecError('DSX004', `the step label '${label}' is not a TLA+ identifier (it names the action ${thread}_<label>)`, loc, `use letters, digits and _: '${label.replace(/[^A-Za-z0-9_]/g, '_')}'`);
    }
    this.declare(actionName(thread, label), 'step action', loc);
  }
}

function article(kind: DeclKind): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

function suggestion(name: string): string {
  const base = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /[A-Za-z]/.test(base) ? `${base}_v` : `v_${base}`;
}
