/**
 * Flow 8 as a machine: a customer (or an attacker) registers a role with the vendor; the vendor
 * assumes it (AssumeRole with ExternalId), optionally chains to a second role, and lists the
 * customer's bucket with the session. The vendor's reply to the registration says whether the
 * integration has one role or two (chained).
 */
import { failed, flowSetup, initialContext, on } from '../define';

export const machine = flowSetup.createMachine({
  id: 'cross-account',
  initial: 'idle',
  context: initialContext,
  states: {
    idle: { on: { 'flow.start': { target: 'unregistered', actions: 'start' } } },
    unregistered: {
      meta: { steps: ['vendor.register'] },
      on: { 'vendor.register': [on('one-role', 'registered'), on('two-roles', 'registeredChain')] },
    },
    registered: {
      meta: { steps: ['sts.assumeRole'] },
      on: { 'sts.assumeRole': [on('ok', 'assumed'), failed()] },
    },
    registeredChain: {
      meta: { steps: ['sts.assumeRole'] },
      on: { 'sts.assumeRole': [on('ok', 'firstHop'), failed()] },
    },
    firstHop: {
      meta: { steps: ['sts.chainRole'] },
      on: { 'sts.chainRole': [on('ok', 'assumed'), failed()] },
    },
    assumed: {
      meta: { steps: ['s3.listObjects'] },
      on: { 's3.listObjects': [on('ok', 'done'), failed()] },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export const outcomes: Record<string, string[]> = {
  'vendor.register': ['one-role', 'two-roles'],
  'sts.assumeRole': ['ok', 'error'],
  'sts.chainRole': ['ok', 'error'],
  's3.listObjects': ['ok', 'error'],
};
