/**
 * Flow 4 as a machine: GetId without a login → GetCredentialsForIdentity (the guest role) → S3
 * GetObject on a public image → ListObjectsV2 on the bucket → GetObject on somebody's private
 * file. The list and the private read may be allowed or denied (that is the lesson); an identity
 * pool refusal, or a refused public image, ends the run in `failed`.
 */
import { failed, flowSetup, initialContext, on } from '../define';

export const machine = flowSetup.createMachine({
  id: 'guest-images',
  initial: 'idle',
  context: initialContext,
  states: {
    idle: { on: { 'flow.start': { target: 'anonymous', actions: 'start' } } },
    anonymous: {
      meta: { steps: ['idpool.getId'] },
      on: { 'idpool.getId': [on('ok', 'guest'), failed()] },
    },
    guest: {
      meta: { steps: ['idpool.getCredentialsForIdentity'] },
      on: { 'idpool.getCredentialsForIdentity': [on('ok', 'hasCredentials'), failed()] },
    },
    hasCredentials: {
      meta: { steps: ['s3.getObject'] },
      on: { 's3.getObject': [on('ok', 'readPublic'), failed()] },
    },
    readPublic: {
      meta: { steps: ['s3.listObjectsV2'] },
      on: { 's3.listObjectsV2': [on('ok', 'listed'), on('denied', 'listed')] },
    },
    listed: {
      meta: { steps: ['s3.getObjectPrivate'] },
      on: { 's3.getObjectPrivate': [on('ok', 'done'), on('denied', 'done')] },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export const outcomes: Record<string, string[]> = {
  'idpool.getId': ['ok', 'error'],
  'idpool.getCredentialsForIdentity': ['ok', 'error'],
  's3.getObject': ['ok', 'error'],
  's3.listObjectsV2': ['ok', 'denied'],
  's3.getObjectPrivate': ['ok', 'denied'],
};
