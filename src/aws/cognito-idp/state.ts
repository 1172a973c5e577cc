/** The user pools' runtime records that are not part of the world (owned by `cognito-idp/`). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CognitoIdpState {}

export function emptyCognitoIdpState(): CognitoIdpState {
  return {};
}
