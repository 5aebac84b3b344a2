import { readFileSync } from 'fs';
import { join, resolve } from 'path';

// Two installed packages declare the `tsc` command: typescript (5.9, for typescript-eslint, the
// build and the consumer test) and typescript-native (TypeScript 7, the type check). npm links
// node_modules/.bin/tsc to either one (seen here: `npm ci` linked 5.9, `npm install -D` 7), so a
// script that says `tsc` would compile with whichever was linked last.

const ROOT = resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const versionOf = (dir: string) =>
  (
    JSON.parse(readFileSync(join(ROOT, 'node_modules', dir, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

test('no package.json script runs the bare tsc command, which two packages provide', () => {
  const bare = Object.entries(pkg.scripts).filter(([, command]) =>
    /(^|&&|\|\||;|\s)(npx\s+)?tsc(\s|$)/.test(command),
  );
  expect(bare).toEqual([]);
});

test('the build compiles with TypeScript 5.9 and the type check runs TypeScript 7', () => {
  expect(pkg.scripts.build).toContain(
    'node node_modules/typescript/bin/tsc -p tsconfig.build.json',
  );
  expect(pkg.scripts.typecheck).toMatch(
    /^node node_modules\/typescript-native\/bin\/tsc --noEmit /,
  );
  expect(versionOf('typescript')).toMatch(/^5\.9\./);
  expect(versionOf('typescript-native')).toMatch(/^7\./);
});
