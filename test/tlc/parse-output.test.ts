import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseTlaValue,
  parseTlcOutput,
  TlcOutputError,
  type TlaValue,
  type TlcResult,
  type TlcTraceState,
} from '../../src/tlc/parse-output.ts';

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'tlc');
const specDir = join(fixtureDir, 'specs');

function fixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

function parse(name: string): TlcResult {
  return parseTlcOutput(fixture(name));
}

function states(result: TlcResult): TlcTraceState[] {
  expect(result.trace).not.toBeNull();
  return result.trace!.states;
}

// small value builders for expectations
const int = (value: number): TlaValue => ({ kind: 'int', value });
const bool = (value: boolean): TlaValue => ({ kind: 'bool', value });
const str = (value: string): TlaValue => ({ kind: 'string', value });
const mv = (name: string): TlaValue => ({ kind: 'modelValue', name });
const seq = (...items: TlaValue[]): TlaValue => ({ kind: 'seq', items });
const set = (...items: TlaValue[]): TlaValue => ({ kind: 'set', items });
const rec = (fields: Record<string, TlaValue>): TlaValue => ({ kind: 'record', fields });
const fn = (...pairs: Array<[TlaValue, TlaValue]>): TlaValue => ({ kind: 'fn', pairs });

/** The 1-based line `line` of a spec, and the text from column `col` on. */
function specText(module: string, line: number, col: number): string {
  const lines = readFileSync(join(specDir, `${module}.tla`), 'utf8').split('\n');
  return lines[line - 1]!.slice(col - 1);
}

describe('recorded fixtures', () => {
  const outputs = readdirSync(fixtureDir).filter((f) => f.endsWith('.out'));

  it('has the fixtures this suite expects', () => {
    expect(outputs.sort()).toEqual(
      [
        'ConfigError.out',
        'ConstantInvariant.out',
        'Deadlock.out',
        'EvalError.out',
        'InitInvariant.out',
        'InitInvariant.plain.out',
        'LexicalError.out',
        'LiveLoop.out',
        'LiveLoop.plain.out',
        'LiveStutter.out',
        'LiveStutter.plain.out',
        'NestedMessage.out',
        'ParseError.out',
        'PrecedenceConflict.out',
        'SemanticError.out',
        'SemanticError.plain.out',
        'Success.out',
        'Success.plain.out',
        'Values.out',
        'Values.plain.out',
      ].sort(),
    );
  });

  it.each(outputs)('%s parses, and its module and cfg are kept beside it', (name) => {
    const module = name.replace(/(\.plain)?\.out$/u, '');
    expect(existsSync(join(specDir, `${module}.tla`))).toBe(true);
    expect(existsSync(join(specDir, `${module}.cfg`))).toBe(true);
    expect(() => parse(name)).not.toThrow();
  });

  it.each(outputs.filter((f) => !f.includes('.plain.')))('%s is -tool output', (name) => {
    expect(fixture(name)).toMatch(/^@!@!@STARTMSG \d+:\d+ @!@!@$/mu);
  });

  it('reads Windows line endings the same way', () => {
    const crlf = fixture('Values.out').replace(/\n/gu, '\r\n');
    expect(parseTlcOutput(crlf)).toEqual(parse('Values.out'));
  });
});

describe('success', () => {
  it('Success.out: ok with statistics', () => {
    expect(parse('Success.out')).toEqual({
      outcome: { kind: 'ok' },
      statesGenerated: 110,
      distinctStates: 81,
      statesLeftOnQueue: 0,
      depth: 13,
      seconds: 0.368,
      trace: null,
    });
  });

  it('Success.plain.out: same, with the human-readable run time', () => {
    expect(parse('Success.plain.out')).toEqual({
      outcome: { kind: 'ok' },
      statesGenerated: 110,
      distinctStates: 81,
      statesLeftOnQueue: 0,
      depth: 13,
      seconds: 0,
      trace: null,
    });
  });
});

describe('invariant violated (Values)', () => {
  const result = parse('Values.out');
  const trace = states(result);

  it('outcome and statistics', () => {
    expect(result.outcome).toEqual({ kind: 'invariant', name: 'NotTooLow' });
    expect(result.statesGenerated).toBe(6);
    expect(result.distinctStates).toBe(6);
    expect(result.depth).toBe(4);
    expect(result.seconds).toBe(0.392);
  });

  it('trace shape and action headers', () => {
    expect(result.trace!.loop).toBeNull();
    expect(trace.map((s) => s.index)).toEqual([1, 2, 3, 4]);
    expect(trace.map((s) => s.action)).toEqual([null, 'Acquire', 'Release', 'Acquire']);
    expect(trace[0]!.location).toBeUndefined();
    expect(trace[1]!.location).toBe('line 28, col 5 to line 39, col 55 of module Values');
    expect(trace[2]!.location).toBe('line 42, col 5 to line 46, col 69 of module Values');
    expect(trace[1]!.args).toEqual([mv('p1')]);
    // the location really is the action's definition
    expect(specText('Values', 28, 5)).toMatch(/^\/\\ owner = Nil/u);
  });

  it('every state has all eleven variables, in TLC order', () => {
    for (const s of trace) {
      expect(Object.keys(s.vars)).toEqual([
        'flag', 'mix', 'owner', 'sparse', 'rec', 'held', 'byProc', 'n', 'msg', 'slots', 'log',
      ]);
    }
  });

  it('integers, booleans, model values', () => {
    expect(trace.map((s) => s.vars.n)).toEqual([int(0), int(-1), int(-2), int(-3)]);
    expect(trace.map((s) => s.vars.flag)).toEqual([bool(false), bool(true), bool(true), bool(false)]);
    expect(trace.map((s) => s.vars.owner)).toEqual([mv('Nil'), mv('p1'), mv('Nil'), mv('p1')]);
  });

  it('strings with escapes', () => {
    expect(trace[0]!.vars.msg).toEqual(str('plain'));
    expect(trace[1]!.vars.msg).toEqual(str('say "hi"\\tab\tnl\n'));
  });

  it('sets, records, functions', () => {
    expect(trace[0]!.vars.held).toEqual(set());
    expect(trace[3]!.vars.held).toEqual(set(mv('p1')));
    expect(trace[3]!.vars.rec).toEqual(rec({ count: int(2), ok: bool(true), tag: str('acq') }));
    expect(Object.keys((trace[3]!.vars.rec as { fields: object }).fields)).toEqual(['count', 'ok', 'tag']);
    expect(trace[3]!.vars.byProc).toEqual(fn([mv('p1'), int(-10)], [mv('p2'), int(0)]));
    expect(trace[0]!.vars.sparse).toEqual(fn([int(0), str('zero')], [int(2), str('two')]));
    expect(trace[1]!.vars.sparse).toEqual(fn([int(0), str('zero')], [int(2), str('TWO')]));
  });

  it('nested values, including ones TLC wrapped over several lines', () => {
    // a function from 1..3 to records containing sequences and sets prints as a sequence
    expect(trace[3]!.vars.slots).toEqual(
      seq(
        rec({ id: int(1), hist: seq(int(-1), int(-3)), who: set(mv('p1')) }),
        rec({ id: int(2), hist: seq(), who: set() }),
        rec({ id: int(3), hist: seq(), who: set() }),
      ),
    );
    expect(trace[3]!.vars.log).toEqual(
      seq(seq(mv('p1'), int(0), set(int(0))), seq(mv('p1'), int(-1), set()), seq(mv('p1'), int(-2), set(int(-2), int(2)))),
    );
    expect(trace[3]!.vars.mix).toEqual(
      rec({
        procs: set(mv('p1'), mv('p2')),
        pairs: set(seq(int(-2), str('b')), seq(int(1), str('a'))),
        sub: fn([mv('p1'), seq(bool(true), set(int(-2), int(2)))], [mv('p2'), seq(bool(false), set())]),
        empty: seq(),
      }),
    );
  });

  it('plain output gives the same trace', () => {
    const plain = parse('Values.plain.out');
    expect(plain.outcome).toEqual(result.outcome);
    expect(plain.trace).toEqual(result.trace);
    expect([plain.statesGenerated, plain.distinctStates, plain.depth, plain.seconds]).toEqual([6, 6, 4, 0]);
  });
});

describe('deadlock', () => {
  const result = parse('Deadlock.out');

  it('outcome, statistics, trace', () => {
    expect(result.outcome).toEqual({ kind: 'deadlock' });
    expect([result.statesGenerated, result.distinctStates, result.depth, result.seconds]).toEqual([17, 17, 4, 0.357]);
    const trace = states(result);
    expect(result.trace!.loop).toBeNull();
    expect(trace.map((s) => s.action)).toEqual([null, 'Take', 'Take']);
    expect(trace.map((s) => s.args)).toEqual([undefined, [mv('W1'), str('a')], [mv('W2'), str('b')]]);
    expect(trace[2]!.vars).toEqual({
      waiting: fn([mv('W1'), str('b')], [mv('W2'), str('a')]),
      events: seq(rec({ who: mv('W1'), took: str('a') }), rec({ who: mv('W2'), took: str('b') })),
      holds: fn([mv('W1'), set(str('a'))], [mv('W2'), set(str('b'))]),
    });
  });
});

describe('temporal property violated', () => {
  it('LiveLoop.out: loops back to state 3', () => {
    const result = parse('LiveLoop.out');
    expect(result.outcome).toEqual({ kind: 'property', names: ['ReachesFive'] });
    expect(result.statesLeftOnQueue).toBe(0);
    expect([result.statesGenerated, result.distinctStates, result.depth, result.seconds]).toEqual([7, 6, 6, 0.384]);
    const trace = states(result);
    expect(trace).toHaveLength(6);
    expect(result.trace!.loop).toEqual({ kind: 'backTo', state: 3 });
    expect(trace.map((s) => s.vars.x)).toEqual([int(-1), int(0), int(1), int(2), int(3), int(0)]);
    expect(trace.map((s) => s.action)).toEqual([null, 'Step', 'Step', 'Step', 'Step', 'Step']);
    expect(trace[5]!.vars.hist).toEqual(
      seq(rec({ at: int(-1), up: bool(true) }), rec({ at: int(0), up: bool(true) })),
    );
    // the state looped back to equals the last state's successor
    expect(trace[2]!.vars.x).toEqual(int(1));
  });

  it('LiveLoop.plain.out: same trace', () => {
    const plain = parse('LiveLoop.plain.out');
    expect(plain.outcome).toEqual({ kind: 'property', names: ['ReachesFive'] });
    expect(plain.trace).toEqual(parse('LiveLoop.out').trace);
  });

  it('LiveStutter.out: ends in stuttering', () => {
    const result = parse('LiveStutter.out');
    expect(result.outcome).toEqual({ kind: 'property', names: ['GetsThree'] });
    expect([result.statesGenerated, result.distinctStates, result.depth, result.seconds]).toEqual([3, 3, 3, 0.342]);
    const trace = states(result);
    expect(trace).toHaveLength(3);
    expect(result.trace!.loop).toEqual({ kind: 'stuttering' });
    expect(trace[2]).toEqual({
      index: 3,
      action: 'Grow',
      location: 'line 15, col 5 to line 17, col 23 of module LiveStutter',
      vars: { s: set(int(10), int(11)), label: str('grown') },
    });
  });

  it('LiveStutter.plain.out: same trace', () => {
    expect(parse('LiveStutter.plain.out').trace).toEqual(parse('LiveStutter.out').trace);
  });
});

describe('invariant violated by an initial state', () => {
  it.each(['InitInvariant.out', 'InitInvariant.plain.out'])('%s', (name) => {
    const result = parse(name);
    expect(result.outcome).toEqual({ kind: 'invariant', name: 'AboveFreezing' });
    expect([result.statesGenerated, result.distinctStates, result.depth]).toEqual([null, null, null]);
    expect(result.trace).toEqual({
      states: [{ index: 1, action: null, vars: { unit: str('C'), temp: int(-40) } }],
      loop: null,
    });
  });
});

describe('constant-level invariant found FALSE', () => {
  it('ConstantInvariant.out: an invariant violation without a trace', () => {
    const result = parse('ConstantInvariant.out');
    expect(result.outcome).toEqual({ kind: 'invariant', name: 'SmallEnough', constantLevel: true });
    expect(result.trace).toBeNull();
  });
});

describe('errors', () => {
  it('ParseError.out: SANY parse error with its location', () => {
    const result = parse('ParseError.out');
    expect(result.outcome).toEqual({
      kind: 'error',
      message: 'Encountered "Beginning of definition" at line 11, column 1 and token "="',
      location: { module: 'ParseError', line: 11, col: 1 },
    });
    expect(result.trace).toBeNull();
    expect([result.statesGenerated, result.distinctStates, result.depth, result.seconds]).toEqual([null, null, null, 0.156]);
    expect(specText('ParseError', 11, 1)).toMatch(/^Spec ==/u);
  });

  it('NestedMessage.out: a failed assumption with the evaluation error framed inside it', () => {
    const result = parse('NestedMessage.out');
    expect(result.outcome.kind).toBe('error');
    if (result.outcome.kind !== 'error') return;
    expect(result.outcome.message).toBe(
      'Evaluating assumption line 6, col 8 to line 6, col 18 of module NestedMessage failed.\nThe second argument of % should be a positive number, but instead it is:\n-3',
    );
    expect(result.outcome.location).toEqual({ module: 'NestedMessage', line: 6, col: 8 });
  });

  it('PrecedenceConflict.out: the message after a blank line, located in TLA+ form', () => {
    const result = parse('PrecedenceConflict.out');
    expect(result.outcome).toEqual({
      kind: 'error',
      message: 'Precedence conflict between ops = in block line 10, col 15 to line 10, col 15 of module PrecedenceConflict and =.',
      location: { module: 'PrecedenceConflict', line: 10, col: 15 },
    });
    expect(specText('PrecedenceConflict', 10, 15)).toMatch(/^= x = 1/u);
  });

  it('LexicalError.out: SANY lexical error with its location', () => {
    const result = parse('LexicalError.out');
    expect(result.outcome.kind).toBe('error');
    if (result.outcome.kind !== 'error') return;
    expect(result.outcome.message).toMatch(/^Lexical error at line 5, column 17\. {2}Encountered: /u);
    expect(result.outcome.location).toEqual({ module: 'LexicalError', line: 5, col: 17 });
  });

  it.each(['SemanticError.out', 'SemanticError.plain.out'])('%s: semantic error with its location', (name) => {
    const result = parse(name);
    expect(result.outcome).toEqual({
      kind: 'error',
      message: "Unknown operator: `Increment'.",
      location: { module: 'SemanticError', line: 9, col: 14 },
    });
    expect(result.trace).toBeNull();
    expect(specText('SemanticError', 9, 14)).toMatch(/^Increment\(x\)/u);
  });

  it('EvalError.out: evaluation error, located at the innermost nested expression', () => {
    const result = parse('EvalError.out');
    expect(result.outcome.kind).toBe('error');
    if (result.outcome.kind !== 'error') return;
    expect(result.outcome.message).toMatch(/^TLC threw an unexpected exception\./u);
    expect(result.outcome.message).toContain('Attempted to access index 3 of tuple\n<<"zero", "one">>\nwhich is out of bounds.');
    expect(result.outcome.location).toEqual({ module: 'EvalError', line: 13, col: 27 });
    expect(specText('EvalError', 13, 27)).toMatch(/^Names\[i\]/u);
    expect([result.statesGenerated, result.distinctStates, result.depth, result.seconds]).toEqual([3, 3, 3, 0.313]);
    const trace = states(result);
    expect(trace.map((s) => s.vars.i)).toEqual([int(1), int(2), int(3)]);
    expect(trace[2]!.vars.seen).toEqual(set(str('zero'), str('one')));
    expect(trace[2]!.action).toBe('Next');
    expect(trace[2]!.args).toBeUndefined();
  });

  it('ConfigError.out: configuration error (a class-1 message with no dedicated code)', () => {
    const result = parse('ConfigError.out');
    expect(result.outcome).toEqual({
      kind: 'error',
      message: 'The invariant Bogus specified in the configuration file\nis not defined in the specification.',
    });
    expect(result.trace).toBeNull();
    expect(result.seconds).toBe(0.216);
  });
});

describe('variations of recorded output', () => {
  it('unframed lines in -tool output (Print output) are not read as trace items', () => {
    const text = fixture('Deadlock.out').replace(
      '@!@!@STARTMSG 2185:0 @!@!@',
      'State 1: <printed by the spec>\n/\\ x = [[[\n@!@!@STARTMSG 2185:0 @!@!@',
    );
    expect(parseTlcOutput(text)).toEqual(parse('Deadlock.out'));
  });

  it('an unnamed action is reported as TLC names it, "Action"', () => {
    const text = fixture('LiveLoop.out').replaceAll('<Step line', '<Action line');
    expect(states(parseTlcOutput(text)).map((s) => s.action)).toEqual([null, 'Action', 'Action', 'Action', 'Action', 'Action']);
  });

  it('an initial predicate with a location keeps it', () => {
    const text = fixture('LiveLoop.out').replace(
      '<Initial predicate>',
      '<Initial predicate line 10, col 5 to line 11, col 15 of module LiveLoop>',
    );
    const first = states(parseTlcOutput(text))[0]!;
    expect(first.action).toBeNull();
    expect(first.location).toBe('line 10, col 5 to line 11, col 15 of module LiveLoop');
  });

  it('reads the human-readable run times of plain output', () => {
    const base = fixture('Success.plain.out');
    const at = (duration: string) =>
      parseTlcOutput(base.replace(/^Finished in 00s at/mu, `Finished in ${duration} at`)).seconds;
    expect(at('07s')).toBe(7);
    expect(at('02min 05s')).toBe(125);
    expect(at('01h 30min')).toBe(5400);
    expect(at('1d 02h')).toBe(93600);
  });
});

describe('parseTlaValue', () => {
  it.each<[string, TlaValue]>([
    ['0', int(0)],
    ['-42', int(-42)],
    ['TRUE', bool(true)],
    ['FALSE', bool(false)],
    ['TRUEish', mv('TRUEish')],
    ['p_1', mv('p_1')],
    ['""', str('')],
    ['"a \\"quoted\\" \\\\ back\\nslash"', str('a "quoted" \\ back\nslash')],
    ['"<<not a seq>> {nor} [a |-> set] :> @@"', str('<<not a seq>> {nor} [a |-> set] :> @@')],
    ['<<>>', seq()],
    ['{}', set()],
    ['<<<<>>>>', seq(seq())],
    ['<<<<1>>, <<>>>>', seq(seq(int(1)), seq())],
    ['{<<1, "a">>, {}}', set(seq(int(1), str('a')), set())],
    ['[a |-> 1, b |-> TRUE]', rec({ a: int(1), b: bool(true) })],
    ['(a :> 1 @@ b :> 2)', fn([mv('a'), int(1)], [mv('b'), int(2)])],
    ['(1 :> <<>>)', fn([int(1), seq()])],
    ['("k" :> -1 @@ <<1>> :> {2})', fn([str('k'), int(-1)], [seq(int(1)), set(int(2))])],
    ['1..3', set(int(1), int(2), int(3))],
    ['-1..0', set(int(-1), int(0))],
    ['3..2', set()],
    [
      '<< [id |-> 1, f |-> (x :> [y |-> <<"s">>])],\n   [id |-> 2, f |-> (x :> [y |-> <<>>])] >>',
      seq(
        rec({ id: int(1), f: fn([mv('x'), rec({ y: seq(str('s')) })]) }),
        rec({ id: int(2), f: fn([mv('x'), rec({ y: seq() })]) }),
      ),
    ],
    ['  [ a |-> 1,\n  b |-> {2} ]  ', rec({ a: int(1), b: set(int(2)) })],
  ])('%s', (text, expected) => {
    expect(parseTlaValue(text)).toEqual(expected);
  });

  it('keeps record field order', () => {
    const v = parseTlaValue('[z |-> 1, a |-> 2, m |-> 3]');
    expect(v.kind === 'record' && Object.keys(v.fields)).toEqual(['z', 'a', 'm']);
  });

  it('keeps a field named __proto__ as a plain field', () => {
    const v = parseTlaValue('[__proto__ |-> 1]');
    expect(v.kind === 'record' && Object.keys(v.fields)).toEqual(['__proto__']);
  });

  it.each(['', '[a |-> ]', '<<1, 2', '1 2', '{1,, 2}', '"open', '[a |-> 1, a |-> 2]', '(a :> 1 @@)', '[S -> T]'])(
    'rejects %j',
    (text) => {
      expect(() => parseTlaValue(text)).toThrow(TlcOutputError);
    },
  );
});

describe('unreadable output', () => {
  it('garbage throws TlcOutputError', () => {
    expect(() => parseTlcOutput('this is not\nTLC output at all\n')).toThrow(TlcOutputError);
  });

  it('empty output throws TlcOutputError', () => {
    expect(() => parseTlcOutput('')).toThrow(TlcOutputError);
  });

  it('a malformed value inside a recorded trace is reported with its line', () => {
    const text = fixture('Values.out').replace('/\\ n = -1\n', '/\\ n = -1 oops\n');
    let error: unknown;
    try {
      parseTlcOutput(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TlcOutputError);
    const line = text.split('\n').indexOf('/\\ n = -1 oops') + 1;
    expect((error as TlcOutputError).line).toBe(line);
    expect((error as TlcOutputError).message).toContain(`line ${line}`);
  });

  it('reports the line of a malformed value in plain output too', () => {
    const text = fixture('LiveLoop.plain.out').replace('/\\ x = 2\n', '/\\ x = 2 ]\n');
    const line = text.split('\n').indexOf('/\\ x = 2 ]') + 1;
    expect(line).toBeGreaterThan(1);
    expect(() => parseTlcOutput(text)).toThrow(expect.objectContaining({ name: 'TlcOutputError', line }));
  });

  it('a record with a repeated field inside a trace is reported with its line', () => {
    const text = fixture('Deadlock.out').replace(
      '/\\ events = <<[who |-> W1, took |-> "a"]>>',
      '/\\ events = <<[who |-> W1, who |-> "a"]>>',
    );
    const line = text.split('\n').indexOf('/\\ events = <<[who |-> W1, who |-> "a"]>>') + 1;
    expect(line).toBeGreaterThan(20);
    expect(() => parseTlcOutput(text)).toThrow(expect.objectContaining({ name: 'TlcOutputError', line }));
  });

  it('a message that is never closed is an error', () => {
    const text = fixture('Deadlock.out').replace(/@!@!@ENDMSG 2114 @!@!@\n/u, '');
    expect(() => parseTlcOutput(text)).toThrow(TlcOutputError);
  });

  it('output cut off before the verdict is an error', () => {
    const text = fixture('LiveLoop.out');
    const cut = text.slice(0, text.indexOf('@!@!@STARTMSG 2116'));
    expect(() => parseTlcOutput(cut)).toThrow(/no verdict/u);
  });
});
