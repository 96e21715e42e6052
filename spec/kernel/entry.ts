/**
 * Predicates on DAX entries shared by specs, imported by name. (Not in
 * spec/kernel/dax.ts because spec/dax-downgrade-writeback.ts, which imports
 * that module, still has its own copy; moving it there is a follow-up.)
 */
import type { Entry } from 'daxspec';

/** An entry with a block behind it: neither dax_is_empty_entry() nor dax_is_zero_entry(). */
export function dax_has_block(entry: Entry): boolean {
  return !entry.empty && !entry.zero;
}
