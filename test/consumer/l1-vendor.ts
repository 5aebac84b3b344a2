// A vendor stack written in L1 resources only, installed into the consumer project beside the
// README example: the hardening rules must judge CloudFormation properties, not the library's
// own constructs, so the stack that makes each mistake is reported for every rule and its
// compliant twin for none of them.

/** Rules the L1 stack breaks, one resource each (errors and warnings). */
export const L1_RULES: Readonly<Record<string, string>> = {
  'GCJ-KEY2-KeyGrantGuard': 'Key',
  'GCJ-DET3-AlertDeadLetterQueue': 'AlertRule',
  'GCJ-NET4-EndpointPolicy': 'S3Endpoint',
  'GCJ-NET4-NoUnrestrictedEgress': 'AppGroup',
  'GCJ-DET2-ContainerNotRoot': 'Task',
  'GCJ-DET2-ContainerReadOnlyRoot': 'Task',
  'GCJ-RET3-BucketLifecycle': 'Bucket',
  'GCJ-RET3-RepositoryLifecycle': 'Repository',
  'GCJ-KEY3-TargetGroupTls': 'Targets',
};

/** Stack names of the app below. */
export const L1_STACK = 'L1Vendor';
export const L1_TWIN = 'L1VendorTwin';

/** `bin/l1-vendor.ts` of the consumer project (compiled there with TypeScript strict). */
export const L1_VENDOR_APP = `import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { GovCloudChecks } from 'govcloud-jp-cdk';

const app = new App();
const env = { region: 'ap-northeast-1', account: '111122223333' };
const vpcId = 'vpc-0123456789abcdef0';
const root = { AWS: 'arn:aws:iam::111122223333:root' };
const image = '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/app:1.0.0';

function vendorStack(id: string, compliant: boolean): Stack {
  const stack = new Stack(app, id, { env });
  const admin = { Sid: 'Admin', Effect: 'Allow', Principal: root, Action: 'kms:*', Resource: '*' };
  const grantGuard = {
    Sid: 'DenyGrantsNotForAwsResources',
    Effect: 'Deny',
    Principal: '*',
    Action: 'kms:CreateGrant',
    Resource: '*',
    Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false' } },
  };
  new kms.CfnKey(stack, 'Key', {
    enableKeyRotation: true,
    pendingWindowInDays: 30,
    keyPolicy: { Version: '2012-10-17', Statement: compliant ? [admin, grantGuard] : [admin] },
  });
  new events.CfnRule(stack, 'AlertRule', {
    eventPattern: { source: ['aws.guardduty'] },
    targets: [
      {
        id: 'topic',
        arn: 'arn:aws:sns:ap-northeast-1:111122223333:alerts',
        deadLetterConfig: compliant
          ? { arn: 'arn:aws:sqs:ap-northeast-1:111122223333:alerts-dlq' }
          : undefined,
      },
    ],
  });
  new ec2.CfnVPCEndpoint(stack, 'S3Endpoint', {
    vpcId,
    serviceName: 'com.amazonaws.ap-northeast-1.s3',
    vpcEndpointType: 'Gateway',
    routeTableIds: ['rtb-0123456789abcdef0'],
    policyDocument: compliant
      ? {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:*',
              Resource: '*',
              Condition: { StringEquals: { 'aws:ResourceAccount': '111122223333' } },
            },
          ],
        }
      : undefined,
  });
  new ec2.CfnSecurityGroup(stack, 'AppGroup', {
    groupDescription: 'application tasks',
    vpcId,
    securityGroupEgress: [
      compliant
        ? { ipProtocol: 'tcp', fromPort: 443, toPort: 443, cidrIp: '10.0.0.0/16' }
        : { ipProtocol: '-1', cidrIp: '0.0.0.0/0' },
    ],
  });
  new ecs.CfnTaskDefinition(stack, 'Task', {
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    containerDefinitions: [
      {
        name: 'app',
        image,
        essential: true,
        user: compliant ? '1000:1000' : 'root',
        readonlyRootFilesystem: compliant,
      },
    ],
  });
  new s3.CfnBucket(stack, 'Bucket', {
    lifecycleConfiguration: compliant
      ? {
          rules: [
            { id: 'AbortUploads', status: 'Enabled', abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
          ],
        }
      : undefined,
  });
  new ecr.CfnRepository(stack, 'Repository', {
    lifecyclePolicy: compliant
      ? {
          lifecyclePolicyText: JSON.stringify({
            rules: [
              {
                rulePriority: 1,
                selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 30 },
                action: { type: 'expire' },
              },
            ],
          }),
        }
      : undefined,
  });
  new elbv2.CfnTargetGroup(stack, 'Targets', {
    protocol: compliant ? 'HTTPS' : 'HTTP',
    port: compliant ? 8443 : 8080,
    targetType: 'ip',
    vpcId,
  });
  return stack;
}

vendorStack('${L1_STACK}', false);
vendorStack('${L1_TWIN}', true);
Validations.of(app).addPlugins(new GovCloudChecks());
`;

interface Violation {
  readonly ruleName: string;
  readonly violatingConstructs: readonly { readonly constructPath: string }[];
}

/**
 * Problems with the findings of the L1 app: a rule that does not report its resource of the
 * L1 stack, or one that reports anything of the twin. Empty when the pack caught every mistake.
 */
export function l1FindingProblems(
  pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly Violation[];
  }[],
): string[] {
  const found = pluginReports
    .filter((p) => p.pluginName === 'GovCloudChecks')
    .flatMap((p) =>
      p.violations.flatMap((v) =>
        v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`),
      ),
    );
  const problems: string[] = [];
  for (const [rule, resource] of Object.entries(L1_RULES)) {
    if (!found.includes(`${rule} ${L1_STACK}/${resource}`)) {
      problems.push(`${rule} does not report ${L1_STACK}/${resource}`);
    }
    const onTwin = found.filter((f) => f.startsWith(`${rule} ${L1_TWIN}/`));
    if (onTwin.length > 0)
      problems.push(`${rule} reports the compliant twin: ${onTwin.join(', ')}`);
  }
  return problems;
}
