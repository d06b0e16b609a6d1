/**
 * The WAF web ACL in front of the API stage: AWS's managed common rule set and known-bad-inputs
 * rules, and a rate limit per client IP address.
 */
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

export interface WebAclProps {
  stage: string;
  /** Requests per client IP in any five minutes before WAF blocks that IP for a while. */
  rateLimit: number;
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

export class WebAcl extends Construct {
  readonly acl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: WebAclProps) {
    super(scope, id);
    this.acl = new wafv2.CfnWebACL(this, 'Acl', {
      name: `jobbtorg-${props.stage}`,
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`jobbtorg-${props.stage}`),
      rules: [
        // The common set blocks bodies over 8 kB; a case with its written grounds may be larger.
        // The handlers refuse bodies over 64 kB with 413 (functions/http/middleware.ts).
        managed('AWSManagedRulesCommonRuleSet', 1, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        {
          name: 'RatePerIp',
          priority: 3,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: props.rateLimit, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RatePerIp'),
        },
      ],
    });
  }

  associate(resourceArn: string): void {
    new wafv2.CfnWebACLAssociation(this, 'Association', { resourceArn, webAclArn: this.acl.attrArn });
  }
}
