// The IAM and STS handlers the IAM/STS bench bundles (with `vite build --ssr`) and imports in plain Node.
export { iam } from '../../src/aws/iam';
export { sts } from '../../src/aws/sts';
export { call, testContext, userPrincipal } from '../../src/aws/testing';
export { request, text } from '../../src/aws/http';
