/**
 * Reads the console output of the TLC model checker.
 *
 * The syntax (message framing of `-tool` mode, plain-mode message lines, SANY
 * error reports, trace states and TLC's value syntax) is the ohm grammar in
 * `tlc-output.ohm`, next to this file. The semantics below turn a parse into a
 * flat list of events (one semantic action per grammar rule), and
 * `parseTlcOutput` folds those events into a {@link TlcResult}.
 *
 * In `-tool` mode the EC.java message codes decide what a message is (e.g.
 * 2110 invariant violated, 2114 deadlock, 2116 temporal property violated,
 * 2217 trace state, 2122 back-loop, 2218 stuttering, 3002 parse failure);
 * without `-tool` the same messages are recognised by their text.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ohm from 'ohm-js';

// ---------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------

import type { TlaValue } from '../model/tla-value.js';

export type { TlaValue };

export interface TlcTraceState {
  /** TLC's 1-based state number. */
  index: number;
  /**
   * Operator name of the action that produced the state (`Acquire` for
   * `<Acquire(p1) line ...>`), `Action` when TLC could not name it, and null
   * for the initial state.
   */
  action: string | null;
  /** e.g. "line 26, col 5 to line 36, col 45 of module Values", when TLC printed one. */
  location?: string;
  /** The action's parameter values as TLC printed them (`Take(W1,"a")` gives [W1, "a"]). */
  args?: TlaValue[];
  vars: Record<string, TlaValue>;
}

export type TlcOutcome =
  | { kind: 'ok' }
  /** constantLevel: the invariant reads no variable, and TLC found it FALSE before any state (no trace). */
  | { kind: 'invariant'; name: string; constantLevel?: boolean }
  /** A temporal property violated; `names` as TLC gives them ("Temporal properties A and B were violated."), empty when it does not. */
  | { kind: 'property'; names: string[] }
  | { kind: 'deadlock' }
  /**
   * A counterexample without a word on what it violates, and not from the
   * initial state: TLC's distributed mode (TLCServer) prints only where a
   * worker stopped — the step into a state that breaks an invariant, or the
   * one stuck state of a deadlock.
   */
  | { kind: 'unnamed' }
  | { kind: 'error'; message: string; location?: { module?: string; line: number; col: number } };

export interface TlcResult {
  outcome: TlcOutcome;
  statesGenerated: number | null;
  distinctStates: number | null;
  /**
   * States found but not explored when TLC stopped: 0 for a run that explored
   * the whole graph; more when it stopped at a violation (a liveness check
   * runs periodically, so TLC can stop with states still on its queue, and
   * distinctStates is then a partial count). Null when TLC did not say.
   */
  statesLeftOnQueue: number | null;
  depth: number | null;
  seconds: number | null;
  trace: {
    states: TlcTraceState[];
    loop:
      | { kind: 'backTo'; state: number /* 1-based index of the state the loop goes back to */ }
      | { kind: 'stuttering' }
      | null;
  } | null;
}

/** Thrown on text that is not TLC output this module can read. */
export class TlcOutputError extends Error {
  /** 1-based line of the input where reading failed. */
  readonly line: number;
  /** 1-based column of the input where reading failed. */
  readonly column: number;

  /** The message without the position. */
  readonly reason: string;

  constructor(reason: string, line: number, column = 1) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'TlcOutputError';
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}

// ---------------------------------------------------------------------------
// Grammar
// ---------------------------------------------------------------------------

const grammarPath = join(dirname(fileURLToPath(import.meta.url)), 'tlc-output.ohm');
const grammar: ohm.Grammar = ohm.grammar(readFileSync(grammarPath, 'utf8'));

/** MP.java message classes (the number after the colon in STARTMSG). */
const MP_ERROR = 1;
const MP_TLCBUG = 2;

/** Refuse to enumerate interval values (`1..n`) larger than this. */
const MAX_INTERVAL = 1_000_000;

// ---------------------------------------------------------------------------
// Events produced by the semantics
// ---------------------------------------------------------------------------

interface Loc {
  module?: string;
  line: number;
  col: number;
}

interface Header {
  action: string | null;
  args: TlaValue[] | null;
  location: string | null;
}

type VarList = Array<[string, TlaValue]>;

type Ev =
  | { kind: 'state'; index: number; header: Header | null; vars: VarList }
  | { kind: 'stuttering'; index: number }
  | { kind: 'backTo'; index: number }
  | { kind: 'stats'; generated: number; distinct: number; left: number | null }
  | { kind: 'progress'; depth: number; generated: number; distinct: number; left: number | null }
  | { kind: 'depth'; depth: number }
  | { kind: 'finished'; seconds: number }
  | { kind: 'success' }
  | { kind: 'invariant'; name: string; initialState: VarList | null }
  | { kind: 'deadlock' }
  | { kind: 'property'; text: string }
  | { kind: 'nested'; positions: Loc[] }
  | { kind: 'parseFailed'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'sanyParseError'; message: string; at: Loc | null }
  | { kind: 'sanyFatal'; module: string }
  | { kind: 'sanyCouldNotParse'; module: string }
  | { kind: 'sanySemanticHeader' }
  | { kind: 'sanyWarningHeader' }
  | { kind: 'sanyLocated'; loc: Loc; message: string }
  | { kind: 'sanyMissingModule'; text: string };

interface StatsLine {
  generated: number;
  distinct: number;
  /** States TLC had found but not yet explored, when the line says. */
  left: number | null;
}
interface ProgressLine extends StatsLine {
  depth: number;
}

type N = ohm.Node;

/** Text of message lines, without the trailing blank lines TLC adds. */
function messageBody(node: N): string {
  return node.sourceString.replace(/^@!@!@(?:START|END)MSG .*\n?/gmu, '').replace(/\s+$/u, '');
}

function toInt(text: string, node: N): number {
  const n = Number(text.replace(/,/gu, ''));
  if (!Number.isSafeInteger(n)) {
    const { lineNum, colNum } = node.source.getLineAndColumn();
    throw new TlcOutputError(`number ${text} is out of range`, lineNum, colNum);
  }
  return n;
}

const semantics = grammar.createSemantics();

// ----- events --------------------------------------------------------------

semantics.addOperation<Ev[]>('events', {
  _iter(...children) {
    return children.flatMap((c) => c.events() as Ev[]);
  },

  // -tool mode
  toolOutput(items, _end) {
    return items.events();
  },
  toolItem(item) {
    return item.events();
  },
  toolMessage(message) {
    return message.events();
  },
  msgState(_start, head, vars, _blank, _end) {
    const { index, header } = head.numberedHead() as { index: number; header: Header };
    return [{ kind: 'state', index, header, vars: optVars(vars) }];
  },
  msgStateNoAction(_start, index, _colon, _hsp, _eol, vars, _blank, _end) {
    return [{ kind: 'state', index: index.num(), header: null, vars: optVars(vars) }];
  },
  msgStuttering(_start, index, _colon, _hsp1, _word, _hsp2, _eol, _blank, _end) {
    return [{ kind: 'stuttering', index: index.num() }];
  },
  msgBackTo(_start, index, _text, _action, _hsp, _eol, _blank, _end) {
    return [{ kind: 'backTo', index: index.num() }];
  },
  msgStats(_start, line, _hsp, _eol, _blank, _end) {
    return [{ kind: 'stats', ...(line.statsLine() as StatsLine) }];
  },
  msgProgress(_start, line, _hsp, _eol, _blank, _end) {
    return [{ kind: 'progress', ...(line.progressLine() as ProgressLine) }];
  },
  msgDepth(_start, line, _hsp, _eol, _blank, _end) {
    return [{ kind: 'depth', depth: line.depthLine() }];
  },
  msgFinished(_start, line, _hsp, _eol, _blank, _end) {
    return [{ kind: 'finished', seconds: line.finishedLine() }];
  },
  msgSuccess(_start, _text, _end) {
    return [{ kind: 'success' }];
  },
  msgInvariant(_start, line, _hsp, _eol, _blank, _end) {
    return [{ kind: 'invariant', name: line.invariantName(), initialState: null }];
  },
  msgInvariantInit(_start, line, _hsp, _eol, vars, _blank, _end) {
    return [{ kind: 'invariant', name: line.invariantName(), initialState: optVars(vars) }];
  },
  msgDeadlock(_start, _text, _end) {
    return [{ kind: 'deadlock' }];
  },
  msgTemporal(_start, text, _end) {
    return [{ kind: 'property', text: messageBody(text) }];
  },
  msgPropertyViolated(_start, text, _end) {
    return [{ kind: 'property', text: messageBody(text) }];
  },
  msgNested(_start, _intro, body, _end) {
    return [{ kind: 'nested', positions: body.nestedLocs() }];
  },
  msgTraceIntro(_start, _text, _end) {
    return [];
  },
  msgParseFailed(_start, text, _end) {
    return [{ kind: 'parseFailed', text: messageBody(text) }];
  },
  msgOther(start, text, _end) {
    const cls = start.msgClass() as number;
    return cls === MP_ERROR || cls === MP_TLCBUG ? [{ kind: 'error', text: messageBody(text) }] : [];
  },

  // plain mode
  plainOutput(items, _end) {
    return items.events();
  },
  plainItem(item) {
    return item.events();
  },
  plainState(_state, index, _colon, header, _hsp, _eol, vars, _blank) {
    return [{ kind: 'state', index: index.num(), header: header.header(), vars: optVars(vars) }];
  },
  plainStuttering(_state, index, _colon, _hsp1, _word, _hsp2, _eol, _blank) {
    return [{ kind: 'stuttering', index: index.num() }];
  },
  plainBackTo(_text, index, _action, _hsp, _eol, _blank) {
    return [{ kind: 'backTo', index: index.num() }];
  },
  plainStats(line, _hsp, _eol) {
    return [{ kind: 'stats', ...(line.statsLine() as StatsLine) }];
  },
  plainProgress(line, _hsp, _eol) {
    return [{ kind: 'progress', ...(line.progressLine() as ProgressLine) }];
  },
  plainDepth(line, _hsp, _eol) {
    return [{ kind: 'depth', depth: line.depthLine() }];
  },
  plainFinished(line, _hsp, _eol) {
    return [{ kind: 'finished', seconds: line.finishedLine() }];
  },
  plainSuccess(_text, _hsp, _eol) {
    return [{ kind: 'success' }];
  },
  plainInvariantInit(_error, line, _hsp, _eol, vars, _blank) {
    return [{ kind: 'invariant', name: line.invariantName(), initialState: optVars(vars) }];
  },
  plainInvariant(_error, line, _hsp, _eol) {
    return [{ kind: 'invariant', name: line.invariantName(), initialState: null }];
  },
  plainDeadlock(_text, _hsp, _eol) {
    return [{ kind: 'deadlock' }];
  },
  plainTemporal(_error, text, _eol) {
    return [{ kind: 'property', text: text.sourceString.trim() }];
  },
  plainPropertyViolated(_error, text, _eol) {
    return [{ kind: 'property', text: text.sourceString.trim() }];
  },
  plainNested(_error, _intro, body) {
    return [{ kind: 'nested', positions: body.nestedLocs() }];
  },
  plainTraceIntro(_error, _intro, _hsp, _eol) {
    return [];
  },
  plainParseFailed(_text, rest, _eol) {
    return [{ kind: 'parseFailed', text: `Parsing or semantic analysis failed.${rest.sourceString}`.trim() }];
  },
  plainError(_error, first, _eol, more) {
    const lines = [first.sourceString, ...more.children.map((c) => c.sourceString.replace(/\n$/u, ''))];
    return [{ kind: 'error', text: lines.join('\n').trim() }];
  },
  toolTextLine(_line) {
    return [];
  },
  plainTextLine(_line) {
    return [];
  },

  // SANY
  sanyItem(item) {
    return item.events();
  },
  sanyParseError(_title, _hsp, _eol, _blank, detail) {
    return [detail.sanyParseDetail() as Ev];
  },
  sanyLexicalError(_text, at, rest, _eol) {
    return [{ kind: 'sanyParseError', message: `Lexical error at ${at.sourceString}${rest.sourceString}`.trim(), at: at.loc() }];
  },
  sanyFatal(_text, module, _hsp, _eol) {
    return [{ kind: 'sanyFatal', module: module.sourceString }];
  },
  sanyCouldNotParse(_text, module, _from, _file, _eol) {
    return [{ kind: 'sanyCouldNotParse', module: module.sourceString }];
  },
  sanySemanticHeader(_text, _hsp, _eol) {
    return [{ kind: 'sanySemanticHeader' }];
  },
  sanyWarningHeader(_text, _count, _hsp, _eol) {
    return [{ kind: 'sanyWarningHeader' }];
  },
  sanyLocatedMessage(location, _hsp, _eol, _blank, detail) {
    const message = detail.children.map((c) => c.sourceString.trim()).join('\n');
    return [{ kind: 'sanyLocated', loc: location.loc(), message }];
  },
  sanyMissingModule(_text, _module, _rest, _eol) {
    return [{ kind: 'sanyMissingModule', text: this.sourceString.trim() }];
  },

  textLine(_line) {
    return [];
  },
});

function optVars(opt: N): VarList {
  return opt.children.length === 0 ? [] : (opt.children[0]!.vars() as VarList);
}

semantics.addOperation<Ev>('sanyParseDetail', {
  sanyParseDetail_located(text, _eol) {
    return { kind: 'sanyParseError', message: text.sourceString.trim(), at: text.sanyLineColumn() };
  },
  sanyParseDetail_unlocated(text, _eol) {
    return { kind: 'sanyParseError', message: text.sourceString.trim(), at: findLocation(text.sourceString) ?? null };
  },
});

semantics.addOperation<Loc>('sanyLineColumn', {
  sanyLineColumnText(_before, at, _rest) {
    return at.loc();
  },
});

// ----- message pieces -----------------------------------------------------

semantics.addOperation<number>('msgClass', {
  startTag(_open, _code, _colon, cls, _close, _hsp, _eol) {
    return Number(cls.sourceString);
  },
});

semantics.addOperation<{ index: number; header: Header }>('numberedHead', {
  numberedHead(index, _colon, header, _hsp, _eol) {
    return { index: index.num(), header: header.header() };
  },
});

semantics.addOperation<string>('invariantName', {
  invariantViolated(_text, name, _rest) {
    return name.sourceString;
  },
  invariantViolatedInit(_text, name, _rest) {
    return name.sourceString;
  },
});

semantics.addOperation<Loc[]>('nestedLocs', {
  nestedBody(items) {
    return items.children.flatMap((c) => c.nestedLocs() as Loc[]);
  },
  nestedPosition(_index, _dot, location, _hsp, _eol) {
    return [location.loc()];
  },
  nestedOther(_line) {
    return [];
  },
});

semantics.addOperation<Loc>('loc', {
  tlaLocation(_l, line, _c, col, _to, _el, _c2, _ec, _of, module) {
    return { module: module.sourceString, line: line.num(), col: col.num() };
  },
  nestedLocation(_l, line, _c, col, _to, _el, _c2, _ec, _in, module) {
    return { module: module.sourceString, line: line.num(), col: col.num() };
  },
  lineColumn(_l, line, _c, col) {
    return { line: line.num(), col: col.num() };
  },
  locationSearch(_before, location, _after) {
    return location.loc();
  },
});

semantics.addOperation<number>('num', {
  nat(_digits) {
    return toInt(this.sourceString, this);
  },
  count(_first, _commas, _d1, _d2, _d3) {
    return toInt(this.sourceString, this);
  },
});

/** The `, K states left on queue` of a stats or progress line, if present. */
function queueLeft(opt: N): number | null {
  return opt.children.length === 0 ? null : (opt.children[0]!.children[1]!.num() as number);
}

semantics.addOperation<StatsLine>('statsLine', {
  statsLine(generated, _t1, distinct, _t2, queue, _dot) {
    return { generated: generated.num(), distinct: distinct.num(), left: queueLeft(queue) };
  },
});

semantics.addOperation<ProgressLine>('progressLine', {
  progressLine(_p, depth, _at, _time, _colon, generated, _t1, _r1, _comma, distinct, _t2, _r2, queue, _dot) {
    return { depth: depth.num(), generated: generated.num(), distinct: distinct.num(), left: queueLeft(queue) };
  },
});

semantics.addOperation<number>('depthLine', {
  depthLine(_text, depth, _dot) {
    return depth.num();
  },
});

semantics.addOperation<number>('finishedLine', {
  finishedLine(_text, duration, _at, _when, _close) {
    return duration.seconds();
  },
});

semantics.addOperation<number>('seconds', {
  duration(first, _spaces, rest) {
    return [first, ...rest.children].reduce((sum, part) => sum + (part.seconds() as number), 0);
  },
  durationPart(amount, unit) {
    const n = amount.num() as number;
    switch (unit.sourceString) {
      case 'ms':
        return n / 1000;
      case 's':
        return n;
      case 'min':
        return n * 60;
      case 'h':
        return n * 3600;
      case 'd':
        return n * 86400;
      default:
        throw new Error(`unreachable duration unit ${unit.sourceString}`);
    }
  },
});

// ----- trace states -------------------------------------------------------

semantics.addOperation<Header>('header', {
  actionHeader(_open, label, location, _close) {
    const { action, args } = label.label() as { action: string | null; args: TlaValue[] | null };
    const loc = location.children.length === 0 ? null : (location.children[0]!.locText() as string);
    return { action, args, location: loc };
  },
});

semantics.addOperation<string>('locText', {
  actionLocation(_space, text) {
    return text.sourceString;
  },
});

semantics.addOperation<{ action: string | null; args: TlaValue[] | null }>('label', {
  actionLabel_initial(_text) {
    return { action: null, args: null };
  },
  actionLabel_named(name, args) {
    const list = args.children.length === 0 ? null : (args.children[0]!.valueItems() as TlaValue[]);
    return { action: name.sourceString, args: list };
  },
});

semantics.addOperation<VarList>('vars', {
  stateVars_conjunction(conjuncts) {
    return conjuncts.children.flatMap((c) => c.vars() as VarList);
  },
  stateVars_single(single) {
    return single.vars();
  },
  conjunctVar(_conj, name, _eq, value, _hsp, _eol) {
    return [[name.sourceString, value.tlaValue()]];
  },
  singleVar(name, _eq, value, _hsp, _eol) {
    return [[name.sourceString, value.tlaValue()]];
  },
});

// ----- values -------------------------------------------------------------

semantics.addOperation<TlaValue>('tlaValue', {
  valueOnly(_ws1, value, _ws2, _end) {
    return value.tlaValue();
  },
  value(v) {
    return v.tlaValue();
  },
  seqValue(_open, _ws1, list, _ws2, _close) {
    return { kind: 'seq', items: optItems(list) };
  },
  setValue(_open, _ws1, list, _ws2, _close) {
    return { kind: 'set', items: optItems(list) };
  },
  recordValue(_open, _ws1, first, _ws2, _commas, _ws3, rest, _ws4, _close) {
    const entries = [first, ...rest.children].map((f) => f.field() as [string, TlaValue]);
    const seen = new Set<string>();
    for (const [name] of entries) {
      if (seen.has(name)) {
        const { lineNum, colNum } = this.source.getLineAndColumn();
        throw new TlcOutputError(`record has field ${name} twice`, lineNum, colNum);
      }
      seen.add(name);
    }
    return { kind: 'record', fields: Object.fromEntries(entries) };
  },
  fnValue(_open, _ws1, first, _ws2, _ats, _ws3, rest, _ws4, _close) {
    return { kind: 'fn', pairs: [first, ...rest.children].map((p) => p.pair() as [TlaValue, TlaValue]) };
  },
  intervalValue(lo, _dots, hi) {
    const a = (lo.tlaValue() as { value: number }).value;
    const b = (hi.tlaValue() as { value: number }).value;
    if (b - a + 1 > MAX_INTERVAL) {
      const { lineNum, colNum } = this.source.getLineAndColumn();
      throw new TlcOutputError(`interval ${this.sourceString} is too large to enumerate`, lineNum, colNum);
    }
    const items: TlaValue[] = [];
    for (let i = a; i <= b; i++) items.push({ kind: 'int', value: i });
    return { kind: 'set', items };
  },
  intValue(_minus, _digits) {
    return { kind: 'int', value: toInt(this.sourceString, this) };
  },
  boolValue(word) {
    return { kind: 'bool', value: word.sourceString === 'TRUE' };
  },
  modelValue(_ident) {
    return { kind: 'modelValue', name: this.sourceString };
  },
  stringValue(_open, chars, _close) {
    return { kind: 'string', value: chars.children.map((c) => c.chars() as string).join('') };
  },
});

function optItems(opt: N): TlaValue[] {
  return opt.children.length === 0 ? [] : (opt.children[0]!.valueItems() as TlaValue[]);
}

semantics.addOperation<TlaValue[]>('valueItems', {
  valueList(first, _ws1, _commas, _ws2, rest) {
    return [first, ...rest.children].map((v) => v.tlaValue() as TlaValue);
  },
  actionArgs(_open, _ws1, list, _ws2, _close) {
    return optItems(list);
  },
});

semantics.addOperation<[string, TlaValue]>('field', {
  recordField(name, _ws1, _arrow, _ws2, value) {
    return [name.sourceString, value.tlaValue()];
  },
});

semantics.addOperation<[TlaValue, TlaValue]>('pair', {
  fnPair(key, _ws1, _arrow, _ws2, value) {
    return [key.tlaValue(), value.tlaValue()];
  },
});

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', t: '\t', n: '\n', f: '\f', r: '\r' };

semantics.addOperation<string>('chars', {
  stringChar_escape(_backslash, ch) {
    return ESCAPES[ch.sourceString] ?? `\\${ch.sourceString}`;
  },
  stringChar_plain(ch) {
    return ch.sourceString;
  },
});

// ---------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------

function matchOrThrow(text: string, startRule: string, what: string, firstLine = 1): ohm.MatchResult {
  const result = grammar.match(text, startRule);
  if (result.failed()) {
    const pos = result.getRightmostFailurePosition();
    const { line, column } = lineAndColumn(text, pos);
    const lineText = text.split('\n')[line - 1] ?? '';
    throw new TlcOutputError(
      `cannot read ${what}: ${result.shortMessage.replace(/^Line \d+, col \d+: /u, '')}; the line is: ${JSON.stringify(lineText)}`,
      firstLine + line - 1,
      column,
    );
  }
  return result;
}

function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

function lastLine(text: string): number {
  return text.replace(/\n+$/u, '').split('\n').length;
}

interface Chunk {
  text: string;
  /** 1-based line of the whole output where the chunk starts. */
  line: number;
}

/**
 * Cuts the output into pieces that each are a sequence of whole grammar items,
 * so that each is matched on its own. The result is the same as matching the
 * whole text at once, but Ohm's memo table (about 1 KB per input character)
 * only ever holds one piece: a long trace does not need gigabytes.
 *
 * -tool mode: every STARTMSG..ENDMSG frame is a piece, and so is each run of
 * unframed lines. Plain mode: a piece starts at each line that starts a trace
 * state or an "Error: " message (no grammar item continues across those).
 */
function chunks(text: string, tool: boolean): Chunk[] {
  const lines = text.split(/(?<=\n)/u);
  const result: Chunk[] = [];
  let current: string[] = [];
  let currentLine = 1;
  /** How many frames are open: a frame may hold frames of its own. */
  let depth = 0;
  const flush = (nextLine: number): void => {
    if (current.length > 0) result.push({ text: current.join(''), line: currentLine });
    current = [];
    currentLine = nextLine;
  };
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (tool) {
      if (line.startsWith('@!@!@STARTMSG ')) {
        if (depth === 0) flush(lineNo);
        depth++;
      }
      current.push(line);
      if (depth > 0 && line.startsWith('@!@!@ENDMSG ')) {
        depth--;
        if (depth === 0) flush(lineNo + 1);
      }
    } else {
      if (/^(?:State \d|Error: )/u.test(line)) flush(lineNo);
      current.push(line);
    }
  });
  flush(lines.length + 1);
  return result;
}

/** Parses one value in the syntax TLC prints, e.g. `(a :> <<1, "x">> @@ b :> {})`. */
export function parseTlaValue(text: string): TlaValue {
  const normalized = text.replace(/\r\n/gu, '\n');
  return semantics(matchOrThrow(normalized, 'valueOnly', 'TLA+ value')).tlaValue() as TlaValue;
}

/**
 * Reads the console output of one TLC run, with or without `-tool`.
 * Throws {@link TlcOutputError} when the text is not TLC output it can read,
 * including output without a final verdict (e.g. a run that was killed).
 */
export function parseTlcOutput(text: string): TlcResult {
  const normalized = text.replace(/\r\n/gu, '\n');
  const tool = /^@!@!@STARTMSG \d+:\d+ @!@!@$/mu.test(normalized);
  const rule = tool ? 'toolOutput' : 'plainOutput';
  const what = tool ? 'TLC -tool output' : 'TLC output';
  const events: Ev[] = [];
  for (const chunk of chunks(normalized, tool)) {
    const match = matchOrThrow(chunk.text, rule, what, chunk.line);
    let chunkEvents: Ev[];
    try {
      chunkEvents = semantics(match).events() as Ev[];
    } catch (e) {
      // positions found by semantic actions are relative to the chunk
      if (e instanceof TlcOutputError) throw new TlcOutputError(e.reason, chunk.line + e.line - 1, e.column);
      throw e;
    }
    for (const ev of chunkEvents) events.push(ev);
  }
  return fold(events, normalized);
}

// ---------------------------------------------------------------------------
// Folding events into a result
// ---------------------------------------------------------------------------

function fold(events: Ev[], text: string): TlcResult {
  let outcome: TlcOutcome | null = null;
  let errorIndex = -1;
  let initialState: VarList | null = null;

  let stats: StatsLine | null = null;
  let progress: ProgressLine | null = null;
  let depth: number | null = null;
  let seconds: number | null = null;

  const states: TlcTraceState[] = [];
  let loop: NonNullable<TlcResult['trace']>['loop'] = null;
  let traceClosed = false;

  events.forEach((ev, i) => {
    switch (ev.kind) {
      case 'success':
        outcome ??= { kind: 'ok' };
        break;
      case 'invariant':
        if (outcome === null) {
          outcome = { kind: 'invariant', name: ev.name };
          initialState = ev.initialState;
        }
        break;
      case 'deadlock':
        outcome ??= { kind: 'deadlock' };
        break;
      case 'property':
        outcome ??= { kind: 'property', names: violatedPropertyNames(ev.text) };
        break;
      case 'parseFailed':
        if (outcome === null) {
          outcome = sanyOutcome(events, ev.text);
          errorIndex = i;
        }
        break;
      case 'error': {
        if (outcome !== null) break;
        // An invariant without variables is evaluated once, as a constant; when it is FALSE TLC says
        // so in an error message of its own, with no state to show.
        const constant = /^The invariant of (\S+) is equal to FALSE$/u.exec(ev.text.trim());
        outcome = constant ? { kind: 'invariant', name: constant[1]!, constantLevel: true } : { kind: 'error', message: ev.text };
        errorIndex = i;
        break;
      }
      case 'state':
        // Only the first trace: a second "state 1" starts another trace (e.g. -continue).
        if (traceClosed || (ev.index === 1 && states.length > 0)) {
          traceClosed = true;
          break;
        }
        states.push(traceState(ev));
        break;
      case 'backTo':
        if (!traceClosed && loop === null) loop = { kind: 'backTo', state: ev.index };
        traceClosed = true;
        break;
      case 'stuttering':
        if (!traceClosed && loop === null) loop = { kind: 'stuttering' };
        traceClosed = true;
        break;
      case 'stats':
        stats = { generated: ev.generated, distinct: ev.distinct, left: ev.left };
        break;
      case 'progress':
        progress = ev;
        break;
      case 'depth':
        depth = ev.depth;
        break;
      case 'finished':
        seconds = ev.seconds;
        break;
      default:
        break;
    }
  });

  // A trace, then the final counts, and no verdict: how TLCServer reports a violation.
  if (outcome === null && states.length > 0 && stats !== null) outcome = { kind: 'unnamed' };
  if (outcome === null) {
    throw new TlcOutputError(
      'TLC output has no verdict (no success, violation, or error message); the run may have been interrupted, or this is not TLC output',
      lastLine(text),
    );
  }

  // A generic error: take the innermost position of TLC's evaluation call stack,
  // else a location mentioned in the message itself.
  const decided = outcome as TlcOutcome;
  if (decided.kind === 'error' && decided.location === undefined && errorIndex >= 0) {
    const nested = events.slice(errorIndex).find((e): e is Extract<Ev, { kind: 'nested' }> => e.kind === 'nested');
    const innermost = nested?.positions[nested.positions.length - 1];
    const location = innermost ?? findLocation(decided.message);
    if (location) outcome = { ...decided, location };
  }

  if (states.length === 0 && initialState !== null) {
    states.push({ index: 1, action: null, vars: varsRecord(initialState) });
  }

  const s = stats as StatsLine | null;
  const p = progress as ProgressLine | null;
  return {
    outcome,
    statesGenerated: s?.generated ?? p?.generated ?? null,
    distinctStates: s?.distinct ?? p?.distinct ?? null,
    statesLeftOnQueue: s !== null ? s.left : (p?.left ?? null),
    depth: depth ?? p?.depth ?? null,
    seconds,
    trace: states.length === 0 ? null : { states, loop },
  };
}

/** The property names of "Temporal properties NoLostWakeup and Termination were violated." (none for "Temporal properties were violated."). */
function violatedPropertyNames(text: string): string[] {
  const m = /Temporal propert(?:y|ies) (.+?) (?:is|are|was|were) violated/u.exec(text);
  return m ? m[1]!.split(/, and |, | and /u).map((n) => n.trim()).filter((n) => /^[A-Za-z_]\w*$/u.test(n)) : [];
}

function traceState(ev: Extract<Ev, { kind: 'state' }>): TlcTraceState {
  const state: TlcTraceState = {
    index: ev.index,
    action: ev.index === 1 ? null : (ev.header?.action ?? null),
    vars: varsRecord(ev.vars),
  };
  if (ev.header?.location) state.location = ev.header.location;
  if (ev.header?.args) state.args = ev.header.args;
  return state;
}

function varsRecord(vars: VarList): Record<string, TlaValue> {
  const seen = new Set<string>();
  for (const [name] of vars) {
    if (seen.has(name)) throw new TlcOutputError(`state assigns variable ${name} twice`, 1);
    seen.add(name);
  }
  return Object.fromEntries(vars);
}

function findLocation(message: string): Loc | undefined {
  const result = grammar.match(message, 'locationSearch');
  return result.succeeded() ? (semantics(result).loc() as Loc) : undefined;
}

/**
 * Builds the outcome of a parse/semantic failure from what SANY printed before
 * TLC's "Parsing or semantic analysis failed." message.
 */
function sanyOutcome(events: Ev[], fallback: string): TlcOutcome {
  let fatalModule: string | undefined;
  let failedModule: string | undefined;
  let parseError: Extract<Ev, { kind: 'sanyParseError' }> | undefined;
  let semanticError: Extract<Ev, { kind: 'sanyLocated' }> | undefined;
  let missing: string | undefined;
  let section: 'none' | 'errors' | 'warnings' = 'none';

  for (const ev of events) {
    switch (ev.kind) {
      case 'sanyParseError':
        parseError ??= ev;
        break;
      case 'sanyFatal':
        fatalModule ??= ev.module;
        break;
      case 'sanyCouldNotParse':
        failedModule ??= ev.module;
        break;
      case 'sanySemanticHeader':
        section = 'errors';
        break;
      case 'sanyWarningHeader':
        section = 'warnings';
        break;
      case 'sanyLocated':
        if (section === 'errors') semanticError ??= ev;
        break;
      case 'sanyMissingModule':
        missing ??= ev.text;
        break;
      default:
        break;
    }
  }

  if (parseError) {
    const module = failedModule ?? fatalModule;
    const location = parseError.at ? { ...(module ? { module } : {}), ...parseError.at } : undefined;
    return location ? { kind: 'error', message: parseError.message, location } : { kind: 'error', message: parseError.message };
  }
  if (semanticError) return { kind: 'error', message: semanticError.message, location: semanticError.loc };
  if (missing) return { kind: 'error', message: missing };
  return { kind: 'error', message: fallback };
}
