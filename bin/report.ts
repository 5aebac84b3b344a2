#!/usr/bin/env node
// `npm run report`: turns the evidence of the last `npm run synth` into the compliance report.
import { writeReport } from '../lib/report/files';

const outdir = process.argv[2] ?? 'cdk.out';
try {
  const { files, summary } = writeReport(outdir);
  console.log(files.join('\n'));
  console.log(
    `requirements ${summary.requirements}, covered ${summary.covered}, checked ${summary.checked}, ` +
      `passing ${summary.passing}, unacknowledged errors ${summary.unacknowledgedErrors}`,
  );
  if (summary.unacknowledgedErrors > 0) {
    // The synth this evidence comes from failed its checks: the report is written for the
    // fix, but it is not evidence of a passing app (EVD-1).
    console.error(
      `${summary.unacknowledgedErrors} unacknowledged error finding(s) [EVD-1]: the synth failed its checks. Fix: correct them or acknowledge them with a reason in the config's acknowledgements.`,
    );
    process.exit(2);
  }
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
