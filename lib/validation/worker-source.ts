/**
 * The validation worker's program, run with `new Worker(WORKER_SOURCE, { eval: true })`: plain
 * JavaScript, so that it runs the same from `bin/app.ts` (swc), from jest and from the published
 * `dist/`. It builds one `@aws/cloudformation-validate` engine as soon as it starts (that is the
 * seconds-long part) and then validates one template per job, exactly as aws-cdk-lib's
 * `CloudFormationValidatePlugin` calls the engine. After posting each answer it bumps a shared
 * counter, so that the main thread, blocked in the synchronous plugin interface, wakes up.
 */
export const WORKER_SOURCE = `
'use strict';
const fs = require('fs');
const { workerData } = require('worker_threads');
const validate = require(workerData.modulePath);
const signal = new Int32Array(workerData.signal);
const port = workerData.port;
let engine;
let engineRules;
let engineError;

function build(rules) {
  const key = JSON.stringify(rules);
  if (engine && engineRules === key) return;
  if (engine) engine.free();
  engine = undefined;
  const config = {};
  if (rules.length > 0) config.regoRules = rules;
  engine = new validate.CompositeEngine(config);
  engineRules = key;
}

function answer(message) {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

try {
  build(workerData.rules);
} catch (e) {
  engineError = e;
}

port.on('message', (job) => {
  try {
    if (job.rules) {
      engineError = undefined;
      build(job.rules);
    }
    if (engineError) throw engineError;
    const content = fs.readFileSync(job.templatePath, 'utf-8');
    const report = engine.validateTemplate(
      new validate.TemplateContent(content, job.templatePath),
      job.options,
    );
    answer({
      id: job.id,
      diagnostics: report.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        severity: d.severity,
        message: d.message,
        propertyPath: d.propertyPath,
        suggestedFix: d.suggestedFix,
        category: d.category,
        entity: d.entity ? { entityType: d.entity.entityType, logicalId: d.entity.logicalId } : undefined,
      })),
    });
  } catch (e) {
    answer({ id: job.id, error: String(e && e.stack ? e.stack : e) });
  }
});
`;
