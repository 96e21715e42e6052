/**
 * A counterexample in the Informal Trace Format (ITF: the JSON traces of
 * Apalache and Quint), so their tools can read our traces: `#meta`,
 * `vars`, `states` (each with its own `#meta.index`), and `loop` for a
 * lasso. TLA+ values become ITF values: integers `{"#bigint": "1"}`,
 * records objects, sequences arrays, sets `{"#set": [...]}`, other
 * functions `{"#map": [[key, value], ...]}`; a model value (Null,
 * XA_RETRY_ENTRY) is its name as a string, as ITF writes uninterpreted
 * constants.
 */
import type { TlaValue } from '../model/tla-value.js';
import type { Json } from './json.js';

export function tlaToItf(v: TlaValue): Json {
  switch (v.kind) {
    case 'int':
      return { '#bigint': String(v.value) };
    case 'bool':
    case 'string':
      return v.value;
    case 'modelValue':
      return v.name;
    case 'seq':
      return v.items.map(tlaToItf);
    case 'set':
      return { '#set': v.items.map(tlaToItf) };
    case 'record':
      return Object.fromEntries(Object.entries(v.fields).map(([k, x]) => [k, tlaToItf(x)]));
    case 'fn':
      return { '#map': v.pairs.map(([k, x]) => [tlaToItf(k), tlaToItf(x)]) };
  }
}

export interface ItfSource {
  /** The spec file and model, for `#meta`. */
  file: string;
  model: string;
  description: string;
  /** The TLA+ variables of each state, in trace order. */
  states: Record<string, TlaValue>[];
  /** The variables in the module's order. */
  vars: string[];
  /** Index (0-based) of the state a lasso's loop returns to; for a final state that stutters, the last index. */
  loop: number | null;
}

export function itfTrace(t: ItfSource): Record<string, Json> {
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      source: t.file,
      description: t.description,
      model: t.model,
    },
    vars: t.vars,
    states: t.states.map((s, index) => ({ '#meta': { index }, ...Object.fromEntries(t.vars.map((v) => [v, tlaToItf(s[v]!)])) })),
    ...(t.loop !== null ? { loop: t.loop } : {}),
  };
}
