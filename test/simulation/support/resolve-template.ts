/**
 * Turns a synthesized CloudFormation template into concrete IAM policies for the simulator:
 * resolves Ref / Fn::GetAtt / Fn::Join with made-up but stable physical names, and collects,
 * for every role, its trust policy, identity policies (managed + inline) and boundary.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type PolicyJson = { Version?: string; Statement: Record<string, Json>[] };

interface CfnResource {
  Type: string;
  Properties?: Record<string, Json>;
}

export interface ResolvedRole {
  logicalId: string;
  /** Made-up role name (= logical id) and path from the template. */
  name: string;
  arn: string;
  /** `arn:aws:sts::<account>:assumed-role/<name>/session`, the caller of a request. */
  sessionArn: string;
  trust: PolicyJson;
  identityPolicies: { name: string; policy: PolicyJson }[];
  boundary?: { name: string; policy: PolicyJson };
}

/** What AWS managed policies referenced by the constructs allow (only the ones we use). */
const AWS_MANAGED: Record<string, PolicyJson> = {
  AdministratorAccess: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
};

export class ResolvedTemplate {
  private readonly resources: Record<string, CfnResource>;

  constructor(
    template: Record<string, Json>,
    public readonly account: string,
    public readonly region: string,
    /**
     * When given, unnamed buckets get names the way CloudFormation generates them
     * (`<stack>-<logical id>-<suffix>`, lower case), which name-pattern denies rely on.
     */
    public readonly stackName?: string,
  ) {
    this.resources = template.Resources as unknown as Record<string, CfnResource>;
  }

  /** Logical ids of resources of a CloudFormation type whose id starts with `prefix`. */
  public logicalIds(type: string, prefix = ''): string[] {
    return Object.entries(this.resources)
      .filter(([id, r]) => r.Type === type && id.startsWith(prefix))
      .map(([id]) => id);
  }

  /** The one logical id of a type starting with `prefix`; throws when there is not exactly one. */
  public logicalId(type: string, prefix: string): string {
    const ids = this.logicalIds(type, prefix);
    if (ids.length !== 1) {
      throw new Error(`expected one ${type} starting with ${prefix}, found ${ids.join(', ')}`);
    }
    return ids[0];
  }

  /** Resolves intrinsic functions recursively. */
  public resolve(value: Json): Json {
    if (Array.isArray(value)) {
      return value.map((v) => this.resolve(v));
    }
    if (value === null || typeof value !== 'object') {
      return value;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Ref') {
      return this.ref(value.Ref as string);
    }
    if (keys.length === 1 && keys[0] === 'Fn::GetAtt') {
      const [id, attr] = value['Fn::GetAtt'] as string[];
      return this.getAtt(id, attr);
    }
    if (keys.length === 1 && keys[0] === 'Fn::Join') {
      const [sep, parts] = value['Fn::Join'] as [string, Json[]];
      return parts.map((p) => this.resolve(p) as string).join(sep);
    }
    if (keys.length === 1 && keys[0] === 'Fn::Select') {
      const [index, list] = value['Fn::Select'] as [number, Json];
      return (this.resolve(list) as Json[])[index];
    }
    if (keys.length === 1 && keys[0] === 'Fn::Split') {
      const [sep, source] = value['Fn::Split'] as [string, Json];
      return (this.resolve(source) as string).split(sep);
    }
    const out: Record<string, Json> = {};
    for (const key of keys) {
      if (key.startsWith('Fn::')) {
        throw new Error(`unsupported intrinsic ${key}`);
      }
      out[key] = this.resolve(value[key]);
    }
    return out;
  }

  public ref(id: string): string {
    switch (id) {
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::AccountId':
        return this.account;
      case 'AWS::Region':
        return this.region;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
    }
    const resource = this.resource(id);
    switch (resource.Type) {
      case 'AWS::IAM::ManagedPolicy':
        return `arn:aws:iam::${this.account}:policy${this.path(id)}${(resource.Properties?.ManagedPolicyName as string | undefined) ?? id}`;
      case 'AWS::S3::Bucket':
        return this.stackName
          ? `${this.stackName}-${id}`.toLowerCase().slice(0, 50) + '-1a2b3c4d5e6f'
          : id.toLowerCase();
      case 'AWS::KMS::Key':
        return `key-${id.toLowerCase()}`;
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${this.region}:${this.account}:${id}`;
      default:
        return id;
    }
  }

  public getAtt(id: string, attr: string): string {
    const resource = this.resource(id);
    if (attr !== 'Arn') {
      throw new Error(`unsupported attribute ${id}.${attr}`);
    }
    const name = this.ref(id);
    switch (resource.Type) {
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${this.account}:role${this.path(id)}${id}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${name}`;
      case 'AWS::KMS::Key':
        return `arn:aws:kms:${this.region}:${this.account}:key/${name}`;
      case 'AWS::Logs::LogGroup':
        return `arn:aws:logs:${this.region}:${this.account}:log-group:${name}:*`;
      case 'AWS::CloudTrail::Trail':
        return `arn:aws:cloudtrail:${this.region}:${this.account}:trail/${name}`;
      default:
        throw new Error(`unsupported Arn of ${resource.Type}`);
    }
  }

  /** The resolved document of a customer managed policy or a known AWS managed policy. */
  public managedPolicy(arn: string): { name: string; policy: PolicyJson } {
    const awsManaged = /^arn:aws:iam::aws:policy\/(.+)$/.exec(arn);
    if (awsManaged) {
      const policy = AWS_MANAGED[awsManaged[1]];
      if (!policy) {
        throw new Error(`no simulation document for AWS managed policy ${arn}`);
      }
      return { name: awsManaged[1], policy };
    }
    const id = this.logicalIds('AWS::IAM::ManagedPolicy').find((pid) => this.ref(pid) === arn);
    if (!id) {
      throw new Error(`managed policy ${arn} is not in the template`);
    }
    const props = this.resource(id).Properties ?? {};
    return { name: id, policy: this.resolve(props.PolicyDocument) as unknown as PolicyJson };
  }

  /**
   * The resource policy AWS would evaluate with a request: a KMS key's key policy (KMS
   * requires one; keys outside the template get the standard delegation to the account), the
   * bucket policy of a bucket (or object) of the template, the topic policy of a topic of the
   * template.
   */
  public resourcePolicyFor(arn: string): PolicyJson | undefined {
    const bucket = /^arn:aws:s3:::([^/]+)/.exec(arn)?.[1];
    if (bucket) {
      return this.policyOf('AWS::S3::BucketPolicy', 'Bucket', bucket);
    }
    if (/^arn:aws:sns:/.test(arn)) {
      return this.policyOf('AWS::SNS::TopicPolicy', 'Topics', arn);
    }
    if (!/^arn:aws:kms:[^:]+:\d{12}:key\//.test(arn)) {
      return undefined;
    }
    const id = this.logicalIds('AWS::KMS::Key').find((kid) => this.getAtt(kid, 'Arn') === arn);
    if (id) {
      return this.resolve(this.resource(id).Properties?.KeyPolicy ?? null) as unknown as PolicyJson;
    }
    return {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${arn.split(':')[4]}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    };
  }

  /** The PolicyDocument of the `type` resource whose `property` resolves to (or lists) `target`. */
  private policyOf(type: string, property: string, target: string): PolicyJson | undefined {
    const id = this.logicalIds(type).find((pid) => {
      const value = this.resolve(this.resource(pid).Properties?.[property] ?? null);
      return Array.isArray(value) ? value.includes(target) : value === target;
    });
    return id
      ? (this.resolve(
          this.resource(id).Properties?.PolicyDocument ?? null,
        ) as unknown as PolicyJson)
      : undefined;
  }

  /** A role with everything the simulator needs. */
  public role(id: string): ResolvedRole {
    const props = this.resource(id).Properties ?? {};
    const managed = ((this.resolve(props.ManagedPolicyArns ?? []) as string[]) ?? []).map((arn) =>
      this.managedPolicy(arn),
    );
    const inline = this.logicalIds('AWS::IAM::Policy')
      .filter((pid) =>
        ((this.resource(pid).Properties?.Roles as Json[]) ?? []).some(
          (r) => this.resolve(r) === this.ref(id),
        ),
      )
      .map((pid) => ({
        name: pid,
        policy: this.resolve(this.resource(pid).Properties?.PolicyDocument ?? null) as PolicyJson,
      }));
    const boundaryArn = props.PermissionsBoundary
      ? (this.resolve(props.PermissionsBoundary) as string)
      : undefined;
    return {
      logicalId: id,
      name: id,
      arn: this.getAtt(id, 'Arn'),
      sessionArn: `arn:aws:sts::${this.account}:assumed-role/${id}/session`,
      trust: this.resolve(props.AssumeRolePolicyDocument) as unknown as PolicyJson,
      identityPolicies: [...managed, ...inline],
      boundary: boundaryArn ? this.managedPolicy(boundaryArn) : undefined,
    };
  }

  private path(id: string): string {
    return (this.resource(id).Properties?.Path as string | undefined) ?? '/';
  }

  private resource(id: string): CfnResource {
    const resource = this.resources[id];
    if (!resource) {
      throw new Error(`no resource ${id} in the template`);
    }
    return resource;
  }
}
