// The identity pools entry `scripts/bench/identity.mjs` bundles (with `vite build --ssr`) and imports in plain Node.
export { cognitoIdentity } from '../../src/aws/cognito-identity';
export { resolveRole } from '../../src/aws/cognito-identity/roles';
export { testContext, call } from '../../src/aws/testing';
export { request, text } from '../../src/aws/http';
export { signJwt } from '../../src/aws/signing-keys';
