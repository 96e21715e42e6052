/**
 * TLA+ values as plain data: what a model state looks like to TLC, to the
 * trace renderer and to the TLC-trace replay. Functions whose domain is 1..n
 * are sequences (TLC prints them as <<...>>), so equality treats the two alike.
 */

export type TlaValue =
  | { kind: 'int'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'modelValue'; name: string }
  | { kind: 'seq'; items: TlaValue[] }
  | { kind: 'set'; items: TlaValue[] }
  | { kind: 'record'; fields: Record<string, TlaValue> }
  | { kind: 'fn'; pairs: Array<[TlaValue, TlaValue]> };

/** A function as [key, value] pairs sorted by key; a sequence becomes pairs 1..n. */
function asPairs(v: TlaValue): Array<[TlaValue, TlaValue]> | null {
  if (v.kind === 'seq') return v.items.map((item, i) => [{ kind: 'int', value: i + 1 }, item]);
  if (v.kind === 'fn') return [...v.pairs].sort((a, b) => compareTla(a[0], b[0]));
  if (v.kind === 'record') return Object.keys(v.fields).sort().map((k) => [{ kind: 'string', value: k }, v.fields[k]!]);
  return null;
}

/** A total order used to sort sets and function domains for comparison. */
export function compareTla(a: TlaValue, b: TlaValue): number {
  const ka = formatTla(a);
  const kb = formatTla(b);
  if (a.kind === 'int' && b.kind === 'int') return a.value - b.value;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function equalTla(a: TlaValue, b: TlaValue): boolean {
  const fa = asPairs(a);
  const fb = asPairs(b);
  if (fa !== null || fb !== null) {
    if (fa === null || fb === null || fa.length !== fb.length) return false;
    // The empty sequence, function and record are all the empty function.
    return fa.every(([k, v], i) => equalTla(k, fb[i]![0]) && equalTla(v, fb[i]![1]));
  }
  switch (a.kind) {
    case 'int':
    case 'bool':
      return b.kind === a.kind && b.value === a.value;
    case 'string':
      return b.kind === 'string' && b.value === a.value;
    case 'modelValue':
      return b.kind === 'modelValue' && b.name === a.name;
    case 'set': {
      if (b.kind !== 'set' || a.items.length !== b.items.length) return false;
      const sa = [...a.items].sort(compareTla);
      const sb = [...b.items].sort(compareTla);
      return sa.every((x, i) => equalTla(x, sb[i]!));
    }
    default:
      return false;
  }
}

/** TLA+ syntax for a value, as TLC prints it. */
export function formatTla(v: TlaValue): string {
  switch (v.kind) {
    case 'int':
      return String(v.value);
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
    case 'string':
      return JSON.stringify(v.value);
    case 'modelValue':
      return v.name;
    case 'seq':
      return `<<${v.items.map(formatTla).join(', ')}>>`;
    case 'set':
      return `{${v.items.map(formatTla).join(', ')}}`;
    case 'record':
      return `[${Object.entries(v.fields).map(([k, x]) => `${k} |-> ${formatTla(x)}`).join(', ')}]`;
    case 'fn':
      return v.pairs.length === 0 ? '<<>>' : `(${v.pairs.map(([k, x]) => `${formatTla(k)} :> ${formatTla(x)}`).join(' @@ ')})`;
  }
}

export const tlaInt = (value: number): TlaValue => ({ kind: 'int', value });
export const tlaBool = (value: boolean): TlaValue => ({ kind: 'bool', value });
export const tlaString = (value: string): TlaValue => ({ kind: 'string', value });
export const tlaSeq = (items: TlaValue[]): TlaValue => ({ kind: 'seq', items });
