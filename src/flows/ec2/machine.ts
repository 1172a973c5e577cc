/**
 * Flow 6 as a machine. The SDK looks for credentials: a key stored on disk (then the app uses
 * it, and a leaked copy still works months later), or the instance profile through IMDSv2
 * (token → role name → credentials → an S3 call → an hour passes → new credentials), then an
 * attacker's SSRF tries the metadata service: IMDSv2 refuses it (`401`), IMDSv1 hands over the
 * credentials, which work for the attacker until they expire (`ExpiredToken`).
 */
import { failed, flowSetup, initialContext, on } from '../define';

export const machine = flowSetup.createMachine({
  id: 'ec2-instance-credentials',
  initial: 'idle',
  context: initialContext,
  states: {
    idle: { on: { 'flow.start': { target: 'start', actions: 'start' } } },
    start: {
      meta: { steps: ['sdk.findCredentials'] },
      on: { 'sdk.findCredentials': [on('stored-key', 'keyOnDisk'), on('instance-profile', 'noToken')] },
    },
    keyOnDisk: {
      meta: { steps: ['s3.getObject'] },
      on: { 's3.getObject': [on('ok', 'keyUsed'), failed()] },
    },
    keyUsed: {
      meta: { steps: ['attacker.useLeakedKey'] },
      on: { 'attacker.useLeakedKey': [on('ok', 'done'), on('refused', 'done')] },
    },
    noToken: {
      meta: { steps: ['imds.getToken'] },
      on: { 'imds.getToken': [on('ok', 'hasToken'), failed()] },
    },
    hasToken: {
      meta: { steps: ['imds.getRoleName'] },
      on: { 'imds.getRoleName': [on('ok', 'knowsRole'), failed()] },
    },
    knowsRole: {
      meta: { steps: ['imds.getCredentials'] },
      on: { 'imds.getCredentials': [on('ok', 'hasCredentials'), failed()] },
    },
    hasCredentials: {
      meta: { steps: ['s3.getObject'] },
      on: { 's3.getObject': [on('ok', 'used'), failed()] },
    },
    used: {
      meta: { steps: ['clock.waitForRotation'] },
      on: { 'clock.waitForRotation': [on('ok', 'waited')] },
    },
    waited: {
      meta: { steps: ['imds.refreshCredentials'] },
      on: { 'imds.refreshCredentials': [on('ok', 'rotated'), failed()] },
    },
    rotated: {
      meta: { steps: ['ssrf.fetchCredentials'] },
      on: { 'ssrf.fetchCredentials': [on('blocked', 'done'), on('leaked', 'leaked')] },
    },
    leaked: {
      meta: { steps: ['attacker.useStolenCredentials'] },
      on: { 'attacker.useStolenCredentials': [on('ok', 'stolenUsed'), failed()] },
    },
    stolenUsed: {
      meta: { steps: ['attacker.afterExpiry'] },
      on: { 'attacker.afterExpiry': [on('expired', 'done'), on('ok', 'done')] },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export const outcomes: Record<string, string[]> = {
  'sdk.findCredentials': ['stored-key', 'instance-profile'],
  's3.getObject': ['ok', 'error'],
  'attacker.useLeakedKey': ['ok', 'refused'],
  'imds.getToken': ['ok', 'error'],
  'imds.getRoleName': ['ok', 'error'],
  'imds.getCredentials': ['ok', 'error'],
  'clock.waitForRotation': ['ok'],
  'imds.refreshCredentials': ['ok', 'error'],
  'ssrf.fetchCredentials': ['blocked', 'leaked'],
  'attacker.useStolenCredentials': ['ok', 'error'],
  'attacker.afterExpiry': ['expired', 'ok'],
};
