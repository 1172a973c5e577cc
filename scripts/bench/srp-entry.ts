// The pieces scripts/bench/srp.mjs times: the cognito-idp service over the default world.
export { cognitoIdp } from '../../src/aws/cognito-idp/index';
export { testContext } from '../../src/aws/testing';
export { call } from '../../src/aws/testing';
export { request, text } from '../../src/aws/http';
