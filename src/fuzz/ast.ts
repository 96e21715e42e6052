/**
 * The fuzzer's own picture of a spec file: plain data, close to the
 * TypeScript it renders to, so that the shrinker can drop threads, steps and
 * statements or simplify expressions and render the smaller file again.
 */

/** Value types as the generator tracks them; `index` and `small` are ints known to stay in a range. */
export type FType = 'int' | 'small' | 'index' | 'order' | 'bool' | 'slot' | 'entry' | 'thread' | 'mode' | 'xas' | 'mark';

export type EntryFieldName = 'order' | 'locked' | 'empty' | 'zero' | 'page' | 'pfn';

export type FBinaryOp = '+' | '-' | '*' | '%' | '===' | '!==' | '<' | '<=' | '>' | '>=' | '&&' | '||';

export type FExpr = { type: FType } & (
  | { kind: 'int'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'mode'; mode: 'WAKE_NEXT' | 'WAKE_ALL' }
  | { kind: 'const'; name: 'PMD_ORDER' | 'PG_PMD_COLOUR' }
  | { kind: 'self' }
  /** t.name: a thread parameter or local. */
  | { kind: 'thread'; name: string }
  /** k.name: a shared variable. */
  | { kind: 'global'; name: string }
  /** A bare name: a step's const or a helper's parameter. */
  | { kind: 'temp'; name: string }
  | { kind: 'variant'; name: string; negated: boolean }
  | { kind: 'not'; arg: FExpr }
  | { kind: 'neg'; arg: FExpr }
  | { kind: 'binary'; op: FBinaryOp; left: FExpr; right: FExpr }
  | { kind: 'cond'; test: FExpr; then: FExpr; else: FExpr }
  | { kind: 'field'; entry: FExpr; field: EntryFieldName }
  | { kind: 'nonNull'; arg: FExpr }
  | { kind: 'makeEntry'; fields: [EntryFieldName, FExpr][] }
  | { kind: 'withFields'; entry: FExpr; fields: [EntryFieldName, FExpr][] }
  /** A pure helper call; `kernel` passes k first. */
  | { kind: 'call'; fn: string; kernel: boolean; args: FExpr[] }
  | { kind: 'findConflict'; index: FExpr; order: FExpr }
  | { kind: 'load'; index: FExpr }
  | { kind: 'alignDown'; index: FExpr; order: FExpr }
  | { kind: 'isWaiting'; who: FExpr }
  /** A row of the operation table (src/model/operations.ts) as `k.op(args)`: the xa_state family. */
  | { kind: 'op'; op: string; args: FExpr[] }
  | { kind: 'mark'; mark: 'DIRTY' | 'TOWRITE' }
  /** `(e as T)`: a literal that TypeScript must not narrow to its literal type. */
  | { kind: 'widen'; arg: FExpr }
  /** Parentheses the precedence does not need. */
  | { kind: 'paren'; arg: FExpr }
);

export type Effect = 'store' | 'erase' | 'wakeUp' | 'wakeUpAnyKey' | 'await' | 'BUG_ON';

/** Where a state-touching helper's result goes. */
export type MacroTarget = { kind: 'const'; name: string; type: FType } | { kind: 'local'; name: string } | { kind: 'global'; name: string };

export type FStmt =
  | { kind: 'const'; name: string; type: FType; value: FExpr }
  | { kind: 'setLocal'; name: string; value: FExpr }
  | { kind: 'setGlobal'; name: string; value: FExpr }
  | { kind: 'if'; test: FExpr; then: FStmt[]; else: FStmt[] | null }
  | { kind: 'effect'; effect: Effect; args: FExpr[] }
  /** prepareToWait(Exclusive)(key) and go to the step that sleeps: always together, so a thread never queues twice. */
  /** Sleep: return to the thread's sleep step `sleep`, or (`schedule`) `return k.schedule(sleep)`, going on at `sleep` once woken. */
  | { kind: 'wait'; exclusive: boolean; key: FExpr; sleep: string; schedule: boolean }
  /** In a step: go to `label` (null: the next step; 'DONE'); in a helper: return `value`. */
  | { kind: 'return'; label: string | null; value: FExpr | null }
  | { kind: 'macro'; fn: string; args: FExpr[]; target: MacroTarget | null }
  /** A statement or move row of the operation table: `k.op(args);`. */
  | { kind: 'op'; op: string; args: FExpr[] };

export interface FParam {
  name: string;
  type: FType;
}

export interface FHelper {
  name: string;
  /** Takes `k: K` first. */
  kernel: boolean;
  params: FParam[];
  /** null: returns nothing (void). */
  result: FType | null;
  /** A pure helper is only returns and ifs of returns; a macro may do anything but wait. */
  pure: boolean;
  body: FStmt[];
}

export interface FVar {
  name: string;
  type: FType;
  init: FExpr;
}

export interface FStep {
  label: string;
  body: FStmt[];
}

export interface FThread {
  name: string;
  params: { name: string; type: FType; default: number | boolean }[];
  locals: FVar[];
  steps: FStep[];
}

export interface FInstance {
  thread: string;
  params: [string, number | boolean][];
}

/** An entry the XArray holds in a model's first state. */
export interface FInitialEntry {
  index: number;
  order: number;
  locked: boolean;
  /** The entry's other flags that are set. */
  flags: ('empty' | 'zero' | 'page')[];
  pfn: number;
  marks: ('DIRTY' | 'TOWRITE')[];
}

export interface FModel {
  name: string;
  variant: string;
  indices: number;
  pmdOrder: number;
  buckets: number;
  deadlock: boolean | null;
  termination: boolean | null;
  expect: string | null;
  instances: FInstance[];
  /** The model's first state, when it is not the spec's (`initial`). */
  initial: { xa: FInitialEntry[]; globals: [string, number | boolean][] } | null;
}

export interface FSpec {
  seed: number;
  name: string;
  variants: string[];
  globals: FVar[];
  helpers: FHelper[];
  threads: FThread[];
  /** `final`: checked only where every thread has returned (the spec's `finally` block). */
  invariants: { name: string; body: FExpr; final: boolean }[];
  models: FModel[];
  /** Names drawn to clash with TLA+ words or with another kind of name (see names.ts). */
  clashes: string[];
}
