/** The daxspec executable: run the command line, exit with its status (bin/daxspec.js loads the built copy of this). */
import module from 'node:module';

// Node 22.1+: keep V8's compiled code of daxspec and TypeScript between runs,
// so that loading TypeScript after an edit does not compile it again; older Node lacks it.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import('./main.js');

process.exitCode = await main(process.argv.slice(2));
