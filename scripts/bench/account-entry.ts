// The account saved-state entry scripts/bench/account-save.mjs bundles for plain Node.
export { AccountStore, ACCOUNT_KEY, checkSavedWorld } from '../../src/ui/account/persistence';
export { encodeWorld, decodeWorld } from '../../src/ui/account/share';
export { MAX_HASH } from '../../src/ui/workbench/share';
