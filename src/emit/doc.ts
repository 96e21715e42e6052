/**
 * A tiny layout tree for TLA+ action bodies — conjunction lists, LET and
 * IF/THEN/ELSE — rendered with the alignment TLA+'s bulleted lists need:
 * every line after the first is indented relative to the first's column.
 */

export type Doc =
  | { kind: 'conj'; items: Doc[] }
  | { kind: 'text'; text: string }
  | { kind: 'let'; defs: [string, string][]; body: Doc }
  | { kind: 'if'; test: string; then: Doc; else: Doc };

export const text = (t: string): Doc => ({ kind: 'text', text: t });

/** Flattens nested conjunctions and drops empty ones. */
export function conj(items: Doc[]): Doc {
  const flat: Doc[] = [];
  for (const item of items) {
    if (item.kind === 'conj') flat.push(...item.items);
    else flat.push(item);
  }
  return { kind: 'conj', items: flat };
}

function indent(lines: string[], by: number): string[] {
  const pad = ' '.repeat(by);
  return lines.map((l, i) => (i === 0 ? l : pad + l));
}

/** Lines of `doc`; lines after the first are relative to the first line's column. */
export function layoutDoc(doc: Doc): string[] {
  switch (doc.kind) {
    case 'text':
      return [doc.text];
    case 'conj': {
      if (doc.items.length === 0) return ['TRUE'];
      if (doc.items.length === 1) return layoutDoc(doc.items[0]!);
      const out: string[] = [];
      for (const item of doc.items) {
        const lines = indent(layoutDoc(item), 3);
        out.push(`/\\ ${lines[0]}`, ...lines.slice(1));
      }
      return out;
    }
    case 'let': {
      const out: string[] = [];
      doc.defs.forEach(([name, value], i) => out.push(`${i === 0 ? 'LET ' : '    '}${name} == ${value}`));
      const body = indent(layoutDoc(doc.body), 4);
      out.push(`IN  ${body[0]}`, ...body.slice(1));
      return out;
    }
    case 'if': {
      const thenLines = indent(layoutDoc(doc.then), 5);
      const elseLines = indent(layoutDoc(doc.else), 5);
      return [`IF ${doc.test}`, `THEN ${thenLines[0]}`, ...thenLines.slice(1), `ELSE ${elseLines[0]}`, ...elseLines.slice(1)];
    }
  }
}
