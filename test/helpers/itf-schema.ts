/**
 * A small validator of the ITF schema (Apalache ADR-015): what a trace must
 * look like for Apalache's and Quint's readers. Returns the problems found,
 * each with its JSON path; an empty list means valid.
 */
type J = unknown;

const isObject = (x: J): x is Record<string, J> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function itfValueProblems(v: J, path: string): string[] {
  if (typeof v === 'boolean' || typeof v === 'string') return [];
  if (typeof v === 'number') return Number.isSafeInteger(v) ? [] : [`${path}: a number must be a safe integer (else #bigint)`];
  if (Array.isArray(v)) return v.flatMap((x, i) => itfValueProblems(x, `${path}[${i}]`));
  if (!isObject(v)) return [`${path}: ${v === null ? 'null is not an ITF value' : `unexpected ${typeof v}`}`];
  const keys = Object.keys(v);
  const special = keys.filter((k) => k.startsWith('#'));
  if (special.length === 0) return keys.flatMap((k) => itfValueProblems(v[k], `${path}.${k}`));
  if (keys.length !== 1) return [`${path}: ${special[0]} must be the only key`];
  const [tag] = special;
  const body = v[tag!];
  switch (tag) {
    case '#bigint':
      return typeof body === 'string' && /^-?[0-9]+$/.test(body) ? [] : [`${path}: #bigint takes a decimal string`];
    case '#tup':
    case '#set':
      return Array.isArray(body) ? body.flatMap((x, i) => itfValueProblems(x, `${path}.${tag}[${i}]`)) : [`${path}: ${tag} takes an array`];
    case '#map':
      if (!Array.isArray(body)) return [`${path}: #map takes an array of pairs`];
      return body.flatMap((pair, i) => (Array.isArray(pair) && pair.length === 2
        ? [...itfValueProblems(pair[0], `${path}.#map[${i}][0]`), ...itfValueProblems(pair[1], `${path}.#map[${i}][1]`)]
        : [`${path}.#map[${i}]: not a [key, value] pair`]));
    case '#unserializable':
      return typeof body === 'string' ? [] : [`${path}: #unserializable takes a string`];
    default:
      return [`${path}: unknown tag ${tag}`];
  }
}

export function itfTraceProblems(t: J): string[] {
  if (!isObject(t)) return ['the trace is not an object'];
  const problems: string[] = [];
  if ('#meta' in t && !isObject(t['#meta'])) problems.push('#meta is not an object');
  const vars = t.vars;
  if (!Array.isArray(vars) || !vars.every((x) => typeof x === 'string')) return [...problems, 'vars is not an array of names'];
  if ('params' in t && (!Array.isArray(t.params) || !t.params.every((x) => typeof x === 'string'))) problems.push('params is not an array of names');
  const states = t.states;
  if (!Array.isArray(states) || states.length === 0) return [...problems, 'states is not a non-empty array'];
  states.forEach((s, i) => {
    if (!isObject(s)) return void problems.push(`states[${i}] is not an object`);
    if ('#meta' in s && !isObject(s['#meta'])) problems.push(`states[${i}].#meta is not an object`);
    const names = Object.keys(s).filter((k) => k !== '#meta').sort();
    if (JSON.stringify(names) !== JSON.stringify([...vars].sort())) problems.push(`states[${i}] has variables ${names.join(', ')}, not vars`);
    for (const k of names) problems.push(...itfValueProblems(s[k], `states[${i}].${k}`));
  });
  if ('loop' in t && !(Number.isInteger(t.loop) && (t.loop as number) >= 0 && (t.loop as number) < states.length)) problems.push('loop is not the index of a state');
  return problems;
}
