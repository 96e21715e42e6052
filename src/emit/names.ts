/**
 * TLA+ names for the things a spec names. TLA+ forbids redefining a name in
 * scope, so step temporaries and helper parameters that collide with a
 * variable, constant or operator of the module get a trailing underscore.
 */
import type { SpecModel } from '../model/ir.js';
import { localNames } from '../model/init.js';
import { vocabularyOperators } from './vocabulary-module.js';

/** Names the vocabulary module and the standard modules define. */
const LIBRARY_NAMES = [
  'Null', 'NrBuckets', ...vocabularyOperators(),
  'Nat', 'Int', 'Seq', 'Len', 'Head', 'Tail', 'Append', 'SubSeq', 'SelectSeq', 'Cardinality',
  // The TLC module (DaxVocabulary extends it for Assert).
  'Print', 'PrintT', 'Assert', 'JavaTime', 'TLCGet', 'TLCSet', 'Permutations', 'SortSeq', 'RandomElement', 'Any', 'ToString', 'TLCEval',
  'self', 'vars', 'Init', 'Next', 'Spec', 'Threads', 'ThreadKind', 'ThreadName', 'Variant', 'PMD_ORDER',
  'PG_PMD_COLOUR', 'NrIndices', 'XA_RETRY_ENTRY', 'Terminating', 'Sleeping', 'NoLostWakeup', 'Termination', 'NoBUG',
  'pc', 'xa', 'marks', 'waitq', 'bug', 'EntryValues', 'TypeOK', 'Alias', 'InitialXa', 'InitialMarks', 'InitialGlobals',
];

/**
 * Fields the ALIAS adds to each state TLC prints, beside the variables
 * (readers' views; a trace replay ignores them).
 */
export const ALIAS_EXTRA_FIELDS: readonly string[] = ['threads'];

const TLA_KEYWORDS = new Set([
  'ASSUME', 'ASSUMPTION', 'AXIOM', 'CASE', 'CHOOSE', 'CONSTANT', 'CONSTANTS', 'DOMAIN', 'ELSE', 'ENABLED', 'EXCEPT',
  'EXTENDS', 'IF', 'IN', 'INSTANCE', 'LET', 'LOCAL', 'MODULE', 'OTHER', 'SF_', 'SUBSET', 'THEN', 'THEOREM', 'UNCHANGED',
  'UNION', 'VARIABLE', 'VARIABLES', 'WF_', 'WITH', 'TRUE', 'FALSE', 'BOOLEAN', 'STRING', 'LAMBDA', 'RECURSIVE',
  'ACTION', 'BY', 'COROLLARY', 'DEF', 'DEFINE', 'DEFS', 'HAVE', 'HIDE', 'LEMMA', 'NEW', 'OBVIOUS', 'OMITTED', 'ONLY',
  'PICK', 'PROOF', 'PROPOSITION', 'PROVE', 'QED', 'STATE', 'SUFFICES', 'TAKE', 'TEMPORAL', 'USE', 'WITNESS',
]);

/** Variables the emitted module binds itself (`\A t \in Threads`, `[i \in ...]`, `[b \in ...]`, `\E self \in ...`). */
const BOUND_NAMES = ['t', 'i', 'b', 'self'];

/** Modules a spec's module sits beside (EXTENDS, or written next to it by emit). */
const MODULE_NAMES = [
  'Naturals', 'Integers', 'Reals', 'Sequences', 'FiniteSets', 'Bags', 'TLC', 'TLCExt', 'RealTime', 'Json', 'Randomization',
  'Toolbox', 'IOUtils', 'CSV', 'Functions', 'SequencesExt', 'FiniteSetsExt', 'Folds', 'DaxVocabulary',
];

/**
 * Why `name` cannot be a spec's global, local, parameter, helper, thread,
 * invariant or step label in TLA+ (it is a keyword, a name the emitted or
 * standard modules define, or not an identifier), or null when it can.
 * The one table of reserved names: the parser rejects what it lists, the
 * emitter relies on it.
 */
export function reservedTlaName(name: string): string | null {
  if (!/^[A-Za-z0-9_]+$/.test(name) || !/[A-Za-z]/.test(name)) return 'is not a TLA+ identifier (letters, digits and _, with a letter)';
  if (TLA_KEYWORDS.has(name)) return 'is a TLA+ keyword';
  if (LIBRARY_NAMES.includes(name)) return 'is defined by the emitted module, DaxVocabulary or a standard module';
  if (BOUND_NAMES.includes(name)) return 'is a variable the emitted module binds';
  if (/_threads$|^const_/.test(name)) return 'has the form of a name the emitter generates (<thread>_threads, const_<param>)';
  return null;
}

/** Why `name` cannot be a spec's module name, or null. */
export function reservedModuleName(name: string): string | null {
  if (MODULE_NAMES.includes(name)) return 'is a standard module or the vocabulary module (emit would overwrite or shadow it)';
  if (name.startsWith('MC_')) return 'has the prefix of the generated per-model modules (MC_)';
  return reservedTlaName(name);
}

export class TlaNames {
  private readonly reserved: Set<string>;

  constructor(spec: SpecModel) {
    this.reserved = new Set([
      ...LIBRARY_NAMES,
      ...TLA_KEYWORDS,
      ...localNames(spec).map((l) => l.name),
      ...spec.globals.map((g) => g.name),
      ...spec.helpers.map((h) => h.name),
      ...spec.invariants.map((i) => i.name),
      ...spec.threads.flatMap((t) => [t.name, ...t.params.map((p) => p.name), ...t.steps.map((s) => actionName(t.name, s.label))]),
      ...spec.threads.map((t) => threadSetName(t.name)),
    ]);
  }

  /** A temporary or parameter name that does not clash with a module-level name. */
  local(name: string): string {
    let out = name;
    while (this.reserved.has(out)) out = `${out}_`;
    return out;
  }
}

export function actionName(thread: string, label: string): string {
  return `${thread}_${label}`;
}

export function threadSetName(thread: string): string {
  return `${thread}_threads`;
}

/** A model name as a TLA+ module-name suffix: buggy-6 → buggy_6. */
export function modelModuleName(spec: string, model: string): string {
  return `MC_${spec}_${model.replace(/[^A-Za-z0-9_]/g, '_')}`;
}
