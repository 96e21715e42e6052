/** memory_failure() in the models: the page it handles. */

/** The pfn of the poisoned page memory_failure() handles: the models give that page's entry pfn 1. */
export function poisoned_pfn(): number {
  return 1;
}
