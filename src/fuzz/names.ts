/**
 * Names the generator draws from: kernel-flavoured ones, and — with a
 * tunable probability — words that mean something in TLA+ or in the
 * generated modules (keywords, standard-module and vocabulary operators,
 * generated definitions), so that a name clash in the emitter is found.
 */
import type { Random } from './random.js';

export type NameKind = 'spec' | 'global' | 'local' | 'param' | 'helper' | 'thread' | 'label' | 'temp' | 'invariant' | 'model' | 'variant';

const PLAIN: Record<NameKind, readonly string[]> = {
  spec: ['FuzzSpec', 'DaxFuzz', 'EntryLocking', 'WakeModel'],
  global: ['xa_lock', 'gen', 'busy', 'nr_wake', 'holder', 'flag', 'counter', 'cached', 'owner', 'ready'],
  local: ['entry', 'slot', 'count', 'retry', 'idx', 'seen', 'old', 'nr', 'pos', 'want', 'owner', 'flag'],
  param: ['index', 'other', 'who', 'pos', 'start'],
  helper: ['dax_entry_waitqueue', 'entry_key', 'is_locked', 'lock_entry', 'unlock_entry', 'wake_waiters', 'pick_index', 'grab', 'put_entry', 'mode_for', 'next_gen'],
  thread: ['pte_fault', 'pmd_fault', 'truncate', 'writeback', 'invalidate', 'memory_failure', 'downgrade'],
  label: ['grab_mapping_entry', 'schedule', 'dax_unlock_entry', 'retry', 'insert', 'sleep', 'wake', 'finish', 'lookup', 'relock'],
  temp: ['e', 'old', 'key', 'idx2', 'ok', 'want2', 'found', 'cur', 'v'],
  invariant: ['OneOwner', 'EntryShape', 'Bounded', 'Consistent'],
  model: ['m', 'small', 'two', 'race'],
  variant: ['buggy', 'fixed', 'v1', 'alt'],
};

/** Words of TLA+, of its standard modules, of DaxVocabulary and of the generated modules. */
const TLA_WORDS = [
  'LET', 'IN', 'THEN', 'ELSE', 'IF', 'CASE', 'OTHER', 'EXCEPT', 'CHOOSE', 'ENABLED', 'UNCHANGED', 'SUBSET', 'UNION', 'DOMAIN',
  'LOCAL', 'INSTANCE', 'MODULE', 'VARIABLE', 'VARIABLES', 'CONSTANT', 'CONSTANTS', 'ASSUME', 'THEOREM', 'WITH', 'BOOLEAN',
  'STRING', 'TRUE', 'FALSE', 'Nat', 'Int', 'Seq', 'Len', 'Head', 'Tail', 'Append', 'SubSeq', 'SelectSeq', 'Cardinality',
  'Init', 'Next', 'Spec', 'vars', 'Threads', 'Null', 'NrIndices', 'NrBuckets', 'Variant', 'Termination', 'NoLostWakeup',
  'NoBUG', 'StoreEntry', 'FindConflict', 'ThreadKind', 'ThreadName', 'pc', 'xa', 'waitq', 'bug', 'i', 'b',
];
/** Extra clashes that only make sense for some kinds of name. */
const EXTRA: Partial<Record<NameKind, readonly string[]>> = {
  spec: ['Integers', 'Naturals', 'Sequences', 'FiniteSets', 'TLC', 'DaxVocabulary'],
  label: ['grab-entry', 'wait-for-it', 'self'],
  global: ['self', 't'],
  local: ['t', 'k'],
};
/** Names TypeScript or the spec file itself gives a meaning to in that position. */
const FORBIDDEN: Partial<Record<NameKind, readonly string[]>> = {
  global: ['variant', 'PMD_ORDER', 'PG_PMD_COLOUR', 'findConflict', 'load', 'store', 'erase', 'alignDown', 'prepareToWait', 'prepareToWaitExclusive', 'wakeUp', 'wakeUpAnyKey', 'isWaiting', 'await', 'BUG_ON', 'makeEntry', 'schedule'],
  local: ['self'],
  param: ['self', 'k', 't'],
};
/** Top-level names taken by the file's imports and its `K` type. */
export const TOP_LEVEL_TAKEN = ['defineSpec', 'thread', 'DONE', 'WAKE_NEXT', 'WAKE_ALL', 'Entry', 'Kernel', 'Slot', 'ThreadId', 'WakeMode', 'K', 'k', 't', 'XA_RETRY_ENTRY'];

/** Kinds whose names are TLA+ identifiers (operators, variables, constants, module names); labels, variants and models are strings. */
const IDENTIFIER_KINDS = new Set<NameKind>(['spec', 'global', 'local', 'param', 'helper', 'thread', 'temp', 'invariant']);

/**
 * Draws the names of one spec. With probability `collide` a name clashes on
 * purpose: a TLA+ word, or a name the spec already uses for something else
 * (a global and a local, a parameter of one thread and a local of another);
 * otherwise every identifier of the spec is distinct.
 */
export class NamePool {
  /** Identifiers used so far in this spec, by kind. */
  private readonly used = new Map<string, NameKind>();
  /** Names drawn to clash on purpose: the parser may refuse the spec for one of them (and must say which). */
  readonly clashes = new Set<string>();

  constructor(private readonly rnd: Random, private readonly collide: number) {}

  /** Whether this draw may clash (so callers can plant clashes of their own, e.g. a thread's name as its local). */
  clash(): boolean {
    return this.collide > 0 && this.rnd.chance(this.collide);
  }

  /** A fresh name of `kind`, not in `taken`. */
  draw(kind: NameKind, taken: Iterable<string>): string {
    const local = new Set(taken);
    const forbidden = new Set(FORBIDDEN[kind] ?? []);
    if (kind === 'helper' || kind === 'thread' || kind === 'temp' || kind === 'param') for (const n of TOP_LEVEL_TAKEN) forbidden.add(n);
    const identifier = IDENTIFIER_KINDS.has(kind);
    const ok = (n: string): boolean => !local.has(n) && !forbidden.has(n) && (!identifier || /^[A-Za-z_]\w*$/.test(n));
    let candidates: string[];
    const clashing = this.clash();
    if (clashing) {
      // Other kinds' names: a temp or a helper named like a top-level thing would change what TypeScript sees, so not those.
      const reuse = identifier && kind !== 'temp' && kind !== 'helper' && kind !== 'thread'
        ? [...this.used].filter(([n, k]) => k !== kind && k !== 'helper' && k !== 'thread' && k !== 'temp').map(([n]) => n)
        : [];
      candidates = [...TLA_WORDS, ...(EXTRA[kind] ?? []), ...reuse].filter((n) => ok(n) && n !== 'Done');
    } else {
      candidates = PLAIN[kind].filter((n) => ok(n) && !(identifier && this.used.has(n)));
    }
    const base = candidates.length > 0 ? this.rnd.pick(candidates) : this.rnd.pick(PLAIN[kind]);
    let name = base;
    const taken2 = (n: string): boolean => local.has(n) || forbidden.has(n) || (identifier && candidates.length === 0 && this.used.has(n));
    for (let i = 2; taken2(name); i++) name = `${base}${kind === 'label' ? '_' : ''}${i}`;
    if (identifier && !this.used.has(name)) this.used.set(name, kind);
    if (clashing && candidates.length > 0 && name === base) this.clashes.add(name);
    return name;
  }

  /** Records a clash a caller planted itself (e.g. a thread's name as one of its locals). */
  planted(name: string): string {
    this.clashes.add(name);
    return name;
  }
}
