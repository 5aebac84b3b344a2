import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { splitProfile, splitProfiles } from '../../bench/profile-split';

// A hand-made profile: root → buildGovCloudApp; root → synth → validateTemplate;
// root → synth → a cdk-nag frame; root → (idle).
const frame = (id: number, functionName: string, url = '', children: number[] = []) => ({
  id,
  callFrame: { functionName, url },
  children,
});
const profile = {
  nodes: [
    frame(1, '(root)', '', [2, 3, 6]),
    frame(2, 'buildGovCloudApp', '/x/lib/app.ts'),
    frame(3, 'synth', '/x/aws-cdk-lib/core/lib/stage.js', [4, 5]),
    frame(4, 'validateTemplate', '/x/@aws/cloudformation-validate/index.js'),
    frame(5, 'visit', '/x/node_modules/cdk-nag/lib/nag-pack.js'),
    frame(6, '(idle)'),
  ],
  samples: [2, 4, 4, 5, 3, 6],
  timeDeltas: [1e6, 2e6, 2e6, 5e5, 25e4, 9e6],
};

/** splitProfile of `p`, written to a file as `node --cpu-prof` would. */
function split(p: object) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'split-')), 'p.cpuprofile');
  fs.writeFileSync(file, JSON.stringify(p));
  return splitProfile(file);
}

test('each sample counts for the innermost phase on its stack; idle time for none', () => {
  expect(split(profile)).toEqual({
    build: 1,
    validation: 4,
    packs: 0.5,
    write: 0.25,
    load: 0,
    other: 0,
  });
});

test("a worker thread's profile counts as validation; the main thread's is split", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'split-'));
  fs.writeFileSync(
    path.join(dir, 'CPU.20261202.060000.42.0.001.cpuprofile'),
    JSON.stringify(profile),
  );
  // A worker: everything under its root (here a "build"-named frame too) is validation work.
  fs.writeFileSync(
    path.join(dir, 'CPU.20261202.060001.42.1.002.cpuprofile'),
    JSON.stringify(profile),
  );
  expect(splitProfiles(dir)).toEqual({
    build: 1,
    validation: 4 + 5.75,
    packs: 0.5,
    write: 0.25,
    load: 0,
    other: 0,
  });
});

test('the main thread waiting for the validation workers (engine-pool collect) counts for no phase', () => {
  const waiting = {
    nodes: [
      frame(1, '(root)', '', [2]),
      frame(2, 'synth', '/x/aws-cdk-lib/core/lib/stage.js', [3]),
      frame(3, 'collect', '/x/lib/validation/engine-pool.ts'),
    ],
    samples: [3, 3, 2],
    timeDeltas: [2e6, 2e6, 1e6],
  };
  expect(split(waiting)).toEqual({
    build: 0,
    validation: 0,
    packs: 0,
    write: 1,
    load: 0,
    other: 0,
  });
});
