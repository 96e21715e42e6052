/**
 * Operator precedence in emitted TLA+: every pair of binary operators, each
 * nested on either side of the other, under ~ and unary -, inside an IF, in
 * every position an emitted expression takes (a definition's body, an
 * argument, the right of an equation). The interpreter computes each value;
 * the rendered TLA+ must parse (tree-sitter, always) and equal that value
 * (an ASSUME per case, checked by TLC when a jar is found).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileModel } from '../../src/check/compile.js';
import { emitSpec } from '../../src/emit/index.js';
import { equation, ExprRenderer, place, type Tla } from '../../src/emit/expr.js';
import { TlaNames } from '../../src/emit/names.js';
import { checkTlaSyntax } from '../../src/emit/tla-syntax.js';
import { parseSpecFile } from '../../src/parse/spec.js';
import type { BinaryOp, Expr, ModelConfig, SpecModel, Stmt, ValueType } from '../../src/model/ir.js';
import { runTlc } from '../../src/tlc/run.js';
import { tlcAvailability } from '../tlc/tlc-available.js';

const at = { file: 'precedence', line: 1, col: 1 };
const int = (value: number): Expr => ({ kind: 'int', value, loc: at });
const bool = (value: boolean): Expr => ({ kind: 'bool', value, loc: at });
const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, loc: at });

const ARITH: BinaryOp[] = ['+', '-', '*', '%'];
const COMPARE: BinaryOp[] = ['==', '!=', '<', '<=', '>', '>='];
const LOGIC: BinaryOp[] = ['&&', '||'];

/** Triples where a wrong grouping changes the value (7 - 3 - 2 is not 7 - (3 - 2)). */
const INT_LEAVES: [number, number, number][] = [[7, 3, 2], [2, 9, 4], [-5, 3, 2]];
const BOOL_LEAVES: [boolean, boolean, boolean][] = [true, false].flatMap((a) => [true, false].flatMap((b) => [true, false].map((c): [boolean, boolean, boolean] => [a, b, c])));

interface Case {
  expr: Expr;
  type: ValueType;
}

/** `outer` with `inner` nested on its left and on its right, over every leaf triple that types. */
function pairCases(): Case[] {
  const out: Case[] = [];
  const resultType = (op: BinaryOp): ValueType => (ARITH.includes(op) ? 'int' : 'bool');
  const operandTypes = (op: BinaryOp): ValueType[] => (ARITH.includes(op) || !['==', '!='].includes(op) && COMPARE.includes(op) ? ['int'] : LOGIC.includes(op) ? ['bool'] : ['int', 'bool']);
  const all = [...ARITH, ...COMPARE, ...LOGIC];
  for (const outer of all) {
    for (const inner of all) {
      const type = resultType(inner);
      if (!operandTypes(outer).includes(type)) continue;
      // The other operand of `outer` has the inner's result type (for ==, !=) or the outer's operand type.
      const leaves = (ARITH.includes(inner) || COMPARE.includes(inner) ? INT_LEAVES.map((t) => t.map(int)) : BOOL_LEAVES.map((t) => t.map(bool)));
      for (const [a, b, c] of leaves) {
        const innerOperandIsInt = ARITH.includes(inner) || COMPARE.includes(inner);
        const other = type === 'int' ? c! : innerOperandIsInt ? bool(c!.kind === 'int' && c.value > 2) : c!;
        out.push({ expr: bin(outer, bin(inner, a!, b!), other), type: resultType(outer) });
        // TLA+'s % needs a positive divisor: only 7 op 3 is positive for every op.
        if (outer !== '%' || a!.kind !== 'int' || a!.value === 7) out.push({ expr: bin(outer, other, bin(inner, a!, b!)), type: resultType(outer) });
      }
    }
  }
  return out;
}

/** Prefix operators and IF around and inside binary expressions. */
function unaryAndIfCases(): Case[] {
  const out: Case[] = [];
  for (const [x, y, z] of INT_LEAVES) {
    for (const op of ARITH) {
      const e = bin(op, int(x), int(y));
      out.push({ expr: { kind: 'neg', arg: e, loc: at }, type: 'int' });
      out.push({ expr: bin('*', { kind: 'neg', arg: int(x), loc: at }, e), type: 'int' });
      if (op !== '%') out.push({ expr: bin(op, int(z), { kind: 'neg', arg: int(y), loc: at }), type: 'int' });
      out.push({ expr: bin(op, { kind: 'cond', test: bin('<', int(x), int(y)), then: int(y), else: int(z), loc: at }, int(z)), type: 'int' });
      out.push({ expr: { kind: 'cond', test: bin('>', e, int(z)), then: { kind: 'cond', test: bool(false), then: int(x), else: e, loc: at }, else: int(z), loc: at }, type: 'int' });
    }
    for (const op of COMPARE) {
      out.push({ expr: { kind: 'not', arg: bin(op, int(x), int(y)), loc: at }, type: 'bool' });
      out.push({ expr: bin('&&', { kind: 'not', arg: bin(op, int(x), int(y)), loc: at }, bin(op, int(y), int(z))), type: 'bool' });
    }
  }
  for (const [a, b, c] of BOOL_LEAVES) {
    for (const op of LOGIC) {
      out.push({ expr: { kind: 'not', arg: bin(op, bool(a), bool(b)), loc: at }, type: 'bool' });
      out.push({ expr: bin(op, { kind: 'cond', test: bool(a), then: bool(b), else: bool(c), loc: at }, bool(c)), type: 'bool' });
    }
  }
  return out;
}

const cases = [...pairCases(), ...unaryAndIfCases()];

/** The interpreter's value of each case: one step assigns every case to a global of its own. */
function interpreterValues(): number[] {
  const globals = cases.map((c, i) => ({ name: `r${i}`, type: c.type, init: c.type === 'int' ? int(0) : bool(false) }));
  const body: Stmt[] = [...cases.map((c, i): Stmt => ({ kind: 'setGlobal', name: `r${i}`, value: c.expr, loc: at })), { kind: 'goto', label: 'Done', loc: at }];
  const model: ModelConfig = { name: 'm', doc: '', variant: 'a', indices: 1, pmdOrder: 1, buckets: 1, threads: [{ name: 'eval()', thread: 'eval', params: {} }], expect: { kind: 'holds' }, deadlock: false, termination: true, loc: at };
  const spec: SpecModel = {
    name: 'Precedence', doc: '', file: 'precedence', variants: ['a'], globals, helpers: [], invariants: [], models: [model], usesBugOn: false,
    threads: [{ name: 'eval', doc: '', params: [], locals: [], steps: [{ label: 'go', doc: '', body, loc: at }], loc: at }],
  };
  const machine = compileModel(spec, model);
  const state = machine.initial.slice();
  expect(machine.step(0, state)).toBe(true);
  return globals.map((g) => state[machine.layout.globals.get(g.name)!.offset]!);
}

function tlaValue(c: Case, v: number): string {
  return c.type === 'int' ? String(v) : v !== 0 ? 'TRUE' : 'FALSE';
}

function assumptionsModule(): string {
  const values = interpreterValues();
  const names = new TlaNames({ name: 'M', doc: '', file: '', variants: [], globals: [], helpers: [], threads: [], invariants: [], models: [], usesBugOn: false });
  const r = new ExprRenderer(names, new Map());
  const lines = ['---- MODULE PrecedenceCases ----', 'EXTENDS Integers', 'Id(v) == v', 'VARIABLE x'];
  cases.forEach((c, i) => {
    const t: Tla = r.render(c.expr, null);
    const expected = tlaValue(c, values[i]!);
    // A definition's body, an argument, and the right of an equation.
    lines.push(`C${i}top == ${place(t, 'top')}`, `ASSUME C${i}top = ${expected}`);
    lines.push(`ASSUME Id(${place(t, 'arg')}) = ${expected}`);
    lines.push(`ASSUME ${equation(expected, t)}`);
  });
  lines.push('Init == x = 0', 'Next == UNCHANGED x', '====', '');
  return lines.join('\n');
}

describe('operator precedence in emitted TLA+', () => {
  const module = assumptionsModule();

  it(`covers every operator pair on both sides (${cases.length} cases)`, () => {
    expect(cases.length).toBeGreaterThan(300);
  });

  it('every case parses with tree-sitter-tlaplus', async () => {
    expect(await checkTlaSyntax(module)).toEqual([]);
  });

  it('parenthesises only where TLA+ needs it', () => {
    const names = new TlaNames({ name: 'M', doc: '', file: '', variants: [], globals: [], helpers: [], threads: [], invariants: [], models: [], usesBugOn: false });
    const r = new ExprRenderer(names, new Map());
    const show = (e: Expr): string => r.render(e, null).text;
    const [a, b, c] = [int(1), int(2), int(3)];
    expect(show(bin('-', bin('-', a, b), c))).toBe('1 - 2 - 3');
    expect(show(bin('-', a, bin('-', b, c)))).toBe('1 - (2 - 3)');
    expect(show(bin('-', bin('+', a, b), c))).toBe('(1 + 2) - 3');
    expect(show(bin('+', a, bin('%', b, c)))).toBe('1 + (2 % 3)');
    expect(show(bin('&&', bin('==', a, b), bin('||', bool(true), bool(false))))).toBe('1 = 2 /\\ (TRUE \\/ FALSE)');
    expect(show(bin('==', bin('==', a, b), bool(false)))).toBe('(1 = 2) = FALSE');
    expect(equation("flag'", r.render(bin('&&', bin('==', a, b), bin('==', b, c)), null))).toBe("flag' = (1 = 2 /\\ 2 = 3)");
    expect(equation("n'", r.render(int(-1), null))).toBe("n' = -1");
  });

  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-precedence-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('TLC finds every case equal to the interpreter\'s value', { timeout: 900_000 }, async (ctx) => {
    const tlc = await tlcAvailability();
    if (!tlc.available) return ctx.skip();
    writeFileSync(path.join(dir, 'PrecedenceCases.tla'), module);
    writeFileSync(path.join(dir, 'PrecedenceCases.cfg'), 'INIT Init\nNEXT Next\n');
    const run = await runTlc(path.join(dir, 'PrecedenceCases.tla'), path.join(dir, 'PrecedenceCases.cfg'));
    expect(run.kind).toBe('ran');
    if (run.kind !== 'ran') return;
    expect(run.result.outcome, run.output.slice(0, 3000)).toEqual({ kind: 'ok' });
  });
});

describe('test/fixtures/specs/precedence.ts as TLA+', () => {
  const module = emitSpec(parseSpecFile('test/fixtures/specs/precedence.ts')).get('Precedence.tla')!;

  it.each([
    ["eq' = (x = 1)", 'a comparison assigned to a shared variable'],
    ["both' = (x = 0 /\\ y = 3)", 'a conjunction assigned: without parentheses it would be a conjunct of the action'],
    ["either' = (x = 1 \\/ y = 4)", 'a disjunction assigned'],
    ["neither' = ((~(x = 1 \\/ y = 4)) = (n = 0))", 'booleans compared'],
    ["b' = [b EXCEPT ![self] = (x < 1 /\\ ~(y = 3))]".replace(/\bb\b/g, 'low'), 'a local'],
    ["n' = pick(x) - ((y - 1) * 2 % 3)", 'arithmetic of mixed precedence'],
    ['LET c == x = 0 /\\ y = 4', 'a const'],
    ['locked |-> c = both_tests(x, y), empty |-> x = 0 \\/ y = 1', 'record fields'],
    ['IF x_ = 0 \\/ x_ > 5 THEN x_ + 1 ELSE x_ - 1', "a helper's body"],
  ])('%s (%s)', (snippet) => {
    expect(module).toContain(snippet);
  });
});
