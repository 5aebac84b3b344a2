import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type PolicyStatementJson } from '../../../constructs/guardrails';
import { GLOBAL_SERVICE_ACTIONS } from '../../../constructs/guardrails/private/global-services';
import {
  BASELINE_RESOURCE_READ_ACTIONS,
  AUDIT_SERVICE_TAMPER_ACTIONS,
  TAGGED_RESOURCE_READ_ACTIONS,
} from '../../../constructs/guardrails/private/protection-statements';
import {
  DEFAULT_SCP_EXEMPT_PRINCIPALS,
  SCP_MAX_BYTES,
  SCP_MAX_DOCUMENTS,
  buildScpDocuments,
  writeScpDocuments,
} from '../../../lib/scp';
import { patternsCover } from '../../support/action-patterns';

/** A realistic upper bound of what an organization passes: archive buckets by pattern. */
const REALISTIC = {
  protectedBucketArns: ['arn:aws:s3:::govcloud-jp-audit-*', 'arn:aws:s3:::govcloud-jp-config-*'],
  exemptPrincipalArns: [
    ...DEFAULT_SCP_EXEMPT_PRINCIPALS,
    'arn:aws:iam::*:role/OrganizationAccountAccessRole',
  ],
  additionalGlobalActions: ['pricingplanmanager:*'],
};

describe('SCP documents', () => {
  test.each([
    ['defaults', {}],
    ['a realistic organization', REALISTIC],
  ])('with %s: at most 5 documents, each minified and at most 5,120 bytes', (_name, input) => {
    const docs = buildScpDocuments(input);
    expect(docs.length).toBeLessThanOrEqual(SCP_MAX_DOCUMENTS);
    expect(SCP_MAX_DOCUMENTS).toBe(5);
    expect(SCP_MAX_BYTES).toBe(5120);
    for (const doc of docs) {
      expect(doc.json).toBe(JSON.stringify(JSON.parse(doc.json)));
      expect(doc.json).not.toMatch(/\n/);
      expect(Buffer.byteLength(doc.json)).toBe(doc.bytes);
      expect(doc.bytes).toBeLessThanOrEqual(SCP_MAX_BYTES);
    }
  });

  test('fails loudly when a document would exceed the Organizations size limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => `arn:aws:s3:::tenant-archive-bucket-${i}`);
    expect(() => buildScpDocuments({ protectedBucketArns: many })).toThrow(
      /baseline-protection.json is \d+ bytes \[LOG-2, REG-2\]: the AWS Organizations limit is 5120/,
    );
  });

  test('rejects a Region outside Japan', () => {
    expect(() => buildScpDocuments({ allowedRegions: ['ap-northeast-1', 'us-west-2'] })).toThrow(
      /allowedRegions "us-west-2" is outside Japan \[REG-1\]/,
    );
  });

  test('the region guard SCP is the in-account statement plus the deployment-role exemption', () => {
    const [region] = buildScpDocuments();
    expect(region.fileName).toBe('region-guard.json');
    const [s] = region.document.Statement as PolicyStatementJson[];
    expect(s).toMatchObject({
      Effect: 'Deny',
      NotAction: [...GLOBAL_SERVICE_ACTIONS],
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': ['ap-northeast-1', 'ap-northeast-3'] },
        ArnNotLike: { 'aws:PrincipalArn': [...DEFAULT_SCP_EXEMPT_PRINCIPALS] },
      },
    });
  });

  test('the baseline protection SCP shares the in-account action lists and exempts deployers in every statement', () => {
    const statements = buildScpDocuments(REALISTIC)
      .slice(2)
      .flatMap((d) => d.document.Statement as PolicyStatementJson[]);
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    expect(bySid.DenyAuditServiceTamper.Action).toEqual([...AUDIT_SERVICE_TAMPER_ACTIONS]);
    expect(bySid.DenyTamperOnTaggedResources.NotAction).toEqual(
      expect.arrayContaining([...TAGGED_RESOURCE_READ_ACTIONS]),
    );
    expect(bySid.DenyTamperOnBaselineResources).toMatchObject({
      NotAction: [...BASELINE_RESOURCE_READ_ACTIONS],
      Resource: [
        'arn:aws:s3:::govcloud-jp-audit-*',
        'arn:aws:s3:::govcloud-jp-audit-*/*',
        'arn:aws:s3:::govcloud-jp-config-*',
        'arn:aws:s3:::govcloud-jp-config-*/*',
      ],
    });
    expect(bySid.DenyBaselineIamChanges.Resource).toEqual([
      'arn:aws:iam::*:role/govcloud-jp-baseline/*',
      'arn:aws:iam::*:policy/govcloud-jp-baseline/*',
    ]);
    expect(
      patternsCover(bySid.DenyAreaDeletion.Action ?? [], 'organizations:LeaveOrganization'),
    ).toBe(true);
    for (const s of statements) {
      expect(s.Effect).toBe('Deny');
      expect(s.Condition?.ArnNotLike).toMatchObject({
        'aws:PrincipalArn': REALISTIC.exemptPrincipalArns,
      });
      // Classic SCP grammar: wildcards only at the end of an action name.
      for (const action of [s.Action ?? [], s.NotAction ?? []].flat()) {
        expect(action === '*' || /^[a-z0-9-]+:[A-Za-z0-9]*\*?$/.test(action)).toBe(true);
      }
    }
  });

  test('is deterministic', () => {
    expect(buildScpDocuments(REALISTIC)).toEqual(buildScpDocuments(REALISTIC));
  });

  test('writeScpDocuments writes each document to <outdir>/scp/<file>.json', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'scp-'));
    try {
      const files = writeScpDocuments(outdir, REALISTIC);
      expect(files.map((f) => path.relative(outdir, f))).toEqual([
        path.join('scp', 'region-guard.json'),
        path.join('scp', 'residency-guard.json'),
        path.join('scp', 'baseline-protection.json'),
        path.join('scp', 'detection-identity-guard.json'),
      ]);
      const docs = buildScpDocuments(REALISTIC);
      files.forEach((file, i) => expect(fs.readFileSync(file, 'utf8')).toBe(docs[i].json));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
