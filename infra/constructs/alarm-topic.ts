/** Where alarms go: an encrypted SNS topic, with an e-mail subscription when one is configured. */
import { type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  email?: string;
  removalPolicy: RemovalPolicy;
}

export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;
  readonly action: cloudwatchActions.SnsAction;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    // CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key; a key of its own
    // lets the key policy admit CloudWatch.
    const key = new kms.Key(this, 'Key', { description: 'Jobbtorg beslutsstöd: larm (SNS)', enableKeyRotation: true, removalPolicy: props.removalPolicy });
    // Only for this account's alarms: without the conditions, CloudWatch acting for any account
    // could use the key (the confused-deputy problem).
    const { account, region, partition } = Stack.of(this);
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
        },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Jobbtorg beslutsstöd: larm', masterKey: key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    this.action = new cloudwatchActions.SnsAction(this.topic);
  }
}
