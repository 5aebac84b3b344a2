import { resolvePlan } from '../../lib/config';
import { buildMunicipalSystemStacks } from '../../lib/stacks/municipal-system-stack';
import { appLikeCli } from '../support/app';
import { fictitiousMunicipalities, sampleConfig } from '../constructs/system/fixtures';

/** CloudFormation's limits per template. */
const MAX_RESOURCES = 500;
const MAX_TEMPLATE_BYTES = 1_000_000;

/** Resource count and template size (as CDK writes it) of every stack of a config. */
function measure(
  system: Record<string, unknown>,
): { name: string; resources: number; bytes: number }[] {
  const config = sampleConfig(system);
  const app = appLikeCli();
  buildMunicipalSystemStacks(app, resolvePlan(config));
  return app.synth().stacks.map((s) => ({
    name: s.stackName,
    resources: Object.keys(s.template.Resources).length,
    bytes: Buffer.byteLength(JSON.stringify(s.template, undefined, 1)),
  }));
}

describe('templates stay under CloudFormation limits with 50 municipalities', () => {
  const fifty = fictitiousMunicipalities(50);
  const worstCase = {
    municipalities: fifty,
    transitGatewayId: 'tgw-0123456789abcdef0',
    defaultRouteToPremises: true,
    resolver: {
      inbound: true,
      outbound: true,
      forwardingRules: [{ domainName: 'city.example.lg.jp', targetIps: ['172.16.0.53'] }],
    },
    dr: { pilotLightNetwork: true },
  };

  test('vpc mode: 50 primary and 50 DR stacks, each < 500 resources and < 1 MB', () => {
    const stacks = measure(worstCase);
    expect(stacks).toHaveLength(100);
    for (const s of stacks) {
      expect({
        name: s.name,
        under: s.resources < MAX_RESOURCES && s.bytes < MAX_TEMPLATE_BYTES,
      }).toEqual({
        name: s.name,
        under: true,
      });
    }
    // The per-municipality split keeps every template far from the limits, not just under them.
    expect(Math.max(...stacks.map((s) => s.resources))).toBeLessThan(150);
  }, 180_000);

  test('application mode: one shared stack plus 50 data stacks, each < 500 resources and < 1 MB', () => {
    const stacks = measure({
      ...worstCase,
      tenancy: 'application',
      applicationSeparationApproval: 'ref',
    });
    expect(stacks).toHaveLength(1 + 50 + 1 + 50);
    for (const s of stacks) {
      expect(s.resources).toBeLessThan(MAX_RESOURCES);
      expect(s.bytes).toBeLessThan(MAX_TEMPLATE_BYTES);
    }
    const shared = stacks.find((s) => s.name === 'sample-System-Shared-Tokyo');
    expect(shared?.resources).toBeLessThan(150);
  }, 180_000);
});
