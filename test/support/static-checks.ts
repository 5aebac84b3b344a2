// The static half of `npm test`: ESLint, Prettier and the TypeScript compiler, run side by side
// (each is mostly single-threaded; one after the other they took 34 s on the 2-core machine,
// side by side about 20 s). Each one's output is printed whole when it ends, so the lines of
// two checks never interleave; the exit status is the first failing check's.
import { spawn } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

const CHECKS: readonly { name: string; command: string; args: string[] }[] = [
  { name: 'eslint', command: bin('eslint'), args: ['.'] },
  { name: 'prettier', command: bin('prettier'), args: ['--check', '.'] },
  { name: 'tsc', command: bin('tsc'), args: ['--noEmit'] },
];

function run(check: (typeof CHECKS)[number]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(check.command, check.args, { cwd: ROOT, env: process.env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (error) => {
      process.stderr.write(`${check.name}: could not start ${check.command}: ${error.message}\n`);
      resolve(1);
    });
    child.on('close', (code) => {
      const status = code ?? 1;
      process.stdout.write(
        `> ${check.name} ${check.args.join(' ')}: ${status === 0 ? 'ok' : 'FAILED'}\n`,
      );
      if (output.trim() !== '') process.stdout.write(`${output.trimEnd()}\n`);
      resolve(status);
    });
  });
}

void Promise.all(CHECKS.map(run)).then((statuses) => {
  process.exitCode = statuses.find((s) => s !== 0) ?? 0;
});
