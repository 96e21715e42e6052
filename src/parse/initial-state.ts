/**
 * A model's initial state (`initial: { xa, globals }` in a model or
 * configuration): the XArray's entries and the globals' values when the
 * model starts, read as data and checked against the model's size and the
 * spec's declarations, every error at the field that is wrong.
 */
import type { Expression, ObjectLiteralExpression } from 'ts-morph';
import { Node } from './ts-morph.js';
import { SpecError } from '../model/errors.js';
import type { Expr, GlobalDef, InitialEntry, InitialState, Mark, SpecModel } from '../model/ir.js';
import { ENTRY_WIDTH, usesMarks } from '../model/layout.js';
import { MARK_BITS } from '../model/operations.js';
import { Fields } from './literal.js';
import { locOf } from './source.js';

/** What an initial state is checked against. */
export interface InitialStateContext {
  indices: number;
  /** Threads in the model: a thread-typed global may start as 1 .. threads. */
  threads: number;
  globals: GlobalDef[];
}

const ENTRY_HINT = "xa: [{ index: 0, order: 0, pfn: 1, locked: true }]";

export function parseInitialState(node: Expression, ctx: InitialStateContext, file: string): InitialState {
  if (!Node.isObjectLiteralExpression(node)) throw new SpecError('DSX002', 'initial is an object literal', locOf(node, file), `initial: { ${ENTRY_HINT}, globals: { count: 1 } }`);
  const f: Fields = new Fields(node, ['xa', 'globals'], file);
  const xaNode = f.node('xa');
  if (xaNode !== undefined && !Node.isArrayLiteralExpression(xaNode)) f.fail('xa', 'initial xa is an array of entries', ENTRY_HINT);
  const xa: InitialEntry[] = [];
  for (const el of Node.isArrayLiteralExpression(xaNode) ? xaNode.getElements() : []) {
    if (!Node.isObjectLiteralExpression(el)) throw new SpecError('DSX002', 'an initial entry is an object literal', locOf(el, file), ENTRY_HINT);
    const entry = parseEntry(el, ctx, file);
    const clash = xa.find((e) => e.index < entry.index + 2 ** entry.order && entry.index < e.index + 2 ** e.order);
    if (clash !== undefined) throw new SpecError('DSX004', `this entry overlaps the one at index ${clash.index} (${clash.loc.file}:${clash.loc.line}:${clash.loc.col})`, entry.loc, 'an index holds one entry: move or drop one of them');
    xa.push(entry);
  }
  const globalsNode = f.node('globals');
  return { xa, globals: globalsNode === undefined ? {} : parseGlobalValues(globalsNode, ctx, file) };
}

function parseEntry(el: ObjectLiteralExpression, ctx: InitialStateContext, file: string): InitialEntry {
  const f: Fields = new Fields(el, ['index', 'order', 'locked', 'empty', 'zero', 'page', 'pfn', 'marks'], file);
  const index = f.get('index');
  if (index === undefined) f.fail('index', 'an initial entry needs its index', ENTRY_HINT);
  if (typeof index !== 'number' || index < 0 || index >= ctx.indices) f.fail('index', `index ${JSON.stringify(index)} is outside the model's indices 0..${ctx.indices - 1}`, `raise indices or use an index from 0 to ${ctx.indices - 1}`);
  const order = f.get('order') ?? 0;
  const maxOrder = 2 ** ENTRY_WIDTH.order - 1;
  if (typeof order !== 'number' || order < 0 || order > maxOrder) f.fail('order', `order must be a whole number from 0 to ${maxOrder}`, 'order: 0 (a PTE) or order: 1 (a PMD of PMD_ORDER 1)');
  if (index % 2 ** order !== 0) f.fail('index', `an order-${order} entry covers an aligned range: ${index} is not a multiple of ${2 ** order}`, `index: ${index - (index % 2 ** order)} (the range's first index)`);
  if (index + 2 ** order > ctx.indices) f.fail('order', `an order-${order} entry at ${index} does not fit in indices 0..${ctx.indices - 1}`, `raise indices to ${index + 2 ** order}`);
  const flag = (name: 'locked' | 'empty' | 'zero' | 'page'): boolean => {
    const v = f.get(name) ?? false;
    if (typeof v !== 'boolean') f.fail(name, `${name} must be true or false`, `${name}: true`);
    return v;
  };
  const pfn = f.get('pfn') ?? 0;
  const maxPfn = 2 ** ENTRY_WIDTH.pfn - 1;
  if (typeof pfn !== 'number' || pfn < 0 || pfn > maxPfn) f.fail('pfn', `pfn must be a whole number from 0 to ${maxPfn}`, 'pfn: 1');
  const marks = f.get('marks') ?? [];
  const known = Object.keys(MARK_BITS);
  if (!Array.isArray(marks) || !marks.every((m) => typeof m === 'string' && known.includes(m))) f.fail('marks', `marks is an array of ${known.map((m) => `'${m}'`).join(' and ')}`, "marks: ['DIRTY']");
  return { index, order, locked: flag('locked'), empty: flag('empty'), zero: flag('zero'), page: flag('page'), pfn, marks: [...new Set(marks as Mark[])], loc: locOf(el, file) };
}

function parseGlobalValues(node: Expression, ctx: InitialStateContext, file: string): Record<string, Expr> {
  const hint = `globals: { ${ctx.globals.map((g) => `${g.name}: ...`).join(', ') || '(the spec declares none)'} }`;
  if (!Node.isObjectLiteralExpression(node)) throw new SpecError('DSX002', 'initial globals is an object literal', locOf(node, file), hint);
  for (const prop of node.getProperties()) {
    const name = Node.isPropertyAssignment(prop) ? prop.getName() : null;
    if (name !== null && !ctx.globals.some((g) => g.name === name)) throw new SpecError('DSX003', `'${name}' is not a global of this spec`, locOf(prop, file), `declare it in defineSpec({ globals: { ${name}: ... } }), or set one of: ${ctx.globals.map((g) => g.name).join(', ') || '(none declared)'}`);
  }
  const f: Fields = new Fields(node, ctx.globals.map((g) => g.name), file);
  const out: Record<string, Expr> = {};
  for (const g of ctx.globals) {
    const v = f.get(g.name);
    if (v === undefined) continue;
    const at = locOf(f.node(g.name)!, file);
    const wrong = (what: string, example: string): never => f.fail(g.name, `${g.name} holds ${what}, not ${JSON.stringify(v)}`, `e.g. ${g.name}: ${example}`);
    switch (g.type) {
      case 'int':
        if (typeof v !== 'number') wrong('a whole number', '0');
        out[g.name] = { kind: 'int', value: v as number, loc: at };
        break;
      case 'bool':
        if (typeof v !== 'boolean') wrong('a boolean', 'true');
        out[g.name] = { kind: 'bool', value: v as boolean, loc: at };
        break;
      case 'thread':
        if (v !== null && (typeof v !== 'number' || v < 1 || v > ctx.threads)) wrong(`a thread of this model (1..${ctx.threads}) or null`, '1');
        out[g.name] = v === null ? { kind: 'null', loc: at } : { kind: 'int', value: v as number, loc: at };
        break;
      case 'slot':
      case 'xas':
        // An entry or xa_state value would need its own literal form; a step can set one.
        if (v !== null) wrong('an entry or xa_state, which starts as null', `null (set it in the thread's first step)`);
        out[g.name] = { kind: 'null', loc: at };
        break;
    }
  }
  return out;
}

/** Marks in an initial entry need a spec whose state has marks: one whose steps use them. */
export function checkInitialMarks(spec: SpecModel): void {
  if (usesMarks(spec)) return;
  for (const m of spec.models) {
    const marked = m.initial?.xa.find((e) => e.marks.length > 0);
    if (marked !== undefined) throw new SpecError('DSX004', `model ${m.name} marks an entry, but no step of this spec reads or sets a mark`, marked.loc, 'drop marks: [...] (a spec without mark operations has no marks in its state)');
  }
}
