/**
 * DaxVocabulary.tla, generated from the operation table
 * (src/model/operations.ts): each row's TLA+ definition, after the
 * definitions it needs, in table order.
 */
import { OPERATIONS, OP_DEFINITIONS, SUPPORT_DEFINITIONS, type TlaDefinition } from '../model/operations.js';

const HEADER = [
  '--------------------------- MODULE DaxVocabulary ---------------------------',
  '(***************************************************************************)',
  '(* The XArray / wait-queue vocabulary of daxspec models, in TLA+.          *)',
  '(* Generated from src/model/operations.ts (npm run emit), whose rows also  *)',
  "(* give the interpreter's reading of each operation; the tests hold the    *)",
  '(* two to the same hand-worked cases.                                      *)',
  '(*                                                                         *)',
  '(* An XArray is a function from indices to entries or Null; a multi-index  *)',
  '(* entry of order k appears at every index of its aligned 2^k range. An    *)',
  '(* entry is a record [order, locked, empty, zero, page, pfn]. The wait     *)',
  '(* table is a function from hash buckets to FIFO sequences of waiters      *)',
  '(* [thread, key, exclusive].                                               *)',
  '(***************************************************************************)',
  'EXTENDS Integers, Sequences, TLC',
  '',
  'CONSTANTS',
  '    Null,       \\* no entry / no thread (a model value)',
  '    NrBuckets   \\* hashed wait-queue heads; 1 = every key collides',
  '',
];

const FOOTER = '=============================================================================';

/** Every definition, keyed by each operator it defines. */
function definitionsByOperator(): Map<string, TlaDefinition> {
  const out = new Map<string, TlaDefinition>();
  for (const d of [...SUPPORT_DEFINITIONS, ...Object.values(OP_DEFINITIONS)]) for (const name of d.defines) out.set(name, d);
  return out;
}

/** The definitions in the order the module lists them: each after what it needs. */
export function orderedDefinitions(): TlaDefinition[] {
  const byName = definitionsByOperator();
  const done = new Set<TlaDefinition>();
  const out: TlaDefinition[] = [];
  const visit = (name: string): void => {
    const d = byName.get(name);
    if (d === undefined) throw new Error(`internal: no TLA+ definition of ${name}`);
    if (done.has(d)) return;
    done.add(d);
    for (const need of d.needs ?? []) visit(need);
    out.push(d);
  };
  for (const op of OPERATIONS) {
    if (op.operator !== null) visit(op.operator);
    if (op.moves !== undefined) visit(op.moves.operator);
  }
  // Not an operation: the emitter's rendering of `x!` (src/emit/expr.ts).
  visit('NonNull');
  return out;
}

/** The operators DaxVocabulary.tla defines (reserved in emitted modules). */
export function vocabularyOperators(): string[] {
  return orderedDefinitions().flatMap((d) => d.defines);
}

export function renderVocabularyModule(): string {
  const lines = [...HEADER];
  for (const d of orderedDefinitions()) lines.push(...d.comment.map((c) => `\\* ${c}`), ...d.text, '');
  lines.push(FOOTER, '');
  return lines.join('\n');
}
