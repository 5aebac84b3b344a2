import * as fs from 'fs';
import * as path from 'path';

// Issue 11, problem 10: the operator procedures were English-only. Each construct README now has
// a Japanese edition beside it (or is bilingual inline) with the same steps and the same commands.
// Which sections are procedures is read from the English READMEs, so a procedure added there
// without a Japanese counterpart fails here.
const ROOT = path.resolve(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const exists = (f: string) => fs.existsSync(path.join(ROOT, f));

const FENCE = /^ *```/;

/** Headings outside fenced code (a `# comment` in a shell block is not a heading). */
function headings(markdown: string): { line: number; level: number; text: string }[] {
  const found: { line: number; level: number; text: string }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((l, line) => {
    if (FENCE.test(l)) fenced = !fenced;
    else if (!fenced && /^#+ /.test(l))
      found.push({ line, level: /^#+/.exec(l)![0].length, text: l });
  });
  return found;
}

/** The text under the heading that starts with `heading`, up to the next heading of any level. */
function section(markdown: string, heading: string): string {
  const all = headings(markdown);
  const i = all.findIndex((h) => h.text.startsWith(heading));
  if (i < 0) throw new Error(`no section "${heading}"`);
  return markdown
    .split('\n')
    .slice(all[i].line + 1, all[i + 1]?.line)
    .join('\n');
}

/** Fenced blocks of a language, dedented, verbatim otherwise. */
function fencedBlocks(text: string, language: string): string[] {
  const fence = new RegExp(`^( *)\`\`\`${language}\\n([\\s\\S]*?)^\\1\`\`\``, 'gm');
  return [...text.matchAll(fence)].map((m) =>
    m[2]
      .split('\n')
      .map((l) => l.slice(Math.min(m[1].length, l.length - l.trimStart().length)))
      .join('\n'),
  );
}

const prose = (text: string) => text.replace(/^( *)```[\s\S]*?^\1```/gm, '');

/** Inline `aws …` / `npx …` commands (line breaks inside the backticks ignored) and shell blocks. */
const commands = (text: string) => [
  ...[...prose(text).matchAll(/`((?:aws|npx) [^`]+)`/g)]
    .map((m) => m[1].replace(/\s+/g, ' '))
    .sort(),
  ...fencedBlocks(text, 'sh'),
];
const steps = (text: string) =>
  prose(text)
    .split('\n')
    .filter((l) => /^\d+\. /.test(l)).length;
const isProcedure = (text: string) => steps(text) > 0 || commands(text).length > 0;

const hasJapanese = (line: string) => {
  const visible = line.replace(/\s/g, '');
  const japanese = visible.match(/[\u3040-\u30ff\u4e00-\u9fff]/g)?.length ?? 0;
  return visible.length > 0 && japanese * 2 >= visible.length;
};

/** English README → Japanese edition, English section heading → Japanese section heading. */
const PROCEDURES: [string, string, string, string, string][] = [
  [
    'crypto-erasure (KEY-4)',
    'constructs/system/README.md',
    '### Crypto-erasure',
    'constructs/system/README.ja.md',
    '### 一団体の暗号化消去',
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
  [
    'read archived digests back (RET-3)',
    'constructs/audit/README.md',
    '## `AuditLogArchive`',
    'constructs/audit/README.ja.md',
    '## `AuditLogArchive`',
  ],
  [
    "Config's service-linked role (DET-1)",
    'constructs/audit/README.md',
    '## `ConfigRecorder`',
    'constructs/audit/README.ja.md',
    '## `ConfigRecorder`',
  ],
  [
    'activate the cost-allocation tags (TEN-3)',
    'constructs/cost/README.md',
    '## Per-municipality budgets',
    'constructs/cost/README.ja.md',
    '## 団体ごとの予算',
  ],
  [
    'export a municipality for exit (PORT-1)',
    'constructs/exit/README.md',
    '## Steps',
    'constructs/exit/README.ja.md',
    '## 手順',
  ],
  [
    'connect to the premises (NET-2, NET-3)',
    'constructs/network/README.md',
    '### Connecting to the premises',
    'constructs/network/README.ja.md',
    '### 庁内接続',
  ],
  [
    'pre-existing RDSOSMetrics group (LOG-5)',
    'constructs/system/README.md',
    '# Municipal sample system',
    'constructs/system/README.ja.md',
    '# 標準準拠システムのサンプル',
  ],
  [
    'measure the sample stacks',
    'constructs/system/README.md',
    '## Stacks',
    'constructs/system/README.ja.md',
    '## スタック',
  ],
  [
    'deploy the sample system',
    'constructs/system/README.md',
    '## Operator guide (English)',
    'constructs/system/README.ja.md',
    '## 運用者向けガイド',
  ],
];

const FOLDERS = fs
  .readdirSync(path.join(ROOT, 'constructs'), { withFileTypes: true })
  .filter((e) => e.isDirectory() && exists(`constructs/${e.name}/README.md`))
  .map((e) => e.name)
  .sort();
/** READMEs that carry their Japanese text inline instead of in a README.ja.md. */
const BILINGUAL_INLINE = ['guardrails'];
const EDITIONS = FOLDERS.filter((f) => exists(`constructs/${f}/README.ja.md`));
/** The editions that translate the whole README, not only its procedures. */
const COMPLETE_EDITIONS = [
  'access',
  'alerts',
  'audit',
  'backup',
  'cost',
  'detection',
  'exit',
  'network',
  'system',
];

/** Requirement IDs (ranges such as `NET-1..4` kept whole), with the prefixes of the catalog. */
const PREFIXES = [
  ...new Set([...read('docs/REQUIREMENTS.md').matchAll(/^\| ([A-Z]+)-\d+ \|/gm)].map((m) => m[1])),
];
const requirementIds = (md: string) =>
  [
    ...new Set(md.match(new RegExp(`\\b(?:${PREFIXES.join('|')})-\\d+(?:\\.\\.\\d+)?\\b`, 'g'))),
  ].sort();
const testFiles = (md: string) => [...new Set(md.match(/test\/[\w/.-]+\.test\.ts/g))].sort();

/** An English section already written in Japanese (e.g. "運用者向けガイド(日本語)") is its own edition. */
const inJapanese = (heading: string) => /[(（]日本語[)）]/.test(heading);

describe('Japanese editions of the operator procedures', () => {
  test.each(PROCEDURES)('%s: same steps and commands in both editions', (_n, en, enH, ja, jaH) => {
    const english = section(read(en), enH);
    const japanese = section(read(ja), jaH);
    expect(isProcedure(english)).toBe(true);
    expect(steps(japanese)).toBe(steps(english));
    expect(commands(japanese)).toEqual(commands(english));
  });

  test.each(EDITIONS)(
    'constructs/%s: every English section with steps or commands has a row above',
    (folder) => {
      const en = `constructs/${folder}/README.md`;
      const markdown = read(en);
      const procedural = headings(markdown)
        .filter((h) => !inJapanese(h.text) && isProcedure(section(markdown, h.text)))
        .map((h) => h.text);
      const covered = PROCEDURES.filter((p) => p[1] === en).map((p) => p[2]);
      expect(procedural.filter((h) => !covered.some((c) => h.startsWith(c)))).toEqual([]);
    },
  );

  test('the procedure counts the derivation finds are those of the English READMEs', () => {
    // A regression of headings() or isProcedure() would silently find nothing to compare.
    const count = (f: string) => {
      const md = read(`constructs/${f}/README.md`);
      return headings(md).filter((h) => !inJapanese(h.text) && isProcedure(section(md, h.text)))
        .length;
    };
    expect(Object.fromEntries(COMPLETE_EDITIONS.map((f) => [f, count(f)]))).toEqual({
      access: 2,
      alerts: 0,
      audit: 2,
      backup: 1,
      cost: 1,
      detection: 0,
      exit: 1,
      network: 1,
      system: 4,
    });
    expect(commands(section(read('constructs/exit/README.md'), '## Steps'))).toHaveLength(3);
    expect(PREFIXES).toEqual(expect.arrayContaining(['LOG', 'KEY', 'TEN', 'PORT']));
    expect(requirementIds(read('constructs/alerts/README.md'))).toContain('NET-1..4');
  });

  test('every construct README has a Japanese edition or is bilingual inline', () => {
    expect(FOLDERS.filter((f) => !EDITIONS.includes(f) && !BILINGUAL_INLINE.includes(f))).toEqual(
      [],
    );
    expect(FOLDERS).toEqual(expect.arrayContaining(COMPLETE_EDITIONS));
  });

  test.each(BILINGUAL_INLINE)(
    'constructs/%s/README.md: every section with steps or commands carries Japanese prose',
    (folder) => {
      const markdown = read(`constructs/${folder}/README.md`);
      const untranslated = headings(markdown)
        .map((h) => h.text)
        .filter((h) => isProcedure(section(markdown, h)))
        .filter((h) => !prose(section(markdown, h)).split('\n').some(hasJapanese));
      expect(untranslated).toEqual([]);
    },
  );

  test.each(COMPLETE_EDITIONS)(
    'constructs/%s/README.ja.md translates every section and table of the English one',
    (folder) => {
      const english = read(`constructs/${folder}/README.md`);
      const japanese = read(`constructs/${folder}/README.ja.md`);
      const levels = (md: string) =>
        headings(md)
          .filter((h) => !inJapanese(h.text))
          .map((h) => h.level);
      const tableRows = (md: string) =>
        prose(md)
          .split('\n')
          .filter((l) => /^\|/.test(l)).length;
      expect(levels(japanese)).toEqual(levels(english));
      // Every table of the English edition, row for row (the English Japanese-only section has none).
      expect(tableRows(japanese)).toBe(tableRows(english));
      expect(prose(japanese).split('\n').filter(hasJapanese).length).toBeGreaterThan(10);
      // The requirement IDs and the proving tests, including those cited in code comments.
      expect(requirementIds(japanese)).toEqual(requirementIds(english));
      // A Japanese edition also names this test, which proves it matches.
      const self = path.relative(ROOT, __filename).split(path.sep).join('/');
      expect(testFiles(japanese).filter((t) => t !== self)).toEqual(testFiles(english));
    },
  );

  test.each(EDITIONS)(
    'constructs/%s/README.ja.md links the English edition and holds no TypeScript snippet',
    (folder) => {
      const english = read(`constructs/${folder}/README.md`);
      const japanese = read(`constructs/${folder}/README.ja.md`);
      expect(japanese).toContain('](README.md)');
      // The consumer test compiles ```ts blocks of every README*.md; the code stays in English.
      expect(fencedBlocks(japanese, 'ts')).toEqual([]);
      if (fencedBlocks(english, 'ts').length > 0) expect(japanese).toMatch(/コード例/);
    },
  );

  test('Vault Lock: the Japanese edition states the irreversible decision and its 3 days', () => {
    const japanese = section(read('constructs/backup/README.ja.md'), '## Vault Lock');
    expect(japanese).toMatch(/最初のデプロイの前に、ロックの値を決めてください/);
    expect(japanese).toMatch(/3 日/);
    expect(read('constructs/backup/README.md')).toMatch(/three days after creation the Vault Lock/);
  });

  test.each(EDITIONS)('constructs/%s/README.md links to its Japanese edition', (folder) => {
    expect(read(`constructs/${folder}/README.md`)).toContain('[日本語版](README.ja.md)');
  });
});
