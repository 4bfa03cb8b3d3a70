/**
 * One meaning for Enter (issue 13): a button pressed with the pointer (mouse, touch, pen) does
 * not keep the focus. Otherwise a cashier who taps 2, 3 on the on-screen keypad (or 收款 in the
 * top bar) and then presses Enter on the keyboard re-presses the tapped button (¥233) instead of
 * confirming the step; with nothing focused, Enter reaches the screen's key handler, which
 * confirms the current step. Keyboard users are unaffected: a button reached with Tab keeps its
 * focus, and its Enter stays that button's (a click from the keyboard has `detail === 0`).
 *
 * Installed once on the document (main.ts); works across shadow roots.
 */

/** The deepest focused element, through open shadow roots. */
export function deepActiveElement(doc: Document): Element | null {
  let el: Element | null = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** The button (or element acting as one) a pointer event landed on, if any. */
function pressedButton(e: Event): HTMLElement | undefined {
  for (const node of e.composedPath()) {
    if (!(node instanceof HTMLElement)) continue;
    if (
      node.tagName === 'BUTTON' ||
      node.getAttribute('role') === 'button' ||
      (node.tagName === 'INPUT' && /^(button|submit|reset|checkbox|radio)$/.test((node as HTMLInputElement).type))
    )
      return node;
    if (node.tagName === 'A' || node.tagName === 'LABEL') return undefined;
  }
  return undefined;
}

/**
 * After every pointer-made click on a button, drops the focus it took (once the click's own
 * handlers have run). Returns a function that removes the listener.
 */
export function releaseFocusAfterPointer(doc: Document): () => void {
  const onClick = (e: MouseEvent): void => {
    if (e.detail === 0) return; // a click synthesised from Enter/Space: the keyboard user keeps the focus
    const button = pressedButton(e);
    if (!button) return;
    const blur = (): void => {
      if (deepActiveElement(doc) === button) button.blur();
    };
    blur();
    setTimeout(blur, 0); // a handler may have focused it again while re-rendering
  };
  doc.addEventListener('click', onClick, true);
  return () => doc.removeEventListener('click', onClick, true);
}
