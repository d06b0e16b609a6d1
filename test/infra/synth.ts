/** Synthesizes the app as `cdk synth` would, minus bundling (the bundles have tests of their own). */
import { readFileSync } from 'node:fs';
import { App, assertions } from 'aws-cdk-lib';
import { type JobbtorgStack, defineApp } from '../../infra/stack';

export interface Synthesized {
  app: App;
  stack: JobbtorgStack;
  template: assertions.Template;
  json: { Resources: Record<string, { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string; Metadata?: Record<string, unknown> }> };
  /** The us-east-1 stack with the CloudFront web ACL. */
  edge: { template: assertions.Template; json: Synthesized['json'] };
}

export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  // cdk.json's context (feature flags) as the CLI passes it, then the test's own.
  const cdkJson = JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context } });
  const stack = defineApp(app);
  // Throws when cdk-nag (registered by defineApp) has an unacknowledged finding.
  const assembly = app.synth();
  const json = assembly.getStackArtifact(stack.artifactId).template;
  const edge = assembly.getStackArtifact(stack.edge.artifactId).template;
  return { app, stack, template: assertions.Template.fromJSON(json), json, edge: { template: assertions.Template.fromJSON(edge), json: edge } };
}

/** Resources of one type, by logical id. */
export function resourcesOf(s: Synthesized, type: string) {
  return Object.entries(s.json.Resources).filter(([, r]) => r.Type === type);
}
