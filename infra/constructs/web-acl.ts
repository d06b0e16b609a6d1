/**
 * The WAF web ACLs, and where each counts a client.
 *
 * A rate limit per IP is only as good as the address it counts. Staff reach the API through
 * CloudFront (the page's own origin, `/v1/*`), so at the API stage those requests come from
 * CloudFront's edge addresses: a limit there lumps every staff member behind one edge together,
 * and one busy client gets them all blocked. Counting the X-Forwarded-For address instead
 * (FORWARDED_IP) would not do either: CloudFront appends the viewer's address to whatever the
 * viewer sent in that header, and WAF counts the first one, so a client picks its own key, evades
 * the limit with a new one per request, or names a colleague's address to get them blocked.
 *
 * So the limit sits where the source address is the client's own:
 * - at the edge, a CloudFront web ACL (scope CLOUDFRONT, which lives in us-east-1) counts every
 *   request to the distribution by the viewer's address;
 * - at the API stage, the regional web ACL keeps AWS's managed rules for every request, and counts
 *   per source address only the requests that did not come through CloudFront (outreach tools
 *   calling the API's own address). CloudFront marks its requests to the API with a header whose
 *   value is unique to the stack (`originMark`); a request without it is counted by its own address.
 */
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** A header CloudFront adds to its requests to the API, and the value no one outside the account knows. */
export interface OriginMark {
  header: string;
  value: string;
}

export interface WebAclProps {
  stage: string;
  /** Requests per client IP in any five minutes before WAF blocks that IP for a while. */
  rateLimit: number;
  /**
   * REGIONAL: in front of the API stage, where requests marked `throughCloudFront` are left to
   * the edge's limit. CLOUDFRONT: in front of the distribution (create it in us-east-1).
   */
  scope: { kind: 'REGIONAL'; throughCloudFront: OriginMark } | { kind: 'CLOUDFRONT' };
}

function visibility(name: string): wafv2.CfnWebACL.VisibilityConfigProperty {
  return { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: false };
}

function managed(name: string, priority: number, overrides: wafv2.CfnWebACL.RuleActionOverrideProperty[] = []): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...(overrides.length ? { ruleActionOverrides: overrides } : {}) } },
    visibilityConfig: visibility(name),
  };
}

/** Matches a request that carries the mark CloudFront puts on its requests to the API. */
function marked(mark: OriginMark): wafv2.CfnWebACL.StatementProperty {
  return {
    byteMatchStatement: {
      fieldToMatch: { singleHeader: { Name: mark.header } },
      positionalConstraint: 'EXACTLY',
      searchString: mark.value,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    },
  };
}

export class WebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    const regional = props.scope.kind === 'REGIONAL' ? props.scope : undefined;
    const name = regional ? `jobbtorg-${props.stage}` : `jobbtorg-${props.stage}-edge`;
    const ratePerIp: wafv2.CfnWebACL.RuleProperty = {
      name: 'RatePerIp',
      priority: regional ? 3 : 1,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          limit: props.rateLimit,
          // The request's source address: the viewer's at the edge, the caller's at the API.
          aggregateKeyType: 'IP',
          ...(regional ? { scopeDownStatement: { notStatement: { statement: marked(regional.throughCloudFront) } } } : {}),
        },
      },
      visibilityConfig: visibility('RatePerIp'),
    };
    this.acl = new wafv2.CfnWebACL(this, 'Acl', {
      name,
      scope: props.scope.kind,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      rules: regional
        ? [
            // The common set blocks bodies over 8 kB; a case with its written grounds may be larger.
            // The handlers refuse bodies over 64 kB with 413 (functions/http/middleware.ts).
            managed('AWSManagedRulesCommonRuleSet', 1, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
            managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
            ratePerIp,
          ]
        : [ratePerIp],
    });
  }

  associate(resourceArn: string): void {
    new wafv2.CfnWebACLAssociation(this, 'Association', { resourceArn, webAclArn: this.acl.attrArn });
  }
}
