import { DECLARED_CONTEXT, documentationFiles, snippetsOf } from './readme-snippets';
import * as path from 'path';

describe('README snippets for the consumer compile step', () => {
  test('an indented snippet is found, dedented, and keeps its own imports', () => {
    const md = "text\n\n  ```ts\n  import { App } from 'aws-cdk-lib';\n  new App();\n  ```\n";
    expect(snippetsOf('X.md', md)).toEqual([
      { source: 'X.md:3', code: "import { App } from 'aws-cdk-lib';\nnew App();\n" },
    ]);
  });

  test('a snippet without imports gets the imports of the snippets above it, nothing else', () => {
    const md = [
      '```ts',
      "import { App } from 'aws-cdk-lib';",
      'const app = new App();',
      '```',
      '```ts',
      'app.synth();',
      '```',
      '',
    ].join('\n');
    expect(snippetsOf('X.md', md)[1].code).toBe(
      "import { App } from 'aws-cdk-lib';\napp.synth();\n",
    );
  });

  test('vendor project files (// bin/…) are left to the consumer project', () => {
    const md = "```ts\n// bin/app.ts\nimport { App } from 'aws-cdk-lib';\n```\n";
    expect(snippetsOf('README.md', md)).toEqual([]);
  });

  test('the documentation set: root README, every construct README, lib READMEs, docs', () => {
    const files = documentationFiles(path.resolve(__dirname, '../..'));
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        path.join('constructs', 'audit', 'README.md'),
        path.join('lib', 'nag', 'README.md'),
        path.join('docs', 'restore-drill.md'),
      ]),
    );
  });

  test('only a handful of context names are declared for snippets', () => {
    expect(Object.keys(DECLARED_CONTEXT).sort()).toEqual(['app', 'construct', 'scope', 'stack']);
  });
});
