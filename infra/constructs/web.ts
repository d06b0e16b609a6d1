/**
 * The staff page on AWS: its static files in a private S3 bucket, read only by CloudFront through
 * origin access control, served over HTTPS only with security headers. The API is routed through
 * the same distribution (`/v1/*`, not cached), so the page calls its own origin: its CSP allows
 * 'self' and Cognito's sign-in domain, and the API needs no CORS. The page's config.json names the
 * Cognito domain and app client for the hosted sign-in (authorization code + PKCE).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duration, type RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { loadDelegationOrder } from '../../functions/rule-sets/load-files';
import { delegationTitlesForPage, writeWebAssets } from '../../functions/web/build';
import { acknowledgeNag } from './nag';
import type { OriginMark } from './web-acl';

export interface StaffWebProps {
  api: apigw.RestApi;
  /** Cognito's hosted sign-in, e.g. https://jobbtorg-beslut-prod.auth.eu-north-1.amazoncognito.com */
  authBaseUrl: string;
  /** The public app client the page signs in with. */
  clientId: string;
  removalPolicy: RemovalPolicy;
  /** The CloudFront web ACL (us-east-1) that limits each viewer's requests (web-acl.ts). */
  webAclArn: string;
  /** Put on every request to the API, so the API's web ACL knows it was limited here already. */
  originMark: OriginMark;
}

/** The page's CSP in AWS: its own origin, plus the token endpoint of the hosted sign-in. */
export function pageCsp(authBaseUrl: string): string {
  return `default-src 'self'; connect-src 'self' ${authBaseUrl}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'`;
}

export class StaffWeb extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** Where the page is, with a trailing slash: also the sign-in callback and sign-out URL. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: StaffWebProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: props.removalPolicy,
    });
    acknowledgeNag(this.bucket, 'AwsSolutions-S1', 'The bucket holds only the page’s static build (no personal data), written by the stack’s deployment; CloudFront is its only reader and API calls are logged by API Gateway and WAF.');

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Jobbtorg staff page: security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: pageCsp(props.authBaseUrl), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()', override: true }],
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Jobbtorg beslutsstöd: personalens webbsida och API',
      webAclId: props.webAclArn,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      additionalBehaviors: {
        // The API keeps its own security headers and is never cached (every answer is per person).
        '/v1/*': {
          origin: new origins.RestApiOrigin(props.api, { customHeaders: { [props.originMark.header]: props.originMark.value } }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;
    acknowledgeNag(this.distribution, 'AwsSolutions-CFR1', 'No geo restriction: staff may work from abroad; every API call needs a Cognito sign-in with MFA.');
    acknowledgeNag(this.distribution, 'AwsSolutions-CFR3', 'No CloudFront access logs: the files are the same static bundle for everyone; API requests are logged by API Gateway access logs and WAF.');
    acknowledgeNag(this.distribution, 'AwsSolutions-CFR4', 'The default *.cloudfront.net certificate cannot enforce TLS 1.2; a minimum protocol version (TLSv1.2_2021) needs the city’s own domain and certificate.');

    const build = writeWebAssets(mkdtempSync(join(tmpdir(), 'jobbtorg-web-')));
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [
        s3deploy.Source.asset(build),
        s3deploy.Source.jsonData('config.json', {
          auth: 'cognito', domain: props.authBaseUrl, clientId: props.clientId, redirectUri: this.url,
          // The point titles, so the page never shows a delegate a bare 3.1.4.
          delegationsordning: delegationTitlesForPage(loadDelegationOrder()),
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      memoryLimit: 256,
    });
    void deployment;
    // CDK's own deployment function (one per stack): acknowledged rule by rule, each with its reason.
    const stack = Stack.of(this);
    const bucketArn = `<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>`;
    const assetBucket = `cdk-hnb659fds-assets-${Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account}-${stack.region}`;
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      acknowledgeNag(child, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'CDK’s bucket-deployment function writes its own logs with the basic execution role.');
      for (const action of ['s3:Abort*', 's3:DeleteObject*', 's3:GetBucket*', 's3:GetObject*', 's3:List*']) {
        acknowledgeNag(child, `AwsSolutions-IAM5[Action::${action}]`, 'CDK’s bucket-deployment function copies the build from the asset bucket and prunes old files in the site bucket: object-level actions as CDK grants them.');
      }
      acknowledgeNag(child, `AwsSolutions-IAM5[Resource::${bucketArn}/*]`, 'Every object in the site bucket is the page’s build, which the deployment replaces as a whole.');
      acknowledgeNag(child, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${assetBucket}/*]`, 'The build is read from the CDK bootstrap asset bucket, whose object keys are content hashes.');
      acknowledgeNag(child, 'AwsSolutions-IAM5[Resource::*]', 'cloudfront:CreateInvalidation after a deployment; CDK grants it on * (invalidation has no narrower resource in its policy).');
      acknowledgeNag(child, 'AwsSolutions-L1', 'The runtime of CDK’s bucket-deployment function is chosen by aws-cdk-lib and moves with it.');
    }
  }
}
