/** The identity pools' runtime records (identities and their logins), owned by `cognito-identity/`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CognitoIdentityState {}

export function emptyCognitoIdentityState(): CognitoIdentityState {
  return {};
}
