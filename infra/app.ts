/**
 * The CDK app (`cdk.json` runs it): one stack for the stage given in context.
 *
 *   npx cdk deploy --profile jobbtorg-prod -c stage=prod -c account=123456789012
 */
import { App } from 'aws-cdk-lib';
import { defineApp } from './stack';

const app = new App();
defineApp(app);
app.synth();
