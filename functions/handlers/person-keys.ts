/**
 * The person-index keys for the handlers whose route says `usesPersonIndex`: from AWS Secrets
 * Manager in Lambda (PERSON_INDEX_SECRET_ID, set by the CDK stack), from the development keyring
 * in the data folder locally (PERSON_INDEX_KEYRING_FILE, set by `npm start` and the tests).
 * Other handlers never import this module, so their bundles hold no Secrets Manager client.
 */
import type { PersonKeys } from '../domain/person-index';
import { personKeysFromEnvironment } from '../person-index/sources';

let source: (() => Promise<PersonKeys>) | undefined;

export function personKeys(): Promise<PersonKeys> {
  source ??= personKeysFromEnvironment();
  if (!source) throw new Error('No person-index key is configured: set PERSON_INDEX_SECRET_ID (AWS) or PERSON_INDEX_KEYRING_FILE (locally)');
  return source();
}
