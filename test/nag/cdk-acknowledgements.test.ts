import * as fs from 'fs';
import * as path from 'path';
import { CDK_ACKNOWLEDGEMENTS_JA } from '../../lib/nag/utils/cdk-acknowledgements';

// aws-cdk-lib acknowledges some of its own findings (e.g. W3010 on every stack that reads
// stack.availabilityZones); those rows reach report.ja.md with the Japanese reason of
// CDK_ACKNOWLEDGEMENTS_JA only while its ID and English reason match the installed library.
const CDK_ROOT = path.dirname(require.resolve('aws-cdk-lib/package.json'));
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** `acknowledge({id:"…",reason:"…"})` as the published (minified) aws-cdk-lib writes it. */
const LITERAL_CALL = /\.acknowledge\(\{id:"([^"]+)",reason:"([^"]+)"\}/g;

function javaScriptFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => path.join(e.parentPath, e.name));
}

// testhelpers/ is aws-cdk-lib's own jest setup, never part of an app.
const sources = javaScriptFiles(CDK_ROOT)
  .filter((f) => !path.relative(CDK_ROOT, f).startsWith('testhelpers'))
  .map((f) => fs.readFileSync(f, 'utf8'))
  .filter((text) => text.includes('.acknowledge('));

test('the list is exactly the acknowledgements the installed aws-cdk-lib records', () => {
  const found = sources.flatMap((text) =>
    [...text.matchAll(LITERAL_CALL)].map(([, id, reason]) => `${id} — ${reason}`),
  );
  // Every call is a literal the pattern reads: a call written otherwise fails here, not silently.
  const calls = sources.flatMap((text) => text.match(/\.acknowledge\(\{/g) ?? []);
  expect(found.length).toBe(calls.length);
  expect([...new Set(found)].sort()).toEqual(
    CDK_ACKNOWLEDGEMENTS_JA.map((a) => `${a.id} — ${a.reason}`).sort(),
  );
});

test('every entry has a Japanese reason', () => {
  for (const a of CDK_ACKNOWLEDGEMENTS_JA) {
    expect({ id: a.id, japanese: JAPANESE.test(a.reasonJa) }).toEqual({ id: a.id, japanese: true });
  }
});
