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
  'self', 'vars', 'Init', 'Next', 'Spec', 'Threads', 'ThreadKind', 'ThreadName', 'Variant', 'PMD_ORDER',
  'PG_PMD_COLOUR', 'NrIndices', 'XA_RETRY_ENTRY', 'Terminating', 'Sleeping', 'NoLostWakeup', 'Termination', 'NoBUG',
  'pc', 'xa', 'waitq', 'bug', 'EntryValues', 'TypeOK', 'Alias',
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
]);

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
