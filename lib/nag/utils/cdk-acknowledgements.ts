/**
 * Acknowledgements aws-cdk-lib records itself (`Validations.of(this).acknowledge(…)` inside
 * its constructs, e.g. `CloudFormation-Validate::W3010` on every stack that reads
 * `stack.availabilityZones`), with their Japanese reason. They reach the compliance report
 * like any other acknowledgement, but no call of this library can give them a `reasonJa`; the
 * report takes it from here when the recorded ID and English reason are exactly these (EVD-1).
 * `test/nag/cdk-acknowledgements.test.ts` checks this list against the installed aws-cdk-lib,
 * so that an upgrade that adds or rewords one fails there instead of putting English into
 * report.ja.md.
 */
export const CDK_ACKNOWLEDGEMENTS_JA: readonly {
  readonly id: string;
  readonly reason: string;
  readonly reasonJa: string;
}[] = [
  {
    id: 'CloudFormation-Validate::E3019',
    reason: 'We are intentionally creating a duplicate resource',
    reasonJa: '重複するリソースを意図して作成している。',
  },
  {
    id: 'CloudFormation-Validate::F3002',
    reason:
      'AWS::EC2::FlowLog DestinationOptions accepts properties in camelCase, even they are listed as PascalCase in the spec',
    reasonJa:
      'AWS::EC2::FlowLog の DestinationOptions は、仕様では PascalCase と記載されていても、プロパティを camelCase で受け付ける。',
  },
  {
    id: 'CloudFormation-Validate::F3003',
    reason:
      'AWS::EC2::FlowLog DestinationOptions accepts properties in camelCase, even they are listed as PascalCase in the spec',
    reasonJa:
      'AWS::EC2::FlowLog の DestinationOptions は、仕様では PascalCase と記載されていても、プロパティを camelCase で受け付ける。',
  },
  {
    id: 'CloudFormation-Validate::F3032',
    reason:
      'An empty list of resources to replicate tags is historically supported by this construct.',
    reasonJa:
      'タグを複製するリソースの空のリストは、この構成要素が従来から受け付けているものである。',
  },
  {
    id: 'CloudFormation-Validate::F3037',
    reason: 'Duplicate domain names in subjectAlternativeNames exist for historical reasons',
    reasonJa:
      'subjectAlternativeNames に重複するドメイン名があるのは、従来の経緯によるものである。',
  },
  {
    id: 'CloudFormation-Validate::W2506',
    reason:
      'SSM parameter is typed as String instead of AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> for historical reasons.',
    reasonJa:
      'SSM パラメータの型は、従来の経緯により AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> ではなく String としている。',
  },
  {
    id: 'CloudFormation-Validate::W3010',
    reason:
      'Literal AZs in template are the result of accessing stack.availabilityZones, this is expected and safe',
    reasonJa:
      'テンプレート中のアベイラビリティーゾーンのリテラルは stack.availabilityZones を参照した結果であり、想定どおりで問題はない。',
  },
  {
    id: 'CloudFormation-Validate::W3045',
    reason: 'accessControl is deprecated, but we are still using it for historical reasons.',
    reasonJa: 'accessControl は非推奨だが、従来の経緯により引き続き使用している。',
  },
  {
    id: 'CloudFormation-Validate::W9003',
    reason:
      'LifecycleRule.objectSizeLessThan and LifecycleRule.objectSizeGreaterThan are numbers for historical reasons',
    reasonJa:
      'LifecycleRule.objectSizeLessThan と LifecycleRule.objectSizeGreaterThan が数値であるのは、従来の経緯によるものである。',
  },
  {
    id: 'CloudFormation-Validate::W9009',
    reason: 'action is deprecated, but still in use for historical reasons',
    reasonJa: 'action は非推奨だが、従来の経緯により引き続き使用している。',
  },
  {
    id: 'CloudFormation-Validate::W9009',
    reason: 'elasticSearchConfig is deprecated, but still in use for historical reasons',
    reasonJa: 'elasticSearchConfig は非推奨だが、従来の経緯により引き続き使用している。',
  },
  {
    id: 'CloudFormation-Validate::W9010',
    reason:
      'The AMI ID is resolved from a synth-time lookup, so the literal AMI ID in the template is expected.',
    reasonJa:
      'AMI ID は合成時の検索で解決されるため、テンプレートに AMI ID のリテラルが含まれるのは想定どおりである。',
  },
];
