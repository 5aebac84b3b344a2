// Jest global setup and teardown: every App a test creates without an outdir synthesizes into a
// fresh `cdk.out*` directory under os.tmpdir(), about 1,400 of them (200 MB) per run. Workers
// inherit TMPDIR from this process, so pointing it at one directory for the run lets the
// teardown remove them all.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const OWN = 'GOVCLOUD_JEST_TMPDIR';

export function setup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govcloud-jest-'));
  process.env[OWN] = dir;
  process.env.TMPDIR = dir;
}

export function teardown(): void {
  const dir = process.env[OWN];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
