/**
 * The one representation of a spec. src/parse builds it from the spec source;
 * the checker (src/check) and the TLA+ emitter (src/emit) read it and nothing
 * else, so they cannot disagree about what an action means. Plain data,
 * serialisable to JSON.
 */

export interface SourceLoc {
  file: string;
  line: number;
  col: number;
}

export type EntryField = 'order' | 'locked' | 'empty' | 'zero' | 'page' | 'pfn';
export const ENTRY_FIELDS: readonly EntryField[] = ['order', 'locked', 'empty', 'zero', 'page', 'pfn'];

/** The value types of the model language. `slot` is Entry | null | XA_RETRY_ENTRY; `xas` an xa_state or null. */
export type ValueType = 'int' | 'bool' | 'slot' | 'thread' | 'xas';

export type BinaryOp = '+' | '-' | '*' | '%' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/** Model constants a step may read through `k`. */
export type ConstName = 'PMD_ORDER' | 'PG_PMD_COLOUR';

export type Expr = { loc: SourceLoc } & (
  | { kind: 'int'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'conflict' }
  | { kind: 'variantIs'; variant: string }
  | { kind: 'const'; name: ConstName }
  | { kind: 'self' }
  | { kind: 'param'; name: string }
  | { kind: 'local'; name: string }
  | { kind: 'global'; name: string }
  /** A step's `const`, or a helper's parameter. */
  | { kind: 'temp'; name: string }
  | { kind: 'not'; arg: Expr }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'cond'; test: Expr; then: Expr; else: Expr }
  | { kind: 'field'; entry: Expr; field: EntryField }
  | { kind: 'makeEntry'; fields: Record<EntryField, Expr> }
  | { kind: 'withFields'; entry: Expr; fields: Partial<Record<EntryField, Expr>> }
  /** A call of a pure helper function (a TLA+ operator). */
  | { kind: 'call'; fn: string; args: Expr[] }
  /**
   * A value-giving operation of the vocabulary: `op` names its row in
   * src/model/operations.ts. With `next`, the xa_state (its first argument)
   * after the operation, for a row that moves one.
   */
  | { kind: 'vocab'; op: string; args: Expr[]; next?: true }
  /** WAKE_NEXT (nr_exclusive 1) or WAKE_ALL (0), as a value that helpers can pass on. */
  | { kind: 'wakeMode'; mode: WakeMode }
  /** An XArray mark (PAGECACHE_TAG_DIRTY / _TOWRITE), an argument of the mark operations. */
  | { kind: 'mark'; mark: Mark }
  /** `e!`: the value, which must not be null. */
  | { kind: 'nonNull'; arg: Expr }
);

export type WakeMode = 'next' | 'all';
export type Mark = 'DIRTY' | 'TOWRITE';

/**
 * Statements after normalisation: every path through a step ends in exactly
 * one `goto` (helpers are inlined, early returns folded into if/else).
 */
export type Stmt = { loc: SourceLoc } & (
  | { kind: 'let'; name: string; value: Expr }
  | { kind: 'setLocal'; name: string; value: Expr }
  /**
   * `words`: what the assignment means in the kernel's words, from the
   * statement's trailing `// down_write(i_mmap_sem)` comment; counterexamples
   * print it instead of the encoding (`i_mmap_sem := -1`).
   */
  | { kind: 'setGlobal'; name: string; value: Expr; words?: string }
  | { kind: 'if'; test: Expr; then: Stmt[]; else: Stmt[] }
  | { kind: 'await'; cond: Expr }
  /** A statement of the vocabulary (store, erase, prepare-to-wait, wake-up, ...): `op` names its row in src/model/operations.ts. */
  | { kind: 'vocab'; op: string; args: Expr[] }
  | { kind: 'bugOn'; cond: Expr; site: string }
  | { kind: 'goto'; label: string }
);

/** A pure helper: becomes a TLA+ operator and an interpreter function. */
export interface HelperFn {
  name: string;
  doc: string;
  params: { name: string; type: ValueType }[];
  result: ValueType;
  body: Expr;
  loc: SourceLoc;
}

export interface StepDef {
  label: string;
  doc: string;
  body: Stmt[];
  loc: SourceLoc;
}

export interface LocalDef {
  name: string;
  type: ValueType;
  init: Expr;
}

/** A thread parameter's value: a whole number, or a flag (TLA+ TRUE/FALSE). */
export type ParamValue = number | boolean;

export interface ThreadDef {
  name: string;
  doc: string;
  /** `type` is that of the default: every instance passes a value of that type. */
  params: { name: string; type: 'int' | 'bool'; default: ParamValue }[];
  locals: LocalDef[];
  steps: StepDef[];
  loc: SourceLoc;
}

export interface GlobalDef {
  name: string;
  type: ValueType;
  init: Expr;
}

export interface InvariantDef {
  name: string;
  doc: string;
  /** 'always': in every state (`invariants`); 'final': where every thread is Done (`finally`). */
  when: 'always' | 'final';
  body: Expr;
  loc: SourceLoc;
}

export type Expectation = { kind: 'holds' } | { kind: 'violates'; property: string };

export interface ThreadInstanceDef {
  /** Display name, unique in the model, e.g. `pte_fault(1)`. */
  name: string;
  thread: string;
  params: Record<string, ParamValue>;
}

/** An entry in the XArray when a model starts (`initial: { xa: [...] }`). */
export interface InitialEntry {
  /** The first index of its aligned range of 2^order indices. */
  index: number;
  order: number;
  /** A locked entry is held by whichever thread of the model unlocks it: entry locks have no owner. */
  locked: boolean;
  empty: boolean;
  zero: boolean;
  page: boolean;
  pfn: number;
  marks: Mark[];
  loc: SourceLoc;
}

/** What a model changes in the state every model of its spec starts from (an empty XArray, the globals' declared values). */
export interface InitialState {
  xa: InitialEntry[];
  /** Global name → its value at the start, in place of the spec's. */
  globals: Record<string, Expr>;
}

export interface ModelConfig {
  name: string;
  doc: string;
  /**
   * The configuration this model checks under its variant: '' for the
   * spec's unnamed configuration; absent (or null) for a model declared on
   * its own (`models: [...]`).
   */
  configuration?: string | null;
  variant: string;
  indices: number;
  pmdOrder: number;
  buckets: number;
  threads: ThreadInstanceDef[];
  expect: Expectation;
  deadlock: boolean;
  termination: boolean;
  /** Absent: the spec's initial state. */
  initial?: InitialState;
  loc: SourceLoc;
}

export interface SpecModel {
  /** TLA+ module name. */
  name: string;
  doc: string;
  file: string;
  /** The library files the spec imports helpers and threads from (see src/parse/declarations.ts). */
  libraries?: string[];
  variants: string[];
  globals: GlobalDef[];
  helpers: HelperFn[];
  threads: ThreadDef[];
  invariants: InvariantDef[];
  models: ModelConfig[];
  /** Does any step use BUG_ON (so the state has a `bug` component)? */
  usesBugOn: boolean;
}

export const DONE_LABEL = 'Done';
