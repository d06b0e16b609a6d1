/**
 * The staff page on AWS (infra/constructs/web.ts): a private bucket read only through origin
 * access control, CloudFront over HTTPS only with security headers, the API under /v1/* on the
 * same origin, and the Cognito app client sending staff back to the page after sign-in.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, resourcesOf, synthesize } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthesize();
});

const distributionConfig = () => resourcesOf(s, 'AWS::CloudFront::Distribution')[0]![1].Properties!.DistributionConfig;

describe('the staff page on AWS', () => {
  it('keeps the files in a private, encrypted bucket that refuses plain HTTP', () => {
    s.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('lets only this CloudFront distribution read the bucket, through origin access control', () => {
    s.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    s.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' }, Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } } }),
        ]),
      },
    });
    expect(resourcesOf(s, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toHaveLength(0);
  });

  it('serves the page and the API over HTTPS only, never caching the API', () => {
    const config = distributionConfig();
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('https-only');
    const api = config.CacheBehaviors.find((b: { PathPattern: string }) => b.PathPattern === '/v1/*');
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'OPTIONS']));
    // The managed CachingDisabled policy.
    expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(api.ResponseHeadersPolicyId).toBeUndefined();
  });

  it('sends security headers with the page, and a CSP that allows its own origin and the Cognito sign-in only', () => {
    const [, policy] = resourcesOf(s, 'AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    const headers = policy.Properties!.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'self'; connect-src 'self' https://");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('amazoncognito.com');
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBe(63072000);
    expect(headers.FrameOptions.FrameOption).toBe('DENY');
    expect(headers.ContentTypeOptions.Override).toBe(true);
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('no-referrer');
    expect(distributionConfig().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: s.stack.getLogicalId(s.stack.web.node.findChild('SecurityHeaders').node.defaultChild as never) });
  });

  it('returns staff to the page after the hosted sign-in (authorization code, public client)', () => {
    const distribution = s.stack.getLogicalId(s.stack.web.distribution.node.defaultChild as never);
    s.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'staff',
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: Match.arrayWith([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distribution, 'DomainName'] }, '/']] }]),
    });
  });

  it('deploys the built page with a config.json naming the Cognito domain, the app client and the callback', () => {
    const [, deployment] = resourcesOf(s, 'Custom::CDKBucketDeployment')[0]!;
    expect(deployment.Properties!.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment.Properties!.SourceMarkers ?? deployment.Properties);
    expect(markers).toContain('StaffClient');
    expect(deployment.Properties!.DistributionPaths).toEqual(['/*']);
    s.template.hasOutput('WebUrl', {});
  });
});
