// Splits a V8 CPU profile (`node --cpu-prof`) of the app process into the phases the bench
// reports: building the constructs, CDK's CloudFormation validation, the rule packs, and
// writing (synthesis of templates, evidence, SCP documents). Each sample's time goes to the
// first phase found on its stack, innermost frame first.
import * as fs from 'fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export const PHASES = ['build', 'validation', 'packs', 'write', 'load', 'other'] as const;
export type Phase = (typeof PHASES)[number];

function phaseOf(frame: ProfileNode['callFrame']): Phase | undefined {
  const { functionName: fn, url } = frame;
  if (
    /cloudformation-validate|\/lib\/validation\//.test(url) ||
    /^(initializeEngine|validateTemplate)$/.test(fn)
  ) {
    return 'validation';
  }
  if (/cdk-nag|\/lib\/nag\//.test(url)) return 'packs';
  if (/^(writeEvidence|collectEvidence|writeScpDocuments)$/.test(fn)) return 'write';
  if (/^buildGovCloudApp$/.test(fn)) return 'build';
  if (/^(synth|synthesize)$/.test(fn)) return 'write';
  if (/^(Module\._load|Module\._compile|wrapSafe|compileFunction)$/.test(fn)) return 'load';
  return undefined;
}

/** Seconds of CPU per phase. */
export function splitProfile(file: string): Record<Phase, number> {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, Phase>();
  const classify = (id: number): Phase => {
    const known = memo.get(id);
    if (known) return known;
    const node = byId.get(id);
    const own = node && phaseOf(node.callFrame);
    const up = parent.get(id);
    const phase = own ?? (up === undefined ? 'other' : classify(up));
    memo.set(id, phase);
    return phase;
  };
  const out = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  profile.samples.forEach((id, i) => {
    const leaf = byId.get(id)?.callFrame;
    if (leaf?.functionName === '(idle)') return;
    // The main thread blocked in Atomics.wait for the validation workers: the workers' own
    // profiles count that time, as the CPU it is.
    if (leaf?.functionName === 'collect' && /\/lib\/validation\/engine-pool/.test(leaf.url)) return;
    out[classify(id)] += (profile.timeDeltas[i] ?? 0) / 1e6;
  });
  return out;
}

/**
 * Seconds of CPU per phase of one profiled app run: `dir` holds the main thread's profile and
 * one per worker thread (`CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`, thread 0 the main
 * one). The workers do nothing but CloudFormation validation (lib/validation), so all their
 * CPU is validation.
 */
export function splitProfiles(dir: string): Record<Phase, number> | undefined {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const thread = (f: string) => Number(f.split('.')[4]);
  const main = files.find((f) => thread(f) === 0);
  if (!main) return undefined;
  const out = splitProfile(`${dir}/${main}`);
  for (const f of files.filter((x) => thread(x) !== 0)) {
    const worker = splitProfile(`${dir}/${f}`);
    out.validation += Object.values(worker).reduce((a, b) => a + b, 0);
  }
  return out;
}
