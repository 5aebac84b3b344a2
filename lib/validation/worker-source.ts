/**
 * The validation worker's program, run with `new Worker(WORKER_SOURCE, { eval: true })`: plain
 * JavaScript, so that it runs the same from `bin/app.ts` (swc), from jest and from the published
 * `dist/`. It builds one `@aws/cloudformation-validate` engine as soon as it starts (that is the
 * seconds-long part). Given a batch of templates, it takes the next one from a counter shared
 * by every worker of the batch until none is left, and validates it exactly as aws-cdk-lib's
 * `CloudFormationValidatePlugin` calls the engine; so the workers balance the load among
 * themselves while the main thread does other work. An early job (one template, sent while
 * synthesis still writes the others) is validated on its own, in the order it arrives. A
 * message with rules alone only rebuilds the engine if they differ (a worker a later pool of the
 * process takes over). Each answer carries its batch's or early job's id, unique in the process,
 * and after posting it the worker bumps a counter shared with the whole process, which wakes the
 * main thread when it waits in the synchronous plugin interface.
 */
export const WORKER_SOURCE: string = `
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

function run(job) {
  const content = job.content !== undefined ? job.content : fs.readFileSync(job.templatePath, 'utf-8');
  const report = engine.validateTemplate(
    new validate.TemplateContent(content, job.templatePath),
    job.options,
  );
  return report.diagnostics.map((d) => ({
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    propertyPath: d.propertyPath,
    suggestedFix: d.suggestedFix,
    category: d.category,
    entity: d.entity ? { entityType: d.entity.entityType, logicalId: d.entity.logicalId } : undefined,
  }));
}

/** Validates \`job\` and posts its diagnostics, or the error, tagged with \`tag\`. */
function attempt(tag, job) {
  try {
    if (engineError) throw engineError;
    answer({ ...tag, diagnostics: run(job) });
  } catch (e) {
    answer({ ...tag, error: String(e && e.stack ? e.stack : e) });
  }
}

try {
  build(workerData.rules);
} catch (e) {
  engineError = e;
}

port.on('message', (batch) => {
  try {
    engineError = undefined;
    build(batch.rules);
  } catch (e) {
    engineError = e;
  }
  if (batch.early !== undefined) {
    attempt({ early: batch.early }, batch.job);
    return;
  }
  if (batch.jobs === undefined) return;
  const next = new Int32Array(batch.next);
  for (let i = Atomics.add(next, 0, 1); i < batch.jobs.length; i = Atomics.add(next, 0, 1)) {
    attempt({ batch: batch.batch, index: i }, batch.jobs[i]);
  }
});
`;
