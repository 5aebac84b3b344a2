#!/usr/bin/env node
// `npm run diagrams`: regenerates docs/diagrams.md and the README's diagrams region from the
// synthesized templates of config/default.json. test/docs/diagrams.test.ts fails when the
// committed files differ from what this writes.
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import * as cdkJson from '../cdk.json';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../lib/config';
import { renderConfigDiagrams, replaceMarkedRegion } from '../lib/diagram/docs';

const root = path.resolve(__dirname, '..');
// The built-in CloudFormation schema validation only reads the templates; skip its ~5 s.
process.env.CDK_VALIDATION = 'false';

const rendered = renderConfigDiagrams(
  new App({ context: { ...cdkJson.context } }),
  loadConfig(path.join(root, DEFAULT_CONFIG_PATH)),
  DEFAULT_CONFIG_PATH,
);

const documentPath = path.join(root, 'docs', 'diagrams.md');
fs.writeFileSync(documentPath, rendered.document);
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
fs.writeFileSync(readmePath, replaceMarkedRegion(readme, 'diagrams', rendered.readmeRegion));

for (const d of rendered.diagrams) {
  console.log(`${d.stackName}: ${d.resourceCount} resources`);
}
console.log(`Wrote ${path.relative(root, documentPath)} and the diagrams region of README.md.`);
