/**
 * Users' mistakes in a spec (test/fixtures/bad-specs/*.ts) come back as one
 * SpecError each: the right code, file:line:col of the offending token
 * (1-based, counted by hand in the fixture and written next to each case),
 * and a hint saying what to write instead. Run-time failures of a step
 * surface from checkModel.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/check/check.ts';
import { SpecError, formatSpecError, type ErrorCode } from '../../src/model/errors.ts';
import { parseSpecFile } from '../../src/parse/spec.ts';

const DIR = 'test/fixtures/bad-specs';

function specErrorOf(fn: () => unknown): SpecError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SpecError) return err;
    throw new Error(`expected a SpecError, got ${String(err)}`);
  }
  throw new Error('expected a SpecError, but nothing was thrown');
}

interface Case {
  file: string;
  /** Where the error is, when not in `file` itself (a library it imports). */
  at?: string;
  code: ErrorCode;
  line: number;
  col: number;
  /** Something the message must say. */
  message: RegExp;
  /** Something the hint must suggest. */
  hint: RegExp;
  why: string;
}

const parseCases: Case[] = [
  {
    file: 'xas-in-expression.ts',
    code: 'DSX002',
    // line 12: `      k.BUG_ON(k.xas_load(t.xas) !== null);` — the call starts at col 16.
    line: 12,
    col: 16,
    message: /xas_load\(\) inside an expression \(it moves the xa_state\)/,
    hint: /const entry = k\.xas_load\(t\.xas/,
    why: 'an operation that moves the xa_state needs a statement of its own',
  },
  {
    file: 'xas-not-a-local.ts',
    code: 'DSX002',
    // line 11: `      k.xas_pause(k.XA_STATE(t.index, 0));` — col 7.
    line: 11,
    col: 7,
    message: /xas_pause\(\) on something other than a thread's xa_state/,
    hint: /XaState \| null/,
    why: 'the state an operation moves must be a thread local',
  },
  {
    file: 'type-error.ts',
    code: 'DSX001',
    // line 11: `      const n: number = true;` — TypeScript reports at the name n: 6 spaces + "const " → col 13.
    line: 11,
    col: 13,
    message: /Type 'boolean' is not assignable to type 'number'/,
    hint: /type-check/,
    why: 'a type error reported by TypeScript',
  },
  {
    file: 'type-error-chain.ts',
    code: 'DSX001',
    // line 19: `  globals: { cached: null as Slot },` — TypeScript reports at the property name: col 14.
    line: 19,
    col: 14,
    // A chained message used to come out as "type error: undefined".
    message: /Type 'Slot' is not assignable to type 'number \| boolean \| null'\.\s+Type 'Entry' is not assignable/,
    hint: /type-check/,
    why: 'a type error with a chained message',
  },
  {
    file: 'for-loop.ts',
    code: 'DSX002',
    // line 11: `      for (let i = 0; ...` — the statement starts at `for`, col 7.
    line: 11,
    col: 7,
    message: /ForStatement/,
    hint: /const declarations|return/,
    why: 'a for loop',
  },
  {
    file: 'let.ts',
    code: 'DSX002',
    // line 11: `      let key = t.index;` — col 7.
    line: 11,
    col: 7,
    message: /let/,
    hint: /const/,
    why: 'a let declaration',
  },
  {
    file: 'bit-and.ts',
    code: 'DSX002',
    // line 11: `      const key = t.index & ~1;` — "      const key = " is 18 characters, "t.index " 8 more: `&` at col 27.
    line: 11,
    col: 27,
    message: /'&'/,
    hint: /alignDown/,
    why: 'a bit operation',
  },
  {
    file: 'loose-equality.ts',
    code: 'DSX002',
    // line 11: `      if (t.index == 0) {` — `if (` from col 7, `t` at 11, `==` at 19.
    line: 11,
    col: 19,
    message: /'=='/,
    hint: /===/,
    why: '== instead of ===',
  },
  {
    file: 'unknown-member.ts',
    code: 'DSX001',
    // line 11: `      t.entry = t.nosuch;` — `t.entry = ` starts at 7 and is 10 long, so `t` at 17 and `nosuch` at 19.
    // `t` is typed by the DSL, so TypeScript itself rejects the name.
    line: 11,
    col: 19,
    message: /nosuch/,
    hint: /type-check/,
    why: 't.nosuch with t typed by the DSL',
  },
  {
    file: 'unknown-member-any.ts',
    code: 'DSX003',
    // line 12 (after the eslint comment): `      t.entry = t.nosuch;` — `nosuch` at col 19.
    line: 12,
    col: 19,
    message: /t\.nosuch/,
    hint: /locals/,
    why: 't.nosuch with t: any (type-correct, caught by the parser)',
  },
  {
    file: 'unknown-label.ts',
    code: 'DSX003',
    // line 12: `        return 'nowhere';` — 8 spaces, "return " 7 more: the string at col 16.
    line: 12,
    col: 16,
    message: /nowhere/,
    hint: /run/,
    why: "return 'nowhere'",
  },
  {
    file: 'unknown-variant.ts',
    code: 'DSX003',
    // line 9: `      if (k.variant === 'fixd') {` — `k` at 11, "k.variant === " is 14 long: the string at col 25.
    line: 9,
    col: 25,
    message: /fixd/,
    hint: /'buggy', 'fixed'/,
    why: "k.variant === 'fixd' (no such variant)",
  },
  {
    file: 'unknown-model-variant.ts',
    code: 'DSX003',
    // line 19: `    { name: 'm', variant: 'fixd', ...` — `{` at 5, `name: 'm', ` 7..17, `variant: ` 18..26: the string at col 27.
    line: 19,
    col: 27,
    message: /fixd/,
    hint: /buggy, fixed/,
    why: "a model's variant: 'fixd' (no such variant)",
  },
  {
    file: 'optional-chaining.ts',
    code: 'DSX002',
    // line 11: `      k.seen = k.load(t.index)?.locked === true;` — `k.seen = ` from col 7 is 9 long, `k.load(t.index)` 15 more: `?.` at col 31.
    line: 11,
    col: 31,
    message: /optional chaining/,
    hint: /!== null|e!\.locked/,
    why: 'e?.locked (read as e.locked before)',
  },
  {
    file: 'default-parameter.ts',
    code: 'DSX002',
    // line 6: `function plus(a: number, b: number = 1): number {` — `b` at col 26, its default `1` at col 38.
    line: 6,
    col: 38,
    message: /default value for parameter 'b'/,
    hint: /pass the argument at every call/,
    why: 'a default parameter (NaN at run time before)',
  },
  {
    file: 'destructured-parameter.ts',
    code: 'DSX002',
    // line 6: `function orderOf({ order }: Entry): number {` — `function orderOf(` is 17 long: `{` at col 18.
    line: 6,
    col: 18,
    message: /destructured parameter/,
    hint: /entry\.order/,
    why: 'a destructured parameter',
  },
  {
    file: 'generator-helper.ts',
    code: 'DSX002',
    // line 6: `function* keys(k: K, index: number) {` — the `*` at col 9.
    line: 6,
    col: 9,
    message: /generator/,
    hint: /plain function/,
    why: 'a generator helper (its body never ran before)',
  },
  {
    file: 'big-literal.ts',
    code: 'DSX002',
    // line 11: `      k.n = -(-2147483648);` — `k.n = ` from col 7, `-(-` at 13..15: the literal 2147483648 at col 16.
    line: 11,
    col: 16,
    message: /2147483648 is too big/,
    hint: /-2147483647 - 1/,
    why: '-(-2147483648) (wrapped to -2147483648 before; TLC cannot read 2147483648)',
  },
  {
    file: 'big-parameter.ts',
    code: 'DSX002',
    // line 22: the model's `worker({ size: 3000000000 })` — the number at col 79.
    line: 22,
    col: 79,
    message: /3000000000 is too big/,
    hint: /2147483647/,
    why: 'a thread parameter beyond int32',
  },
  {
    file: 'big-initial.ts',
    code: 'DSX002',
    // line 20: `  globals: { n: 5000000000 },` — the number at col 17.
    line: 20,
    col: 17,
    message: /5000000000 is too big/,
    hint: /2147483647/,
    why: 'an initial value beyond int32',
  },
  {
    file: 'configuration-expect-unchecked-variant.ts',
    code: 'DSX003',
    // line 19: `    { variants: ['fixed'], indices: 1, threads: [worker({ index: 0 })], expect: { buggy: ...` — `buggy` at col 83.
    line: 19,
    col: 83,
    message: /'buggy' is not a variant this configuration is checked under/,
    hint: /fixed/,
    why: 'a configuration expecting a verdict of a variant it is not checked under',
  },
  {
    file: 'configuration-duplicate-name.ts',
    code: 'DSX004',
    // line 20: the second configuration's `{` at col 5.
    line: 20,
    col: 5,
    message: /two configurations have no name/,
    hint: /its own name/,
    why: 'two unnamed configurations',
  },
  {
    file: 'schedule-outside-return.ts',
    code: 'DSX002',
    // line 12: `      const next = k.schedule('first');` — the call at col 20.
    line: 12,
    col: 20,
    message: /k\.schedule\(\) outside a return/,
    hint: /return k\.schedule\('grab_mapping_entry'\)/,
    why: 'k.schedule() ends a step: it is the return value',
  },
  {
    file: 'schedule-unknown-label.ts',
    code: 'DSX003',
    // line 12: `      return k.schedule('frist');` — the label at col 25.
    line: 12,
    col: 25,
    message: /no step is labelled 'frist' in thread sleeper/,
    hint: /the labels are: first/,
    why: 'a thread goes on at one of its own steps once woken',
  },
  {
    file: 'replaces-nothing.ts',
    code: 'DSX004',
    // line 9: `function twice(n: number): number {` — col 1.
    line: 9,
    col: 1,
    message: /'twice' is marked @replaces but no library this spec imports declares it/,
    hint: /drop the @replaces mark/,
    why: 'a replacement must replace something',
  },
  {
    file: 'replaces-signature.ts',
    code: 'DSX004',
    // line 9: `function next(n: number, by: number): number {` — col 1.
    line: 9,
    col: 1,
    message: /'next' does not have the signature of the one it replaces \(test\/fixtures\/specs\/lib\/counter.ts:7:1\): \(number, => number\) here \(number, number, => number\)/,
    hint: /the same parameters/,
    why: 'the library calls a replacement as it called its own helper',
  },
  {
    file: 'library-error.ts',
    at: 'lib/looping.ts',
    code: 'DSX002',
    // lib/looping.ts line 9: `      for (let i = 0; ...` — the statement at col 7.
    line: 9,
    col: 7,
    message: /ForStatement/,
    hint: /const declarations|return/,
    why: 'a mistake in an imported library is reported in that library',
  },
  {
    file: 'import-alias.ts',
    code: 'DSX002',
    // line 3: `import { bump as add_one } ...` — `bump` at col 10.
    line: 3,
    col: 10,
    message: /'bump' is imported under another name/,
    hint: /import \{ bump \}/,
    why: 'a library name imported under an alias',
  },
];

describe('parseSpecFile: bad specs', () => {
  for (const c of parseCases) {
    it(`${c.why} → ${c.code} at ${c.file}:${c.line}:${c.col}`, () => {
      const path = `${DIR}/${c.file}`;
      const err = specErrorOf(() => parseSpecFile(path));
      const where = c.at === undefined ? path : `${DIR}/${c.at}`;
      expect(err.code).toBe(c.code);
      expect(err.loc).toEqual({ file: where, line: c.line, col: c.col });
      expect(err.message).toMatch(c.message);
      expect(err.hint ?? '').not.toBe('');
      expect(err.hint).toMatch(c.hint);
      // Rendered as file:line:col: error CODE: message, then the hint.
      const text = formatSpecError(err);
      expect(text.startsWith(`${where}:${c.line}:${c.col}: error ${c.code}: `)).toBe(true);
      expect(text).toContain(`\n  hint: ${err.hint}`);
    });
  }

  it('a missing file is DSX007 without a location, with a hint', () => {
    const err = specErrorOf(() => parseSpecFile(`${DIR}/no-such-file.ts`));
    expect(err.code).toBe('DSX007');
    expect(err.loc).toBeNull();
    expect(err.hint ?? '').not.toBe('');
  });
});

describe('checkModel: a step that fails at run time', () => {
  it('reading .locked of a null entry through ! is DSX005 at the ! expression', () => {
    const path = `${DIR}/null-deref.ts`;
    // It parses: the failure only shows when the step runs.
    const spec = parseSpecFile(path);
    const model = spec.models[0]!;
    const err = specErrorOf(() => checkModel(spec, model));
    expect(err.code).toBe('DSX005');
    // line 11: `      k.BUG_ON(!k.load(t.index)!.locked);` — `k.BUG_ON(` from col 7 is 9 long, `!` at 16:
    // the asserted expression `k.load(t.index)!` starts at col 17.
    expect(err.loc).toEqual({ file: path, line: 11, col: 17 });
    expect(err.message).toMatch(/worker\.run/);
    expect(err.message).toMatch(/null/);
    expect(err.hint ?? '').not.toBe('');
  });
});

describe('parseSpecFile: type-correct corner cases', () => {
  // BUG (src/parse/lower-stmt.ts, lowerStepBody, the `end` continuation):
  // a step with an empty body `first(k, t) {}` crashes with
  // "TypeError: Cannot read properties of undefined (reading 'getSourceFile')"
  // because it takes the location of body[body.length - 1] ?? body[0], both
  // undefined. Expected: the step falls through to the next label (as a body
  // without return does), or a SpecError — never a TypeError.
  it('an empty step body goes on with the next step', () => {
    const spec = parseSpecFile('test/fixtures/specs/empty-step.ts');
    const step = spec.threads[0]!.steps[0]!;
    expect(step.label).toBe('first');
    expect(step.body).toEqual([expect.objectContaining({ kind: 'goto', label: 'second' })]);
    // first -> second -> Done: 3 states.
    const { result } = checkModel(spec, spec.models[0]!);
    expect(result.distinctStates).toBe(3);
  });
});
