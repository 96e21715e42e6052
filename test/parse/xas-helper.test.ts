/**
 * A helper that takes an xa_state gets the caller's t.xas itself, as the
 * kernel passes struct xa_state *: its xas_* calls move the thread's local.
 * spec/dax-delete-range-pause.ts replaces the library truncate's rewind
 * helper with one that calls xas_pause() or xas_reset() on its parameter.
 */
import { describe, expect, it } from 'vitest';
import { parseSpecFile } from '../../src/parse/spec.js';

describe('an xa_state passed to a helper', () => {
  const spec = parseSpecFile('spec/dax-delete-range-pause.ts');
  const body = JSON.stringify(spec.threads.find((t) => t.name === 'truncate')!.steps.find((s) => s.label === 'loop_body')!.body);

  it("moves the caller's own local: xas := XasPause(xas) and xas := XasReset(xas), no copy", () => {
    for (const op of ['xas_pause', 'xas_reset']) {
      expect(body).toContain(`{"kind":"setLocal","name":"xas","value":{"kind":"vocab","op":"${op}","args":[{"kind":"local","name":"xas"`);
    }
  });
});
