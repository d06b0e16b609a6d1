/**
 * cdk-nag (AwsSolutions pack) runs on every synth and fails it on any finding that is not
 * acknowledged. Acknowledgements are made where the finding arises, through this helper, so each
 * names one rule on one construct and says why this design accepts it.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** cdk-nag 3 reports its findings under the plugin's name. */
const PACK = 'AwsSolutions';

export function acknowledgeNag(construct: IConstruct, rule: string, reason: string): void {
  Validations.of(construct).acknowledge({ id: `${PACK}::${rule}`, reason });
}
