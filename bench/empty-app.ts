// The floor of `cdk synth` on this machine: an app with one bucket, run by the CDK CLI with the
// project's app command (cdk.json's, this file in place of bin/app.ts). Its time is what loading
// aws-cdk-lib, the CLI and the TypeScript loader costs before any project code.
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

const app = new App();
const stack = new Stack(app, 'Empty', { env: { region: 'ap-northeast-1' } });
new s3.Bucket(stack, 'Bucket');
app.synth();
