// Runs the CDK app entry point on a list of bad inputs and prints a Markdown table of exit code,
// time and the first line of the message (issue 11). Usage:
//   node -r @swc-node/register test/bin/bad-inputs.ts
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as cdkJson from '../../cdk.json';

const root = path.resolve(__dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-bad-'));
const sample = JSON.parse(fs.readFileSync(path.join(root, 'config/default.json'), 'utf8'));
const min = {
  municipality: { name: '架空市', code: '011002' },
  systemName: 'juki',
  environment: 'staging',
};
const j = (o: unknown) => JSON.stringify(o);
const access = (over: Record<string, unknown>) =>
  j({ ...sample, access: { ...sample.access, ...over } });

const cases: [string, string | Buffer | undefined, Record<string, unknown>?, string?][] = [
  ['-c conifg=my.json (typo)', undefined, { conifg: 'my.json' }],
  ['-c Config=my.json', undefined, { Config: 'my.json' }],
  ['-c stackset=true -c colour=blue', undefined, { colour: 'blue' }],
  ['-c config= (empty)', undefined, { config: '' }],
  ['missing file', undefined, { config: path.join(dir, 'nope.json') }],
  ['empty file', ''],
  ['BOM only', '\uFEFF'],
  ['JSON missing comma', '{\n  "systemName": "juki"\n  "environment": "staging"\n}'],
  ['JSON trailing comma', '{ "systemName": "juki", }'],
  ['YAML bad indentation', 'municipality:\n  name: x\n code: 1\n', {}, 'yaml'],
  ['YAML unclosed flow', 'municipality: [x\n', {}, 'yaml'],
  ['YAML duplicate key', 'systemName: a\nsystemName: b\n', {}, 'yaml'],
  ['array at root', '[]'],
  [
    'full-width code ０１１００２',
    j({ ...min, municipality: { name: 'x', code: '０１１００２' } }),
  ],
  ['wrong check digit', j({ ...min, municipality: { name: 'x', code: '011003' } })],
  ['full-width ＠ in email', j({ ...min, notificationEmails: ['a＠example.jp'] })],
  ['environment development', j({ ...min, environment: 'development' })],
  ['region us-east-1', j({ ...min, primaryRegion: 'us-east-1' })],
  ['primary = dr region', j({ ...min, drRegion: 'ap-northeast-1' })],
  ['logRetentionDays 30', j({ ...min, logRetentionDays: 30 })],
  ['logRetentionDays "400" (string)', j({ ...min, logRetentionDays: '400' })],
  ['accountId 11 digits', j({ ...min, accountId: '12345678901' })],
  ['systemName with underscore', j({ ...min, systemName: 'ju_ki' })],
  ['systemName 31 characters (feeds stack names)', j({ ...min, systemName: 'a'.repeat(31) })],
  [
    'municipality name 101 characters (feeds stack descriptions)',
    j({ ...min, municipality: { name: '架'.repeat(101), code: '011002' } }),
  ],
  ['GOVERNANCE without reason', j({ ...min, objectLockMode: 'GOVERNANCE' })],
  ['production without emails', j({ ...min, environment: 'production' })],
  [
    '60 tags',
    j({ ...min, tags: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`k${i}`, 'v'])) }),
  ],
  ['tag aws:owner', j({ ...min, tags: { 'aws:owner': 'x' } })],
  ['tag value 300 chars', j({ ...min, tags: { Owner: 'x'.repeat(300) } })],
  [
    'representative via Identity Center',
    access({ representative: { identityCenterPermissionSets: ['Admin'] } }),
  ],
  [
    'representative via SAML',
    access({ representative: { samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/idp' } }),
  ],
  [
    'sub-delegate kms:Decrypt',
    access({ subDelegate: { ...sample.access.subDelegate, delegatedActions: ['kms:Decrypt'] } }),
  ],
  [
    'principalArn of a group',
    access({ operator: { principalArns: ['arn:aws:iam::111122223333:group/ops'] } }),
  ],
  ['unknown key colour', j({ ...min, colour: 'blue' })],
  ['acknowledgement without reason', j({ ...min, acknowledgements: [{ rule: 'GCJ-X' }] })],
  [
    'acknowledgement short reason',
    j({ ...min, acknowledgements: [{ rule: 'GCJ-X', reason: 'ok' }] }),
  ],
  [
    'acknowledgement stale path',
    j({
      ...min,
      acknowledgements: [{ rule: 'GCJ-X', path: 'No/Such', reason: 'long enough reason' }],
    }),
  ],
  [
    'availabilityZones: one Tokyo zone for maxAzs 2',
    j({ ...sample, system: { ...sample.system, availabilityZones: ['ap-northeast-1a'] } }),
  ],
  ['2 MB file', Buffer.alloc(2 * 1024 * 1024, 0x20)],
  [
    'two representative accounts (used to crash)',
    access({ representative: { accountIds: ['210987654321', '210987654322'] } }),
  ],
];

const rows = [
  '| # | input | exit | time (s) | first line of the message |',
  '|---|---|---|---|---|',
];
cases.forEach(([name, content, context = {}, ext = 'json'], i) => {
  const file = path.join(dir, `case-${i}.${ext}`);
  if (content !== undefined) fs.writeFileSync(file, content);
  const outdir = fs.mkdtempSync(path.join(dir, 'out-'));
  const started = Date.now();
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', 'bin/app.ts'], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({
        ...cdkJson.context,
        ...(content !== undefined ? { config: file } : {}),
        ...context,
      }),
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  const first =
    lines.find((l) => / - |Unknown context|is not a file path|acknowledgements\./.test(l)) ??
    lines[0] ??
    '';
  rows.push(
    `| ${i + 1} | ${name} | ${r.status} | ${seconds} | ${first.trim().replace(/\|/g, '\\|').slice(0, 220)} |`,
  );
});
console.log(rows.join('\n'));
