// The static half of `npm test`: the package.json scripts lint:eslint, lint:prettier and
// typecheck, run side by side. Measured on the 2-core machine (2026-12-04) without their caches,
// as on a fresh checkout: 5.6, 8.1 and 2.5 s one after the other, 13.1 s side by side; with the
// caches of an earlier run, 2.9 s side by side. Each one's output is printed whole when it ends,
// so the lines of two checks never interleave; the exit status is the first failing check's.
//
// typecheck runs TypeScript 7 (the native compiler, npm alias typescript-native): it checks the
// same 3,780 files under the same tsconfig.json as TypeScript 5.9 did, in 2.5 s instead of 12 s.
// TypeScript 5.9 stays for what needs its JavaScript API: typescript-eslint (which accepts
// < 6.1), the package build and the consumer test, which compile as vendors do.
import { spawn } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const CHECKS: readonly { name: string; command: string; args: string[] }[] = [
  'lint:eslint',
  'lint:prettier',
  'typecheck',
].map((script) => ({ name: script, command: NPM, args: ['run', '--silent', script] }));

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
      process.stdout.write(`> npm run ${check.name}: ${status === 0 ? 'ok' : 'FAILED'}\n`);
      if (output.trim() !== '') process.stdout.write(`${output.trimEnd()}\n`);
      resolve(status);
    });
  });
}

void Promise.all(CHECKS.map(run)).then((statuses) => {
  process.exitCode = statuses.find((s) => s !== 0) ?? 0;
});
