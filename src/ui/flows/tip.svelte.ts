/** One tooltip for the whole section: the field or header under the pointer or the focus, explained. */
export const TIP_ID = 'flow-tip';

class TipState {
  text = $state('');
  x = $state(0);
  y = $state(0);
  owner = $state<HTMLElement | null>(null);

  show(el: HTMLElement, text: string): void {
    const r = el.getBoundingClientRect();
    this.text = text;
    this.x = Math.max(8, Math.min(r.left, window.innerWidth - 328));
    this.y = r.bottom + 6;
    this.owner = el;
  }

  hide(el?: HTMLElement): void {
    if (el && el !== this.owner) return;
    this.owner = null;
    this.text = '';
  }
}

export const tip = new TipState();

/** `use:explained={text}`: shows `text` on hover and focus, and describes the element by it. */
export function explained(el: HTMLElement, text: string | undefined) {
  let current = text;
  const show = () => {
    if (!current) return;
    tip.show(el, current);
    el.setAttribute('aria-describedby', TIP_ID);
  };
  const hide = () => {
    tip.hide(el);
    el.removeAttribute('aria-describedby');
  };
  const key = (e: KeyboardEvent) => e.key === 'Escape' && hide();
  el.addEventListener('pointerenter', show);
  el.addEventListener('pointerleave', hide);
  el.addEventListener('focus', show);
  el.addEventListener('blur', hide);
  el.addEventListener('keydown', key);
  return {
    update(t: string | undefined) {
      current = t;
    },
    destroy() {
      el.removeEventListener('pointerenter', show);
      el.removeEventListener('pointerleave', hide);
      el.removeEventListener('focus', show);
      el.removeEventListener('blur', hide);
      el.removeEventListener('keydown', key);
      hide();
    },
  };
}
