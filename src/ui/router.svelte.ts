/**
 * Client-side routing with real URLs: links push history entries, back/forward restore the
 * section, and a reload of any section URL serves the app (Vite's SPA fallback).
 */
export interface Section {
  path: string;
  label: string;
  title: string;
}

export const SECTIONS: Section[] = [
  { path: '/account', label: 'Account', title: 'Account' },
  { path: '/workbench', label: 'Workbench', title: 'Policy workbench' },
  { path: '/flows', label: 'Flows', title: 'Identity flows' },
  { path: '/graph', label: 'Access graph', title: 'Access graph' },
  { path: '/lessons', label: 'Lessons', title: 'Lessons' },
];

function normalise(path: string): string {
  const p = path.replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

class Router {
  path = $state(normalise(location.pathname));

  constructor() {
    window.addEventListener('popstate', () => {
      this.path = normalise(location.pathname);
    });
  }

  /** Goes to `to` with a new history entry, or (`replace`) in place of the current one, as after a rename. */
  navigate(to: string, options: { replace?: boolean } = {}): void {
    const url = new URL(to, location.href);
    if (url.origin !== location.origin) return;
    const next = normalise(url.pathname);
    if (next === this.path && url.hash === location.hash) return;
    if (options.replace) history.replaceState(null, '', url.pathname + url.search + url.hash);
    else history.pushState(null, '', url.pathname + url.search + url.hash);
    this.path = next;
    window.scrollTo(0, 0);
  }

  /** The section the current path belongs to, if any. */
  get section(): Section | undefined {
    return SECTIONS.find((s) => this.path === s.path || this.path.startsWith(s.path + '/'));
  }
}

export const router = new Router();

/** Click handler for in-app links: plain left clicks navigate without a reload. */
export function link(event: MouseEvent): void {
  const a = event.currentTarget as HTMLAnchorElement;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  if (a.target && a.target !== '_self') return;
  event.preventDefault();
  router.navigate(a.href);
}
