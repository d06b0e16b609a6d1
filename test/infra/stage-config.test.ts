import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { stageConfig } from '../../infra/stack';
import { synthesize } from './synth';

describe('stage and account', () => {
  it('come from context, not from the code', () => {
    const config = stageConfig(new App({ context: { stage: 'prod', account: '123456789012', region: 'eu-north-1', staffCallbackUrls: 'https://jobbtorg.stockholm.se/inloggad' } }), {});
    expect(config).toMatchObject({ stage: 'prod', account: '123456789012', region: 'eu-north-1', production: true });
    expect(stageConfig(new App(), {})).toMatchObject({ stage: 'dev', production: false, region: 'eu-north-1' });
    expect(stageConfig(new App(), {}).account).toBeUndefined();
  });

  it('refuse a stage name or account id that is not one', () => {
    expect(() => stageConfig(new App({ context: { stage: 'Prod Stockholm' } }), {})).toThrow(/stage/);
    expect(() => stageConfig(new App({ context: { account: '12345' } }), {})).toThrow(/account/);
  });

  it('name the stack, its environment and its retention: production keeps logs a year and is termination-protected', () => {
    const prod = synthesize({ stage: 'prod', account: '123456789012', region: 'eu-north-1', staffCallbackUrls: 'https://jobbtorg.stockholm.se/inloggad' });
    expect(prod.stack.stackName).toBe('Jobbtorg-prod');
    expect(prod.stack.account).toBe('123456789012');
    expect(prod.stack.terminationProtection).toBe(true);
    prod.template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    prod.template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
  });
});
