/// <reference lib="webworker" />
import { expose } from 'comlink';
import { provideCatalogSource } from '../catalog';
import { engineApi } from './api';
import { fetchCatalog, fetchCatalogDocs } from './catalog-source';

// The catalogue comes compressed from the page's own origin, on first use: its lookups for
// deciding and validating, its descriptions only when hover, completion or the request builder ask.
provideCatalogSource(
  () => fetchCatalog(),
  () => fetchCatalogDocs(),
);
expose(engineApi);
