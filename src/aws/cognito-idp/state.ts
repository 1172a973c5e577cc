/**
 * The user pools' runtime records that are not part of the world (owned by `cognito-idp/`): the
 * challenge sessions between InitiateAuth and RespondToAuthChallenge, refresh tokens, confirmation
 * codes, temporary-password dates, signed-out sign-ins, pending TOTP secrets and client settings
 * the world does not model. Plain JSON, so `iamplay serve --state FILE` can keep it.
 */

/** What a challenge `Session` stands for until it expires. */
export interface AuthSession {
  poolId: string;
  clientId: string;
  /** The internal user name (`USER_ID_FOR_SRP`). */
  username: string;
  /** The challenge the client must answer with this session. */
  challenge: 'PASSWORD_VERIFIER' | 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP';
  /** Epoch milliseconds. */
  expires: number;
  /** SRP step 1: the server's secret `b`, `B`, the client's `A` (hex) and the `SECRET_BLOCK` sent. */
  srp?: { b: string; B: string; A: string; salt: string; secretBlock: string; userFound: boolean };
  /** A TOTP secret handed out by AssociateSoftwareToken during MFA_SETUP, once verified. */
  verifiedSecret?: string;
  pendingSecret?: string;
}

export interface RefreshRecord {
  poolId: string;
  clientId: string;
  username: string;
  /** The `origin_jti` of the sign-in the token belongs to. */
  originJti: string;
  /** Epoch seconds of the sign-in (`auth_time`). */
  authTime: number;
  /** Epoch milliseconds. */
  expires: number;
  revoked?: boolean;
}

export interface CodeRecord {
  code: string;
  /** Epoch milliseconds. */
  expires: number;
}

export interface CognitoIdpState {
  /** By the `Session` string. */
  sessions: Record<string, AuthSession>;
  /** By the refresh token string. */
  refreshTokens: Record<string, RefreshRecord>;
  /** Sign-up confirmation codes by `POOL/USERNAME`. */
  codes: Record<string, CodeRecord>;
  /** `origin_jti`s whose access tokens GlobalSignOut revoked (value: epoch ms of the sign-out). */
  revokedOrigins: Record<string, number>;
  /** When a temporary password was set, by `POOL/USERNAME` (epoch ms). */
  temporaryPasswords: Record<string, number>;
  /** AssociateSoftwareToken secrets waiting for VerifySoftwareToken, by `POOL/USERNAME`. */
  pendingSoftwareTokens: Record<string, string>;
  /** Client settings the world does not model, by client id. */
  clientSettings: Record<string, { authSessionValidity?: number }>;
}

export function emptyCognitoIdpState(): CognitoIdpState {
  return {
    sessions: {},
    refreshTokens: {},
    codes: {},
    revokedOrigins: {},
    temporaryPasswords: {},
    pendingSoftwareTokens: {},
    clientSettings: {},
  };
}

/** The state of an older saved file may lack fields added later: fill them in place. */
export function idpState(state: { cognitoIdp: CognitoIdpState }): CognitoIdpState {
  const s = state.cognitoIdp as Partial<CognitoIdpState>;
  s.sessions ??= {};
  s.refreshTokens ??= {};
  s.codes ??= {};
  s.revokedOrigins ??= {};
  s.temporaryPasswords ??= {};
  s.pendingSoftwareTokens ??= {};
  s.clientSettings ??= {};
  return s as CognitoIdpState;
}
