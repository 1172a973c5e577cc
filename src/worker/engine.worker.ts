/// <reference lib="webworker" />
import { expose } from 'comlink';
import { provideCatalogSource } from '../catalog';
import { engineApi } from './api';
import { fetchCatalog } from './catalog-source';

// The catalogue comes compressed from the page's own origin, on first use.
provideCatalogSource(() => fetchCatalog());
expose(engineApi);
