// Shared fixtures of the sample-system tests (issue 6): an App with the CLI's feature flags,
// a stack in Tokyo, a data key, a closed network, and configs derived from config/default.json.
import * as fs from 'fs';
import * as path from 'path';
import { Stack, type App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { checkDigit } from '../../../domain/local-government-code';
import { parseConfig, type GovCloudConfig } from '../../../lib/config';
import { PurposeKey } from '../../../constructs/keys/purpose-key';
import { ClosedNetwork, type ClosedNetworkProps } from '../../../constructs/network/closed-network';
import { appLikeCli } from '../../support/app';

export const PREMISES = '172.16.0.0/16';
export const CERT =
  'arn:aws:acm:ap-northeast-1:111122223333:certificate/00000000-0000-0000-0000-000000000000';

/** A stack in `region` of an App with cdk.json's feature flags. */
export function testStack(region = 'ap-northeast-1', app: App = appLikeCli()): Stack {
  return new Stack(app, `Test-${region}`, { env: { region } });
}

/** A data key for municipality 139998. */
export function dataKey(scope: Stack, qualifier = '139998'): PurposeKey {
  return new PurposeKey(scope, `DataKey${qualifier}`, { purpose: 'data', qualifier });
}

/** A closed network with the defaults and the fictitious premises. */
export function closedNetwork(
  scope: Stack,
  overrides: Partial<ClosedNetworkProps> = {},
): ClosedNetwork {
  return new ClosedNetwork(scope, 'Network', {
    cidr: '10.64.0.0/22',
    premisesCidrs: [PREMISES],
    flowLogKey: dataKey(scope, 'net').key,
    ...overrides,
  });
}

/** The raw default config file. */
export function defaultConfigFile(): Record<string, unknown> & { system: Record<string, unknown> } {
  return JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../../config/default.json'), 'utf8'),
  ) as Record<string, unknown> & { system: Record<string, unknown> };
}

/** config/default.json with `system` fields replaced, validated. */
export function sampleConfig(system: Record<string, unknown> = {}): GovCloudConfig {
  const file = defaultConfigFile();
  return parseConfig({ ...file, system: { ...file.system, ...system } });
}

/** `n` fictitious municipalities with valid codes in the unused Tokyo range 13950-13999. */
export function fictitiousMunicipalities(n: number): { name: string; code: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const body = String(13950 + i);
    return { name: `架空村${i + 1}`, code: `${body}${checkDigit(body)}` };
  });
}

/** Every resource of `type` in a template, as [logicalId, resource] pairs. */
export function resourcesOf(
  template: Template,
  type: string,
): [string, { Properties?: Record<string, unknown>; DeletionPolicy?: string }][] {
  return Object.entries(template.findResources(type)) as [
    string,
    { Properties?: Record<string, unknown>; DeletionPolicy?: string },
  ][];
}
