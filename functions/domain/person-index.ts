/**
 * The person index: a case is found by the person's identity number without the number ever
 * being a key in the table. The key is a keyed hash (HMAC-SHA-256) of the canonical number, so a
 * table export alone does not show who is in it; whoever holds the key can compute a person's key,
 * nobody can go the other way.
 *
 * The domain sees only this port. functions/person-index/ implements it with a keyring (a current
 * key and the keys still in use during a rotation), from AWS Secrets Manager in AWS and from a
 * development key in the data folder locally.
 */
export interface PersonKeys {
  /**
   * The person's index keys, the current key's first: a new index entry is written under the
   * first; a search tries all, so cases indexed before a key rotation are still found.
   */
  keysOf(canonicalIdentityNumber: string): string[];
}
