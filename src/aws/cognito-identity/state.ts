/** The identity pools' runtime records (identities and their logins), owned by `cognito-identity/`. */

/** One identity of an identity pool (`IdentityDescription`), plain JSON. */
export interface IdentityRecord {
  /** `REGION:UUID`, the `cognito-identity.amazonaws.com:sub` of its sessions. */
  identityId: string;
  identityPoolId: string;
  /** Linked logins: provider name (`cognito-idp.REGION.amazonaws.com/POOL_ID`) → the token's `sub`. Empty for a guest. */
  logins: Record<string, string>;
  /** Milliseconds since the epoch. */
  creationDate: number;
  lastModifiedDate: number;
}

export interface CognitoIdentityState {
  /** By identity id. */
  identities: Record<string, IdentityRecord>;
  /** `POOL_ID\nPROVIDER\nSUB` → identity id: the identity a login is linked to. */
  byLogin: Record<string, string>;
  /** `IdentityPoolTags` by identity pool id (the world's pool has no tags field). */
  poolTags: Record<string, Record<string, string>>;
}

export function emptyCognitoIdentityState(): CognitoIdentityState {
  return { identities: {}, byLogin: {}, poolTags: {} };
}

export function loginKey(identityPoolId: string, provider: string, subject: string): string {
  return `${identityPoolId}\n${provider}\n${subject}`;
}
