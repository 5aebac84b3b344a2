import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../../lib/config';
import { DIAGRAMS_COMMAND, markedRegion, renderConfigDiagrams } from '../../lib/diagram/docs';
import { templateToMermaid } from '../../lib/diagram/mermaid';
import { appLikeCli } from '../support/app';

// The diagrams of docs/diagrams.md and the README are generated from the templates
// (`npm run diagrams`); this test regenerates them in memory and fails when the committed
// files differ, i.e. when a construct changed and nobody re-ran the command.

const root = path.resolve(__dirname, '../..');
const STALE = `is stale: run \`${DIAGRAMS_COMMAND}\` and commit the result`;

function render(): ReturnType<typeof renderConfigDiagrams> {
  return renderConfigDiagrams(
    appLikeCli(),
    loadConfig(path.join(root, DEFAULT_CONFIG_PATH)),
    DEFAULT_CONFIG_PATH,
  );
}

function expectCurrent(actual: string, expected: string, what: string): void {
  if (actual !== expected) {
    throw new Error(`${what} ${STALE}.`);
  }
}

describe('generated diagrams are current', () => {
  const rendered = render();

  test('docs/diagrams.md', () => {
    const file = fs.readFileSync(path.join(root, 'docs/diagrams.md'), 'utf8');
    expectCurrent(file, rendered.document, 'docs/diagrams.md');
  });

  test('the README diagrams region', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expectCurrent(
      markedRegion(readme, 'diagrams'),
      rendered.readmeRegion,
      'README.md (diagrams region)',
    );
  });

  test('they draw both baselines, a system stack and its DR stack', () => {
    expect(rendered.diagrams.map((d) => d.stackName)).toEqual([
      'sample-Baseline-Tokyo',
      'sample-Baseline-Osaka',
      'sample-System-139998-Tokyo',
      'sample-SystemDr-139998-Osaka',
    ]);
    const tokyo = rendered.diagrams[0].mermaid;
    // Boxes are the baseline's constructs, read from the construct tree.
    for (const box of ['AuditLogArchive', 'AuditTrail', 'ConfigRecorder', 'RegionGuard']) {
      expect(tokyo).toContain(`<b>${box}</b>`);
    }
    // The one-municipality stack is a frame around its parts, the large ones split.
    const system = rendered.diagrams[2].mermaid;
    expect(system).toContain('subgraph frame["Municipality-139998"]');
    expect(system).toContain('<b>Network/Vpc</b>');
    expect(system).toContain('<b>System/Data</b>');
  });
});

describe('templateToMermaid', () => {
  const template = {
    Resources: {
      Key: { Type: 'AWS::KMS::Key', Metadata: { 'aws:cdk:path': 'S/Archive/Key/Resource' } },
      Bucket: {
        Type: 'AWS::S3::Bucket',
        Metadata: { 'aws:cdk:path': 'S/Archive/Bucket/Resource' },
        Properties: { KMSMasterKeyID: { 'Fn::GetAtt': ['Key', 'Arn'] } },
      },
      Trail: {
        Type: 'AWS::CloudTrail::Trail',
        Metadata: { 'aws:cdk:path': 'S/Trail/Resource' },
        Properties: { S3BucketName: { Ref: 'Bucket' }, KMSKeyId: { 'Fn::Sub': '${Key.Arn}' } },
      },
      Role: { Type: 'AWS::IAM::Role' },
    },
  };

  test('one box per construct with its resource types; references become arrows', () => {
    expect(templateToMermaid('S', template)).toBe(
      [
        'flowchart LR',
        '  %% S',
        '  c0["<b>Archive</b><br/>KMS::Key<br/>S3::Bucket"]',
        '  c2["<b>Role</b><br/>IAM::Role"]',
        '  c1["<b>Trail</b><br/>CloudTrail::Trail"]',
        '  c1 --> c0',
      ].join('\n'),
    );
  });

  test('construct paths given by logical ID win over the metadata', () => {
    const drawn = templateToMermaid('S', template, {
      constructPaths: { Role: 'S/Trail/LogsRole/Resource' },
    });
    expect(drawn).toContain('<b>Trail</b><br/>CloudTrail::Trail<br/>IAM::Role');
  });

  test('long type lists are cut with a count', () => {
    const many = Object.fromEntries(
      ['A', 'B', 'C', 'D'].map((t) => [
        t,
        { Type: `AWS::X::${t}`, Metadata: { 'aws:cdk:path': `S/Box/${t}/Resource` } },
      ]),
    );
    const drawn = templateToMermaid(
      'S',
      { Resources: { ...many, ...template.Resources } },
      {
        maxTypesPerBox: 3,
      },
    );
    expect(drawn).toContain('"<b>Box</b><br/>X::A<br/>X::B<br/>+ 2 more types"');
  });

  test('a construct holding the whole stack is a frame; a large box is split into its parts', () => {
    const resources = Object.fromEntries(
      ['Network/Vpc', 'Network/Subnet', 'Data/Db', 'Data/Key', 'Data/Bucket'].map((p, i) => [
        `R${i}`,
        { Type: 'AWS::X::Y', Metadata: { 'aws:cdk:path': `S/Tenant/${p}/Resource` } },
      ]),
    );
    const drawn = templateToMermaid('S', { Resources: resources }, { splitOver: 2 });
    expect(drawn).toContain('subgraph frame["Tenant"]');
    expect(drawn).toContain('<b>Data/Bucket</b>'); // Data (3 > 2) split into its 3 parts
    expect(drawn).not.toContain('<b>Data</b>');
  });
});
