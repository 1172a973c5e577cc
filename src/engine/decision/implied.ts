/**
 * `RCPFullAWSAccess`: the AWS managed RCP attached to every root, OU and account of an organization
 * with RCPs enabled; it cannot be detached, so every level always has this Allow.
 */
import type { Policy } from '../model';
import { parsePolicyValue } from '../parse';

export const RCP_FULL_AWS_ACCESS_ID = 'RCPFullAWSAccess';

export const RCP_FULL_AWS_ACCESS_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};

let parsed: Policy | undefined;

/** The parsed implied RCP (parsed once). */
export function rcpFullAwsAccess(): Policy {
  if (!parsed) {
    const p = parsePolicyValue(RCP_FULL_AWS_ACCESS_DOCUMENT).policy;
    if (!p) throw new Error('RCPFullAWSAccess does not parse');
    parsed = p;
  }
  return parsed;
}
