// Jest test sequencer: the suites known to take longest start first.
//
// Jest orders suites by their durations in its cache, which a fresh checkout (CI) does not have;
// it then orders them by file size. The longest suites are small files that run whole apps in
// child processes or simulate tens of thousands of IAM requests, so by size they would start
// last and keep one of the two workers busy alone for their whole length. Listed here in the
// order of their times in npm test on the 2-core machine (2026-12-02); every other suite keeps
// Jest's order after them. A stale entry costs only a less even split, never a skipped suite.
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST_FIRST = [
  'test/bin/app-cli-configs.test.ts',
  'test/validation/cloudformation-validation.test.ts',
  'test/simulation/synthesized-app.test.ts',
  'test/stacks/municipal-system-scale.test.ts',
  'test/simulation/scp-matrix.test.ts',
];

class LongestFirst extends Sequencer {
  sort(tests) {
    const rank = (test) => {
      const i = LONGEST_FIRST.findIndex((suffix) => test.path.endsWith(suffix));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    return [...super.sort(tests)].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = LongestFirst;
