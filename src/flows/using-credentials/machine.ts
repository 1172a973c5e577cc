/**
 * Flow 5 as a machine: sign in → GetId → GetCredentialsForIdentity (flow 2's steps), then with
 * the credentials: S3 PutObject and GetObject on the user's own prefix, GetObject on someone
 * else's, DynamoDB Query on the user's own partition and GetItem on someone else's. Someone
 * else's may be allowed or denied (the lesson); a refused call on one's own ends in `failed`.
 */
import { failed, flowSetup, initialContext, on } from '../define';

export const machine = flowSetup.createMachine({
  id: 'using-credentials',
  initial: 'idle',
  context: initialContext,
  states: {
    idle: { on: { 'flow.start': { target: 'signedOut', actions: 'start' } } },
    signedOut: {
      meta: { steps: ['userPool.signIn'] },
      on: { 'userPool.signIn': [on('ok', 'signedIn'), failed()] },
    },
    signedIn: {
      meta: { steps: ['idpool.getId'] },
      on: { 'idpool.getId': [on('ok', 'identified'), failed()] },
    },
    identified: {
      meta: { steps: ['idpool.getCredentialsForIdentity'] },
      on: { 'idpool.getCredentialsForIdentity': [on('ok', 'hasCredentials'), failed()] },
    },
    hasCredentials: {
      meta: { steps: ['s3.putObject'] },
      on: { 's3.putObject': [on('ok', 'wroteOwn'), failed()] },
    },
    wroteOwn: {
      meta: { steps: ['s3.getObject'] },
      on: { 's3.getObject': [on('ok', 'readOwn'), failed()] },
    },
    readOwn: {
      meta: { steps: ['s3.getObjectOtherPrefix'] },
      on: { 's3.getObjectOtherPrefix': [on('denied', 'triedOtherFile'), on('ok', 'triedOtherFile')] },
    },
    triedOtherFile: {
      meta: { steps: ['dynamodb.query'] },
      on: { 'dynamodb.query': [on('ok', 'queriedOwn'), failed()] },
    },
    queriedOwn: {
      meta: { steps: ['dynamodb.getItemOtherKey'] },
      on: { 'dynamodb.getItemOtherKey': [on('denied', 'done'), on('ok', 'done')] },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});

export const outcomes: Record<string, string[]> = {
  'userPool.signIn': ['ok', 'error'],
  'idpool.getId': ['ok', 'error'],
  'idpool.getCredentialsForIdentity': ['ok', 'error'],
  's3.putObject': ['ok', 'error'],
  's3.getObject': ['ok', 'error'],
  's3.getObjectOtherPrefix': ['denied', 'ok'],
  'dynamodb.query': ['ok', 'error'],
  'dynamodb.getItemOtherKey': ['denied', 'ok'],
};
