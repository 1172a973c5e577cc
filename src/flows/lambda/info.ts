/** Flow 7's description, for the picker (no machine: the page loads this without XState). */
import type { FlowInfo } from '../catalog-types';

export const info: FlowInfo = {
  id: 'lambda-execution-role',
  version: 1,
  order: 7,
  title: 'Lambda: the execution role',
  summary:
    'Alice invokes the resize-image function. The Lambda service assumes the function’s execution role (its trust policy must name lambda.amazonaws.com), and the function’s code runs with that role’s credentials: it may read the Notes table and is refused the Billing table.',
  parties: [
    { id: 'app', label: 'Alice’s app' },
    { id: 'lambda', label: 'Lambda' },
    { id: 'sts', label: 'STS' },
    { id: 'dynamodb', label: 'DynamoDB' },
  ],
  variants: [],
  switches: [
    {
      id: 'wrong-trust',
      label: 'A trust policy that names another service',
      explain:
        'The execution role trusts `ec2.amazonaws.com` instead of `lambda.amazonaws.com` (a role copied from an instance profile): Lambda cannot assume it, and the invocation fails before any code runs.',
      fails: { step: 'lambda.invoke', code: 'InvalidParameterValueException' },
    },
    {
      id: 'dynamodb-star',
      label: 'Give the execution role dynamodb:* on *',
      explain: 'The quick fix for an AccessDenied: the role may now do anything to every table in the account.',
      risk: 'The function can now read the Billing table, and so can anyone who can change its code or steal its credentials.',
    },
  ],
};
