import { describe, expect, it } from 'vitest';
import { checkTlaSyntax } from '../../src/emit/tla-syntax.ts';

// Close to what the emitter produces: every construct the generated specs use.
const VALID = String.raw`---------------------------- MODULE DaxLock ----------------------------
(* A model of XArray entry locking, used to check the generated spec. *)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS Threads, Indices, MaxOps

VARIABLES entries, \* index -> record of lock state
          waiters,
          pc

vars == <<entries, waiters, pc>>

Locked(e) == e.locked

Init ==
    /\ entries = [i \in Indices |-> [locked |-> FALSE, owner |-> "none", gen |-> 0]]
    /\ waiters = <<>>
    /\ pc = [t \in Threads |-> "idle"]

Lock(t, i) ==
    /\ pc[t] = "idle"
    /\ ~Locked(entries[i])
    /\ entries' = [entries EXCEPT ![i].locked = TRUE, ![i].owner = t]
    /\ pc' = [pc EXCEPT ![t] = "locked"]
    /\ UNCHANGED waiters

Unlock(t, i) ==
    /\ pc[t] = "locked"
    /\ entries[i].owner = t
    /\ entries' = [entries EXCEPT ![i] = [@ EXCEPT !.locked = FALSE, !.gen = @ + 1]]
    /\ pc' = [pc EXCEPT ![t] = "idle"]
    /\ UNCHANGED waiters

Wait(t, i) ==
    LET e == entries[i]
        w == <<t, i>>
    IN  /\ Locked(e)
        /\ IF Len(waiters) < MaxOps
              THEN waiters' = Append(waiters, w)
              ELSE waiters' = waiters
        /\ UNCHANGED <<entries, pc>>

Wake ==
    /\ waiters # <<>>
    /\ waiters' = SubSeq(waiters, 2, Len(waiters))
    /\ UNCHANGED <<entries, pc>>

WaitersFor(i) == SelectSeq(waiters, LAMBDA w : w[2] = i)

State(t) ==
    CASE pc[t] = "idle"   -> 0
      [] pc[t] = "locked" -> 1
      [] OTHER            -> 2

Next ==
    \/ \E t \in Threads, i \in Indices : Lock(t, i) \/ Unlock(t, i) \/ Wait(t, i)
    \/ Wake

Fairness == \A t \in Threads : WF_vars(\E i \in Indices : Unlock(t, i))

Spec == Init /\ [][Next]_vars /\ Fairness

TypeOK ==
    /\ \A i \in Indices : entries[i].locked \in BOOLEAN
    /\ Cardinality({t \in Threads : pc[t] = "locked"}) <= Cardinality(Threads)

Mutex == \A t1, t2 \in Threads : (pc[t1] = "locked" /\ pc[t2] = "locked") => t1 = t2

Progress == \A t \in Threads : pc[t] = "locked" ~> pc[t] = "idle"

Extra == (1 :> "a") @@ (2 :> "b")
Pairs == {<<a, b>> : a \in Threads, b \in Indices}
Fn[n \in Nat] == IF n = 0 THEN 1 ELSE n * Fn[n - 1]
Sum(s) == LET f[x \in SUBSET s] == IF x = {} THEN 0 ELSE 1 IN f[s]
Rec == [r \in [a : BOOLEAN, b : Nat] |-> r.a]

Alias == [entries |-> entries, pc |-> pc, ws |-> Len(WaitersFor(1))]
=============================================================================
`;

/** 1-based line of the first line containing (or, for a RegExp, matching) `needle`. */
function lineOf(text: string, needle: string | RegExp): number {
  const idx = text.split('\n').findIndex((l) => (typeof needle === 'string' ? l.includes(needle) : needle.test(l)));
  if (idx < 0) throw new Error(`needle not found: ${needle}`);
  return idx + 1;
}

/** Replace exactly one occurrence, so a drifting fixture fails loudly. */
function mutate(text: string, from: string, to: string): string {
  const first = text.indexOf(from);
  if (first < 0 || text.indexOf(from, first + 1) >= 0) throw new Error(`not exactly one: ${from}`);
  return text.replace(from, to);
}

describe('checkTlaSyntax', () => {
  it('accepts a realistic module', async () => {
    expect(await checkTlaSyntax(VALID)).toEqual([]);
  });

  it('accepts a minimal module', async () => {
    expect(await checkTlaSyntax('---- MODULE M ----\nVARIABLE x\nInit == x = 0\n====\n')).toEqual([]);
  });

  it('missing == on a multi-line definition: reported at the next token, plus a MISSING ==', async () => {
    const text = mutate(VALID, 'Wake ==\n', 'Wake\n');
    const problems = await checkTlaSyntax(text);
    const wake = lineOf(text, /^Wake$/);
    // The grammar takes `Wake` as a name and only fails at the first bullet
    // on the following line; it then inserts the `==` two lines further on,
    // before `<<entries, pc>>` of the last conjunct.
    expect(problems[0]).toMatchObject({ line: wake + 1, col: 5, kind: 'error' });
    expect(problems).toContainEqual({ line: wake + 3, col: 17, kind: 'missing', text: '==' });
  });

  it('missing == on a one-line definition: reported on that line', async () => {
    const text = mutate(VALID, 'Mutex ==', 'Mutex');
    const problems = await checkTlaSyntax(text);
    const line = lineOf(text, 'Mutex \\A');
    expect(problems[0]).toMatchObject({ line, col: 8, kind: 'error' });
    expect(problems).toContainEqual({ line, col: 48, kind: 'missing', text: '==' });
  });

  it('unclosed parenthesis: the module-wide ERROR is anchored at the broken definition', async () => {
    const text = mutate(VALID, 'Threads : (pc[t1]', 'Threads : ((pc[t1]');
    const problems = await checkTlaSyntax(text);
    const line = lineOf(text, 'Mutex ==');
    // Without anchoring this would be 1:1 (the whole module is one ERROR).
    expect(problems[0]).toMatchObject({ line, col: 1, kind: 'error' });
    expect(problems[0].text.startsWith('Mutex == ')).toBe(true);
    expect(problems[1]).toMatchObject({ line, col: 84, kind: 'error', text: 't2' });
    // Recovery cascades through the rest of the file.
    expect(problems.length).toBeGreaterThan(2);
  });

  it('extra closing parenthesis', async () => {
    const text = mutate(VALID, '<= Cardinality(Threads)', '<= Cardinality(Threads))');
    const line = lineOf(text, 'Cardinality(Threads))');
    expect(await checkTlaSyntax(text)).toEqual([{ line, col: 79, kind: 'error', text: ')' }]);
  });

  it('missing ==== module end: reported at the end of the input', async () => {
    const text = VALID.replace(/^=+\n$/m, '');
    const lines = text.split('\n').length; // trailing newline: last entry is the empty line after it
    expect(await checkTlaSyntax(text)).toEqual([{ line: lines, col: 1, kind: 'error', text: '(end of input)' }]);
  });

  it('missing ==== without a trailing newline: end of the last line', async () => {
    expect(await checkTlaSyntax('---- MODULE M ----\nI == 1')).toEqual([
      { line: 2, col: 7, kind: 'error', text: '(end of input)' },
    ]);
  });

  it('stray keyword after a conjunct', async () => {
    const text = mutate(VALID, '        /\\ UNCHANGED <<entries, pc>>\n', '        /\\ UNCHANGED <<entries, pc>> THEN\n');
    const line = lineOf(text, 'pc>> THEN');
    expect(await checkTlaSyntax(text)).toEqual([{ line, col: 38, kind: 'error', text: 'THEN' }]);
  });

  it('stray closing parenthesis in two definitions: both reported, in order', async () => {
    const text = VALID.replaceAll('    /\\ UNCHANGED waiters\n', '    /\\ UNCHANGED waiters )\n');
    const first = lineOf(text, 'UNCHANGED waiters )');
    const problems = await checkTlaSyntax(text);
    expect(problems).toEqual([
      { line: first, col: 26, kind: 'error', text: ')' },
      { line: first + 7, col: 26, kind: 'error', text: ')' },
    ]);
  });

  it('stray identifier line between definitions: reported on the next line', async () => {
    // `garbage` becomes the name of the next definition and `Extra` is the error.
    const text = mutate(VALID, '\nExtra ==', '\ngarbage\nExtra ==');
    expect(await checkTlaSyntax(text)).toEqual([
      { line: lineOf(text, 'garbage') + 1, col: 1, kind: 'error', text: 'Extra' },
    ]);
  });

  it('stray punctuation inside a set constructor', async () => {
    const text = mutate(VALID, '{<<a, b>> :', '{<<a, b>> ; :');
    expect(await checkTlaSyntax(text)).toEqual([
      { line: lineOf(text, 'Pairs =='), col: 11, kind: 'error', text: '<<a, b>> ; :' },
    ]);
  });

  it('columns count UTF-16 code units, like JS string indices', async () => {
    const problems = await checkTlaSyntax('---- MODULE M ----\nInit == "é😀" )\n====\n');
    expect(problems).toEqual([{ line: 2, col: 'Init == "é😀" '.length + 1, kind: 'error', text: ')' }]);
  });

  it('is safe to call concurrently (shared parser, loaded once)', async () => {
    const broken = mutate(VALID, 'Wake ==\n', 'Wake\n');
    const [a, b, c] = await Promise.all([checkTlaSyntax(VALID), checkTlaSyntax(broken), checkTlaSyntax(VALID)]);
    expect(a).toEqual([]);
    expect(c).toEqual([]);
    expect(b).toEqual(await checkTlaSyntax(broken));
    expect(b.length).toBeGreaterThan(0);
  });
});

// Pinned so a grammar upgrade that changes them is noticed; none is desired.
describe('grammar quirks', () => {
  it('flags "--algorithm" inside a block comment (parsed as PlusCal; SANY ignores comments)', async () => {
    const text = '---- MODULE M ----\n(* see --algorithm foo in the docs *)\nI == 1\n====\n';
    const problems = await checkTlaSyntax(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ line: 2, col: 7, kind: 'error' });
  });

  it('accepts text with no module header at all (snippet mode)', async () => {
    expect(await checkTlaSyntax('I == 1\nJ == I + 1\n')).toEqual([]);
  });

  it('reports an empty input as an error at 1:1', async () => {
    expect(await checkTlaSyntax('')).toEqual([{ line: 1, col: 1, kind: 'error', text: '(end of input)' }]);
  });

  it('accepts a parenthesis closing left of its conjunction list (SANY rejects: tree-sitter-tlaplus#128)', async () => {
    const text = '---- MODULE M ----\nop ==\n    /\\ 1\n    /\\ (2\n)\n    /\\ 3\n====\n';
    expect(await checkTlaSyntax(text)).toEqual([]);
  });
});
