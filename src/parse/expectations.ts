/**
 * A model's `expect: { violates: P }` must name a property the checker can
 * report; a typo would otherwise be a model that "fails" forever.
 */
import { SpecError } from '../model/errors.js';
import type { SpecModel } from '../model/ir.js';

/** The properties a model of `spec` can be found to violate. */
export function propertyNames(spec: SpecModel): string[] {
  return ['NoLostWakeup', 'Termination', 'Deadlock', ...(spec.usesBugOn ? ['BUG_ON'] : []), ...spec.invariants.map((i) => i.name)];
}

function closest(word: string, candidates: string[]): string | null {
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let prev = d[0]!;
      d[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const here = d[j]!;
        d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
        prev = here;
      }
    }
    return d[b.length]!;
  };
  const best = candidates.map((c) => ({ c, d: distance(word, c) })).sort((x, y) => x.d - y.d)[0];
  return best !== undefined && best.d <= Math.max(2, Math.floor(best.c.length / 3)) ? best.c : null;
}

export function checkExpectations(spec: SpecModel): void {
  const known = propertyNames(spec);
  for (const m of spec.models) {
    if (m.expect.kind !== 'violates' || known.includes(m.expect.property)) continue;
    const guess = closest(m.expect.property, known);
    throw new SpecError(
      'DSX004',
      `model ${m.name} expects to violate '${m.expect.property}', which is not a property of this spec`,
      m.loc,
      `${guess !== null ? `did you mean '${guess}'? ` : ''}the properties: ${known.join(', ')}`,
    );
  }
}
