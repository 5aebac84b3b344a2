import * as typescript from 'typescript/package.json';
import * as typescriptNative from 'typescript-native/package.json';
import * as pkg from '../package.json';

// Two installed packages declare the `tsc` command: typescript (5.9, for typescript-eslint, the
// build and the consumer test) and typescript-native (TypeScript 7, the type check). npm links
// node_modules/.bin/tsc to either one (seen here: `npm ci` linked 5.9, `npm install -D` 7), so a
// script that says `tsc` would compile with whichever was linked last.

test('no package.json script runs the bare tsc command, which two packages provide', () => {
  const bare = Object.entries(pkg.scripts).filter(([, command]) =>
    /(^|[\s;&|])tsc(\s|$)/.test(command),
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
  expect(typescript.version).toMatch(/^5\.9\./);
  expect(typescriptNative.version).toMatch(/^7\./);
});
