/** The app's version; a unit test keeps it equal to package.json's. */
export const VERSION = '0.1.0';

/** The format version of saved and shared state (URL hash, localStorage). */
export const STATE_FORMAT_VERSION = 1;
