/**
 * What a spec author imports: the shape of a daxspec model and the XArray /
 * wait-queue vocabulary its steps call. A spec file is type-checked against
 * these declarations and read by src/parse; it is never executed, so the
 * vocabulary here is declarations only — its meaning lives in the rows of
 * src/model/operations.ts (interpreter and TLA+); test/model/operations.test.ts
 * checks these declarations against that table.
 */

/** A page offset in the file (an XArray index). */
export type Index = number;
/** A wait-queue key: the entry_start of `struct exceptional_entry_key` (one mapping). */
export type Key = number;
/** A thread of the model: 1 .. number of threads. */
export type ThreadId = number;

/** A DAX value entry: its order (0 = PTE, PMD_ORDER = PMD) and flag bits. */
export interface Entry {
  readonly order: number;
  readonly locked: boolean;
  readonly empty: boolean;
  readonly zero: boolean;
  /**
   * A page-cache page (struct page / folio) in the slot instead of a DAX
   * value entry: xa_is_value() is false; `locked` is the page's PG_locked,
   * not the DAX entry lock. A hole page of the radix-tree era, say.
   */
  readonly page: boolean;
  /** The entry's identity (its pfn, or a generation): lets a model see that an entry changed while a thread slept. */
  readonly pfn: number;
}

/** What an XArray slot holds: an entry or nothing. */
export type Slot = Entry | null;

declare const conflictBrand: unique symbol;
/** get_unlocked_entry()'s "conflict" answer in v5.2 (XA_RETRY_ENTRY): the found entry is smaller than wanted. */
export interface Conflict {
  readonly [conflictBrand]: true;
}
export declare const XA_RETRY_ENTRY: Conflict;

declare const xasBrand: unique symbol;
/**
 * struct xa_state: where a lookup or a walk stands (index, order, and the
 * slot a walk is on). Keep one in a thread local, `xas: null as XaState | null`,
 * set it with `t.xas = k.XA_STATE(index, order)`, and pass `t.xas` to the
 * xas_* operations, which move it as the kernel's do.
 */
export interface XaState {
  readonly [xasBrand]: true;
  /** xas->xa_index. */
  readonly xa_index: number;
}

/** How many exclusive waiters a wake-up wakes: one (WAKE_NEXT, nr_exclusive = 1) or all (WAKE_ALL, nr_exclusive = 0). */
export type WakeMode = 'next' | 'all';
export declare const WAKE_NEXT: 'next';
export declare const WAKE_ALL: 'all';

/**
 * An XArray mark: PAGECACHE_TAG_DIRTY (a write fault dirtied the entry) or
 * PAGECACHE_TAG_TOWRITE (writeback is to write it). Marks belong to the slot,
 * not to the entry value: a store over an entry keeps them, storing null
 * (erase) drops them.
 */
export type Mark = 'DIRTY' | 'TOWRITE';
export declare const DIRTY: 'DIRTY';
export declare const TOWRITE: 'TOWRITE';

/** The label a thread reaches when its code has returned. */
export declare const DONE: 'Done';

/** Fields a new entry is made from; omitted flags are false, an omitted pfn is 0. */
export interface EntryInit {
  order: number;
  locked?: boolean;
  empty?: boolean;
  zero?: boolean;
  page?: boolean;
  pfn?: number;
}

/**
 * The shared state and the kernel primitives a step may use. `V` is the
 * spec's variant names, `G` its extra shared variables (read and written as
 * `k.name`).
 */
export type Kernel<V extends string = string, G extends object = {}> = G & {
  /** The code variant this model runs (e.g. 'buggy'). */
  readonly variant: V;
  /** Order of a PMD entry in this model (2^PMD_ORDER indices). */
  readonly PMD_ORDER: number;
  /** PG_PMD_COLOUR: 2^PMD_ORDER - 1. */
  readonly PG_PMD_COLOUR: number;
  /** xas_find_conflict(): the first present entry in the range of `order` containing `index`; does not move the index. */
  findConflict(index: Index, order: number): Slot;
  /** xas_load(): the entry covering `index`, or null. */
  load(index: Index): Slot;
  /** xas_store(): store `entry` over its whole aligned range containing `index`. */
  store(index: Index, entry: Entry): void;
  /** xas_store(xas, NULL): erase the entry covering `index`, over its whole range. */
  erase(index: Index): void;
  /** `index & ~(2^order - 1)`. */
  alignDown(index: Index, order: number): Index;
  /** prepare_to_wait() on `key`'s hashed queue: a non-exclusive waiter. */
  prepareToWait(key: Key): void;
  /** prepare_to_wait_exclusive() on `key`'s hashed queue. */
  prepareToWaitExclusive(key: Key): void;
  /** __wake_up() on `key`'s hashed queue with the key filter of wake_exceptional_entry_func(). */
  wakeUp(key: Key, mode: WakeMode): void;
  /** The same walk without the key filter: wakes waiters of every key on that hashed queue (a mutant). */
  wakeUpAnyKey(key: Key, mode: WakeMode): void;
  /** Is the thread on a wait queue (asleep, not yet woken)? */
  isWaiting(who: ThreadId): boolean;
  /** Block: the step can run only in a state where `cond` holds. */
  await(cond: boolean): void;
  /** BUG_ON(): a kernel assertion; when `cond` holds the model records a BUG at this step. */
  BUG_ON(cond: boolean): void;
  /** dax_make_entry(): a new entry value. */
  makeEntry(init: EntryInit): Entry;
  /** XA_STATE_ORDER(): a fresh xa_state at `index`, aligned down to `order`. */
  XA_STATE(index: Index, order: number): XaState;
  /** xas->xa_index (also written `xas.xa_index`). */
  xa_index(xas: XaState | null): Index;
  /** xas_load(): the entry at the xa_state; a walked state reloads the slot it stands on. Moves the state onto that slot. */
  xas_load(xas: XaState | null): Slot;
  /** xas_find_conflict(): fresh, the first entry of the state's aligned range; walked, only the slots after the current one in that range (none for order 0). */
  xas_find_conflict(xas: XaState | null): Slot;
  /** xas_set(): point the state at `index` and restart it. */
  xas_set(xas: XaState | null, index: Index): void;
  /** xas_reset(): restart the state at its index. */
  xas_reset(xas: XaState | null): void;
  /** xas_pause(): a walked state moves past the entry it stands on and restarts (before dropping the lock in a walk). */
  xas_pause(xas: XaState | null): void;
  /** xas_store() through the state: `entry`, or null to erase, at the slot it stands on. */
  xas_store(xas: XaState | null, entry: Entry | null): void;
  /** xas_retry(): true for XA_RETRY_ENTRY, and the walk restarts. */
  xas_retry(xas: XaState | null, entry: Slot | Conflict): boolean;
  /** xas_find(): the first step of `xas_for_each(&xas, entry, max)`: the entry at or after the index, up to `max`. */
  xas_find(xas: XaState | null, max: Index): Slot;
  /** xas_next_entry(): the next step of `xas_for_each`: the next entry after the one the walk stands on (after a pause: at the index), up to `max`. */
  xas_next_entry(xas: XaState | null, max: Index): Slot;
  /** xas_find_marked(): the first step of `xas_for_each_marked(&xas, entry, max, mark)`: like xas_find(), over the entries that have `mark`. */
  xas_find_marked(xas: XaState | null, max: Index, mark: Mark): Slot;
  /** xas_next_marked(): the next step of `xas_for_each_marked`: the next entry with `mark` after the one the walk stands on (after a pause: at the index), up to `max`. */
  xas_next_marked(xas: XaState | null, max: Index, mark: Mark): Slot;
  /**
   * schedule(): `return k.schedule('grab_mapping_entry')` ends the step asleep
   * (after prepareToWait or prepareToWaitExclusive); once woken the thread goes
   * on at that label. The same as a step of its own that awaits
   * `!k.isWaiting(t.self)` and returns the label.
   */
  schedule(label: string): string;
  /** xa_get_mark(): does the entry covering `index` have `mark`? No xa_state needed: invariants may ask it. */
  xa_get_mark(index: number, mark: Mark): boolean;
  /** xas_get_mark(): does the entry the state stands on have `mark`? False on a state that has not walked (fresh, reset, paused). */
  xas_get_mark(xas: XaState | null, mark: Mark): boolean;
  /** xas_set_mark(): give the entry the state stands on `mark`; nothing on an empty slot or a state that has not walked. */
  xas_set_mark(xas: XaState | null, mark: Mark): void;
  /** xas_clear_mark(): take `mark` off the entry the state stands on; nothing on a state that has not walked. */
  xas_clear_mark(xas: XaState | null, mark: Mark): void;
  /** tag_pages_for_writeback(mapping, start, end): every DIRTY entry in start..end also gets TOWRITE (one hold of the lock). */
  tag_pages_for_writeback(start: Index, end: Index): void;
};

/** The per-thread view in a step: its id, its parameters (read-only) and its locals. */
export type ThreadView<P, L> = { readonly self: ThreadId } & { readonly [N in keyof P]: P[N] } & L;

/**
 * One atomic step: what runs under one hold of the xa_lock, or one sleep.
 * It returns the label to run next; returning nothing goes on with the next
 * step in the list, and DONE ends the thread.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Step<P, L> = (k: any, t: ThreadView<P, L>) => string | void;

export interface ThreadDecl<P extends object, L extends object> {
  /** Fixed per instance, e.g. the faulting index or a flag (`sync: false`): whole numbers and booleans. */
  params: P;
  /** Per-thread variables with their initial values. */
  locals: L;
  /** Labelled steps, in program order. */
  steps: Record<string, Step<P, L>>;
}

/** A thread kind in a model configuration: which code path, with which parameters. */
export interface ThreadInstance {
  readonly thread: string;
  readonly params: Record<string, number | boolean>;
}

export type ThreadKind<P extends object, L extends object> = ThreadDecl<P, L> & ((params: Partial<P>) => ThreadInstance);

/** Declares a kernel code path that models instantiate as threads. */
export declare function thread<P extends object, L extends object>(decl: ThreadDecl<P, L>): ThreadKind<P, L>;

/** The properties a model's verdict is about. */
export type PropertyName = 'NoLostWakeup' | 'Termination' | 'Deadlock' | 'BUG_ON' | (string & {});

/** Where a model runs: which threads, how many indices, and the verdict it must get. */
interface SettingDecl {
  /** XArray indices 0 .. indices-1. */
  indices: number;
  /** Order of a PMD entry; default 1 (2 indices). */
  PMD_ORDER?: number;
  /** Hashed wait-queue heads; 1 = every key collides. Default 1. */
  buckets?: number;
  threads: ThreadInstance[];
  /** Report states with no step enabled that are not terminal (TLC's deadlock check). Default false. */
  deadlock?: boolean;
  /** Also check that every thread eventually ends. Default true. */
  termination?: boolean;
  /** Why this model exists, for readers of the output. */
  doc?: string;
  /** The state the model starts from, where it differs from an empty XArray and the globals' declared values. */
  initial?: InitialStateDecl;
}

/** An entry in the XArray at the start: `index` is the first of its aligned 2^order indices. */
export interface InitialEntryDecl extends Omit<EntryInit, 'order'> {
  index: Index;
  /** Default 0 (a PTE). */
  order?: number;
  /** Marks of the entry (a spec whose steps use marks). */
  marks?: readonly Mark[];
}

/**
 * A model's initial state. A `locked: true` entry is held from the start by
 * the thread that will unlock it (entry locks have no owner): give the model
 * a thread whose first step is the holder's unlock.
 */
export interface InitialStateDecl {
  xa?: readonly InitialEntryDecl[];
  /** Initial values of the spec's globals in this model: a number, a boolean, a thread (1..) or null. */
  globals?: Record<string, number | boolean | null>;
}

/** A verdict a model must get: 'holds' or the property that must be violated. */
export type Expectation = 'holds' | { violates: PropertyName };

/** One model: a setting checked under one variant. */
export interface ModelDecl<V extends string = string> extends SettingDecl {
  name: string;
  variant: V;
  /** Expected verdict; default 'holds'. */
  expect?: Expectation;
}

/**
 * A setting checked under every variant (or those listed in `variants`): one
 * model per variant, named `<variant>-<name>` (`<variant>` when unnamed).
 */
export interface ConfigurationDecl<V extends string = string> extends SettingDecl {
  name?: string;
  /** The variants to check it under; default all. */
  variants?: readonly V[];
  /** The verdict per variant; a variant not named must hold. */
  expect?: { readonly [N in V]?: Expectation };
}

export interface SpecDecl<V extends string = string> {
  /** The TLA+ module name. */
  name: string;
  variants: readonly V[];
  /** Extra shared variables with their initial values. */
  globals?: Record<string, number | boolean | null>;
  threads: Record<string, ThreadKind<any, any>>;
  /** State invariants: named predicates over the shared state. */
  invariants?: Record<string, (k: any) => boolean>;
  /** Final-state properties: named predicates over the shared state where every thread has returned. */
  finally?: Record<string, (k: any) => boolean>;
  /** Settings, each checked under every variant. */
  configurations?: ConfigurationDecl<V>[];
  /** Models declared one by one, each under one variant. */
  models?: ModelDecl<V>[];
}

/** The spec's single default export. */
export declare function defineSpec<V extends string>(spec: SpecDecl<V>): SpecDecl<V>;
