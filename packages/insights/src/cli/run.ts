// Entry point of the `headroom` bin: runs the CLI with the process arguments.
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
