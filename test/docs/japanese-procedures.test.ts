import * as fs from 'fs';
import * as path from 'path';

// Issue 11, problem 10: the irreversible operator procedures were English-only. Each now has a
// Japanese edition beside its README with the same steps and the same commands, and the
// English README links to it.
const ROOT = path.resolve(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

/** The text of the section whose heading starts with `heading`, up to the next heading of its level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`no section "${heading}"`);
  const level = /^#+/.exec(lines[start])![0].length;
  const end = lines.findIndex(
    (l, i) => i > start && /^#+ /.test(l) && /^#+/.exec(l)![0].length <= level,
  );
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

const commands = (text: string) =>
  [...text.matchAll(/`(aws [^`]+)`/g)].map((m) => m[1].replace(/\s+/g, ' ')).sort();
const steps = (text: string) => text.split('\n').filter((l) => /^\d+\. /.test(l)).length;

const PROCEDURES: [string, string, string, string, string][] = [
  [
    'crypto-erasure (KEY-4)',
    'constructs/system/README.md',
    '### Crypto-erasure',
    'constructs/system/README.ja.md',
    '## 一団体の暗号化消去',
  ],
  [
    'break-glass (IAM-1)',
    'constructs/access/README.md',
    '## Break-glass procedure',
    'constructs/access/README.ja.md',
    '## 緊急用（ブレークグラス）ロールの手順',
  ],
  [
    'Digital Agency key escrow (IAM-5)',
    'constructs/access/README.md',
    '## Digital Agency key escrow',
    'constructs/access/README.ja.md',
    '## デジタル庁の MFA キー寄託',
  ],
  [
    'restore from the Osaka copy (BAK-2)',
    'constructs/backup/README.md',
    '## Restoring from the Osaka copy',
    'constructs/backup/README.ja.md',
    '## 大阪のコピーからの復旧',
  ],
];

describe('Japanese editions of the irreversible operator procedures', () => {
  test.each(PROCEDURES)('%s: same steps and commands in both editions', (_n, en, enH, ja, jaH) => {
    const english = section(read(en), enH);
    const japanese = section(read(ja), jaH);
    expect(steps(japanese)).toBe(steps(english));
    expect(steps(english)).toBeGreaterThan(2);
    expect(commands(japanese)).toEqual(commands(english));
  });

  test('Vault Lock: the Japanese edition states the irreversible decision and its 3 days', () => {
    const japanese = section(read('constructs/backup/README.ja.md'), '## Vault Lock');
    expect(japanese).toMatch(/最初のデプロイの前に、ロックの値を決めてください/);
    expect(japanese).toMatch(/3 日/);
    expect(read('constructs/backup/README.md')).toMatch(/three days after creation the Vault Lock/);
  });

  test.each(['system', 'access', 'backup'])(
    'constructs/%s/README.md links to its Japanese edition',
    (folder) => {
      expect(read(`constructs/${folder}/README.md`)).toContain('[日本語版](README.ja.md)');
    },
  );
});
