/**
 * What a piece of spec code can name while it is lowered: the kernel and
 * thread parameters, the temporaries in scope, the thread's params and
 * locals, the spec's globals and helpers.
 */
import type { FunctionDeclaration } from 'ts-morph';
import type { Expr, HelperFn, SourceLoc, ValueType } from '../model/ir.js';

export interface HelperInfo {
  name: string;
  decl: FunctionDeclaration;
  /** Index of the Kernel parameter, or -1. */
  kernelParam: number;
  /** Set when the helper is pure (a TLA+ operator); null for an inlined macro. */
  pure: HelperFn | null;
}

export interface SpecContext {
  file: string;
  variants: readonly string[];
  globals: ReadonlyMap<string, ValueType>;
  helpers: ReadonlyMap<string, HelperInfo>;
  /** Names of BUG_ON sites seen so far, to keep them unique. */
  bugSites: Set<string>;
}

export interface ThreadContext {
  name: string;
  params: ReadonlySet<string>;
  locals: ReadonlyMap<string, ValueType>;
  labels: readonly string[];
  /** `return k.schedule('label')`: the label woken threads go on at → the sleep step made for it. */
  sleepSteps: ReadonlyMap<string, string>;
}

export interface Scope {
  spec: SpecContext;
  /** The thread whose step is being lowered; null inside pure helpers. */
  thread: ThreadContext | null;
  /** Name of the `k: Kernel` parameter in the function being lowered. */
  kName: string | null;
  /** Name of the thread view parameter (`t`) — only in a step's own body. */
  tName: string | null;
  /**
   * Source name → what it stands for: a temp (`const`, or a helper parameter
   * bound by a LET), or — for a macro parameter whose argument cannot change
   * (a constant, a thread parameter, another const) — that argument itself.
   */
  temps: ReadonlyMap<string, Expr>;
  /** Every temp name bound on this path so far, visible or not (TLA+ forbids shadowing in nested LETs). */
  taken: ReadonlySet<string>;
  /** The step or helper being lowered, for messages and BUG_ON site names. */
  where: string;
  /** True while lowering a pure helper: no state may be read or written. */
  pure: boolean;
}

/** A new scope binding `source` to a fresh IR temp name. */
export function bindTemp(scope: Scope, source: string): { scope: Scope; name: string } {
  let name = source;
  for (let i = 2; scope.taken.has(name); i++) name = `${source}_${i}`;
  const temps = new Map(scope.temps);
  temps.set(source, { kind: 'temp', name, loc: { file: '', line: 0, col: 0 } });
  return { scope: { ...scope, temps, taken: new Set([...scope.taken, name]) }, name };
}

/** Expressions whose value no statement of a step can change. */
export function isImmutable(e: Expr): boolean {
  return ['temp', 'param', 'self', 'int', 'bool', 'null', 'conflict', 'const', 'wakeMode', 'mark', 'variantIs'].includes(e.kind);
}

/** A new scope in which `source` stands for the (immutable) expression `value`. */
export function bindAlias(scope: Scope, source: string, value: Expr): Scope {
  const temps = new Map(scope.temps);
  temps.set(source, value);
  return { ...scope, temps };
}

export type LocOf = (node: import('ts-morph').Node) => SourceLoc;
