/** The daxspec executable: run the command line, exit with its status (bin/daxspec.js loads the built copy of this). */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
