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
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
