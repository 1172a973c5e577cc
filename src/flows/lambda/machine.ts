/**
 * Flow 7 as a machine: Invoke → (inside the invocation) the Lambda service assumes the execution
 * role → the code reads Notes → the code tries Billing. A role Lambda cannot assume fails the
 * Invoke; the next step shows the trust policy's refusal and the run ends in `failed`.
 */
import { failed, flowSetup, initialContext, on } from '../define';

export const machine = flowSetup.createMachine({
  id: 'lambda-execution-role',
  initial: 'idle',
  context: initialContext,
  states: {
    idle: { on: { 'flow.start': { target: 'ready', actions: 'start' } } },
    ready: {
      meta: { steps: ['lambda.invoke'] },
      on: { 'lambda.invoke': [on('ok', 'invoked'), on('role-refused', 'roleRefused'), failed()] },
    },
    invoked: {
      meta: { steps: ['lambda.assumeRole'] },
      on: { 'lambda.assumeRole': [on('ok', 'running')] },
    },
    roleRefused: {
      meta: { steps: ['lambda.assumeRole'] },
      on: { 'lambda.assumeRole': [failed('denied')] },
    },
    running: {
      meta: { steps: ['dynamodb.getNote'] },
      on: { 'dynamodb.getNote': [on('ok', 'noteRead'), failed()] },
    },
    noteRead: {
      meta: { steps: ['dynamodb.getInvoice'] },
      on: { 'dynamodb.getInvoice': [on('denied', 'done'), on('ok', 'done')] },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export const outcomes: Record<string, string[]> = {
  'lambda.invoke': ['ok', 'role-refused', 'error'],
  'lambda.assumeRole': ['ok', 'denied'],
  'dynamodb.getNote': ['ok', 'error'],
  'dynamodb.getInvoice': ['denied', 'ok'],
};
