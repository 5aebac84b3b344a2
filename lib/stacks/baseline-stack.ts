import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { GovCloudConfig } from '../config';
import { assertJapanRegion } from './region';

export interface GovCloudBaselineStackProps extends StackProps {
  /** The validated configuration (see `loadConfig`). */
  readonly config: GovCloudConfig;
  /**
   * True for the configured primary (home) region: global resources (IAM in Config, the
   * permission-model roles, budgets) are recorded or created there only.
   */
  readonly isHomeRegion: boolean;
}

/**
 * The Government Cloud baseline template (ベースラインテンプレート) for one region of a
 * tenant account (個別領域).
 *
 * Thin by design: it wires the constructs from config. It has no assets and no Lambda-backed
 * custom resources so that CloudFormation StackSets can deploy it without bootstrapping.
 */
export class GovCloudBaselineStack extends Stack {
  public readonly config: GovCloudConfig;
  public readonly isHomeRegion: boolean;

  constructor(scope: Construct, id: string, props: GovCloudBaselineStackProps) {
    super(scope, id, props);
    assertJapanRegion(this, props.env?.region);
    this.config = props.config;
    this.isHomeRegion = props.isHomeRegion;
  }
}
