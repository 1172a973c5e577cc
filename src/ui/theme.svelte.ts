/**
 * Light and dark themes. Follows the system setting until the person picks one with the toggle;
 * the choice is remembered in localStorage (a broken stored value is ignored).
 */
export type Theme = 'light' | 'dark';
const KEY = 'iamplay.theme';

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

class ThemeState {
  private readonly media = window.matchMedia('(prefers-color-scheme: dark)');
  choice = $state<Theme | null>(stored());
  system = $state<Theme>(this.media.matches ? 'dark' : 'light');
  current = $derived<Theme>(this.choice ?? this.system);

  constructor() {
    this.media.addEventListener('change', (e) => {
      this.system = e.matches ? 'dark' : 'light';
    });
    $effect.root(() => {
      $effect(() => {
        document.documentElement.dataset.theme = this.current;
      });
    });
  }

  toggle(): void {
    const next: Theme = this.current === 'dark' ? 'light' : 'dark';
    this.choice = next === this.system ? null : next;
    try {
      if (this.choice) localStorage.setItem(KEY, this.choice);
      else localStorage.removeItem(KEY);
    } catch {
      /* storage unavailable: the choice lasts for this page only */
    }
  }
}

export const theme = new ThemeState();
