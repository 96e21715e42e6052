/** The child side of inChild (child.ts): import, call, print the JSON reply after a marker. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RESULT_MARKER, type ChildReply } from './child-protocol.ts';

const [file, exportName] = process.argv.slice(2) as [string, string];
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const args = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown[];

let reply: ChildReply;
try {
  const mod = (await import(pathToFileURL(path.resolve(file)).href)) as Record<string, unknown>;
  const fn = mod[exportName];
  if (typeof fn !== 'function') throw new Error(`${file} exports no function ${exportName}`);
  reply = { value: await (fn as (...a: unknown[]) => unknown)(...args) };
} catch (err) {
  const e = err instanceof Error ? err : new Error(String(err));
  reply = { error: { message: e.message, stack: e.stack ?? '', fields: { ...e, name: e.name } } };
}
process.stdout.write(`${RESULT_MARKER}${JSON.stringify(reply)}`);
