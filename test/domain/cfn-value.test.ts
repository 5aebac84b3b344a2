import * as path from 'path';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { flattenCfnValue } from '../../domain/cfn-value';
import { buildGovCloudApp } from '../../lib/app';
import { loadConfig } from '../../lib/config';
import { appLikeCli } from '../support/app';

/** Every value (objects, arrays and scalars, at any depth) of the resources' properties. */
function propertyValues(template: { Resources?: Record<string, { Properties?: unknown }> }) {
  const values: unknown[] = [];
  const walk = (value: unknown): void => {
    values.push(value);
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  for (const resource of Object.values(template.Resources ?? {})) walk(resource.Properties);
  return values.filter((v) => v !== undefined && v !== null);
}

describe('flattenCfnValue (domain/cfn-value.ts)', () => {
  // The oracle is cdk-nag's own flattener, which builds the ids of its findings: on every value
  // of the synthesized default app the `finding` dialect must spell the same string, or an
  // acknowledgement built with nagResourceFinding would miss its finding.
  const app = appLikeCli();
  buildGovCloudApp(app, loadConfig(path.resolve(__dirname, '../../config/default.json')));
  const values = app.synth().stacks.flatMap((s) => propertyValues(s.template));

  test('the finding dialect equals cdk-nag flattenCfnReference on every value of the default app', () => {
    const differing = values.filter(
      (v) => flattenCfnValue(v, 'finding') !== flattenCfnReference(v),
    );
    expect(values.length).toBeGreaterThan(1000);
    expect(values.filter((v) => typeof v === 'object' && 'Fn::Join' in v).length).toBeGreaterThan(
      0,
    );
    expect(differing.map((v) => JSON.stringify(v))).toEqual([]);
  });

  test('the match dialect keeps the template of a Fn::Sub with variables and marks imports', () => {
    const sub = { 'Fn::Sub': ['arn:aws:s3:::${Name}/*', { Name: 'logs' }] };
    const imported = { 'Fn::ImportValue': 'Shared-KeyArn' };
    expect(flattenCfnValue(sub)).toBe('arn:aws:s3:::<Name>/*');
    expect(flattenCfnValue(imported)).toBe('<ImportValue Shared-KeyArn>');
    expect(flattenCfnValue(sub, 'finding')).toBe(flattenCfnReference(sub));
    expect(flattenCfnValue(imported, 'finding')).toBe('Shared-KeyArn');
  });
});
