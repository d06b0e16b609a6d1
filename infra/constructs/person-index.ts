/**
 * The person index's key (functions/person-index): a keyring in AWS Secrets Manager, encrypted
 * with its own customer-managed key, that CloudFormation generates once (`current` names the
 * generated key `k1`). Only the functions whose route says `usesPersonIndex` may read it.
 *
 * It is not rotated automatically: a new key means re-indexing every case under it, which the
 * rotation procedure in the README does in steps (add the key as current, re-index, then drop the
 * old key). A Secrets Manager rotation Lambda that only swapped the value would make every case
 * unfindable by personnummer until the re-index had run.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNag } from './nag';

export class PersonIndexKey extends Construct {
  readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = new kms.Key(this, 'Key', {
      description: 'Jobbtorg: encrypts the person index keyring',
      enableKeyRotation: true,
      // The keyring is what makes the index readable at all; it outlives a deleted stack like the table does.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.secret = new secretsmanager.Secret(this, 'Keyring', {
      description: 'Jobbtorg: HMAC-SHA-256 keyring of the person index ({"current": id, id: key})',
      encryptionKey: key,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ current: 'k1' }),
        generateStringKey: 'k1',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    acknowledgeNag(
      this.secret,
      'AwsSolutions-SMG4',
      'Rotating the person-index key means re-indexing every case under the new key; the README describes the stepwise rotation (add as current, re-index, drop the old key). An automatic value swap would make cases unfindable.',
    );
  }

  /** Read access for one function, and the environment that points it at the secret. */
  grantRead(grantee: iam.IGrantable): Record<string, string> {
    this.secret.grantRead(grantee);
    return { PERSON_INDEX_SECRET_ID: this.secret.secretArn };
  }
}
