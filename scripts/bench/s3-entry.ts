// The pieces scripts/bench/s3.mjs drives, bundled for plain Node.
export { s3 } from '../../src/aws/s3/index';
export { dynamodb } from '../../src/aws/dynamodb/index';
export { testContext, call } from '../../src/aws/testing';
export { request } from '../../src/aws/http';
export { defaultWorld } from '../../src/world/default-world';
