/** The app's version; a unit test keeps it equal to package.json's. */
export const VERSION = '0.1.0';

/** The format version of saved and shared state (URL hash, localStorage). */
export const STATE_FORMAT_VERSION = 2;
/**
 * The older format versions still read: version 1 is version 2 without a document's `storedAs`
 * (every identity policy then reads as a customer managed policy).
 */
export const READABLE_STATE_VERSIONS: readonly number[] = [1, 2];
