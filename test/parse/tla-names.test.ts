/**
 * Names that collide in TLA+ (issue 8, class 2) are rejected at parse time,
 * at the declaration, with a hint: every emitted module then has one meaning.
 * Each case is the same small spec with one name changed; the unchanged spec
 * parses, emits and passes tree-sitter (so the check can fail).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitSpec } from '../../src/emit/index.js';
import { checkTlaSyntax } from '../../src/emit/tla-syntax.js';
import { SpecError } from '../../src/model/errors.js';
import { SpecProject } from '../../src/parse/source.js';
import { parseSpecFile } from '../../src/parse/spec.js';

const DSL = path.resolve('src/dsl/index.js');

interface Names {
  spec: string;
  global: string;
  local: string;
  param: string;
  helper: string;
  thread: string;
  label: string;
  invariant: string;
}

const OK: Names = { spec: 'Names', global: 'count', local: 'entry_seen', param: 'index', helper: 'key_of', thread: 'worker', label: 'grab_entry', invariant: 'CountSmall' };

function specText(n: Names): string {
  return `import { defineSpec, thread, DONE, type Kernel } from ${JSON.stringify(DSL)};
type K = Kernel<'only', { ${n.global}: number }>;
function ${n.helper}(x: number): number {
  return x + 1;
}
const ${n.thread} = thread({
  params: { ${n.param}: 0 },
  locals: { ${n.local}: false },
  steps: {
    '${n.label}'(k: K, t) {
      k.${n.global} = ${n.helper}(t.${n.param});
      t.${n.local} = true;
      return DONE;
    },
  },
});
export default defineSpec({
  name: '${n.spec}',
  variants: ['only'],
  globals: { ${n.global}: 0 },
  threads: { ${n.thread} },
  invariants: { ${n.invariant}: (k: K) => k.${n.global} < 5 },
  models: [{ name: 'm', variant: 'only', indices: 1, threads: [${n.thread}({ ${n.param}: 0 })] }],
});
`;
}

const cases: [string, Partial<Names>, RegExp][] = [
  ['a local named pc (a variable of the module)', { local: 'pc' }, /local name 'pc' is defined by the emitted module/],
  ['a global named xa', { global: 'xa' }, /shared variable name 'xa'/],
  ['a global named waitq', { global: 'waitq' }, /'waitq'/],
  ['a local named bug', { local: 'bug' }, /'bug'/],
  ['a parameter named i (bound by Init)', { param: 'i' }, /'i' is a variable the emitted module binds/],
  ['a local named b (bound by Init)', { local: 'b' }, /'b' is a variable the emitted module binds/],
  ['a global named t (bound by the properties)', { global: 't' }, /'t' is a variable the emitted module binds/],
  ['a local named like its thread kind', { local: 'worker' }, /'worker' names both a thread .* and a local/],
  ['a TLA+ keyword as a local', { local: 'EXCEPT' }, /'EXCEPT' is a TLA\+ keyword/],
  ['a TLA+ keyword as a global', { global: 'CHOOSE' }, /TLA\+ keyword/],
  ['a standard operator as a helper', { helper: 'Len' }, /helper name 'Len'/],
  ['a vocabulary operator as a helper', { helper: 'FindConflict' }, /'FindConflict'/],
  ['a vocabulary operator as a global', { global: 'StoreEntry' }, /'StoreEntry'/],
  ['a generated name as an invariant', { invariant: 'NoLostWakeup' }, /invariant name 'NoLostWakeup'/],
  ['Init as a helper', { helper: 'Init' }, /'Init'/],
  ['Next as a thread', { thread: 'Next' }, /thread name 'Next'/],
  ['Threads as a global', { global: 'Threads' }, /'Threads'/],
  ['Variant as a parameter', { param: 'Variant' }, /'Variant'/],
  ['a step label that is no identifier', { label: 'grab-entry' }, /step label 'grab-entry' is not a TLA\+ identifier/],
  ['a global and a local with one name', { local: 'count' }, /'count' names both a shared variable .* and a local/],
  ['a helper and a global with one name', { helper: 'count' }, /'count' names both a shared variable .* and a helper/],
  ['a step action named like a helper', { helper: 'worker_grab_entry' }, /'worker_grab_entry' names both a helper .* and a step action/],
  ['a spec named Integers', { spec: 'Integers' }, /spec name 'Integers' is a standard module/],
  ['a spec named DaxVocabulary', { spec: 'DaxVocabulary' }, /'DaxVocabulary' is a standard module or the vocabulary module/],
  ['a spec named Sequences', { spec: 'Sequences' }, /standard module/],
];

describe('names that collide in TLA+', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daxspec-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const project = new SpecProject();
  let n = 0;
  const parse = (names: Names) => {
    const file = path.join(dir, `spec${n++}.ts`);
    writeFileSync(file, specText(names));
    return { file, parsed: () => parseSpecFile(file, { project }) };
  };

  it('the spec with none of them parses, and its module is valid TLA+', async () => {
    const spec = parse(OK).parsed();
    expect(await checkTlaSyntax(emitSpec(spec).get('Names.tla')!)).toEqual([]);
  });

  it.each(cases)('%s: DSX004 at the declaration, with a hint', (_why, change, message) => {
    const { file, parsed } = parse({ ...OK, ...change });
    let err: unknown;
    try {
      parsed();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecError);
    const e = err as SpecError;
    expect(e.message).toMatch(message);
    expect(e.code).toBe('DSX004');
    expect(e.loc?.file).toBe(path.relative(process.cwd(), file));
    expect(e.loc?.line).toBeGreaterThan(0);
    expect(e.hint).toMatch(/rename|use letters|name the module/);
  });
});
