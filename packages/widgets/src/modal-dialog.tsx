/** @jsxRuntime classic */
/** @jsx h */
import type { ComponentChildren } from 'preact';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h, useEffect, useRef } from './peers.ts';

// What the widgets put in a dialog: links, buttons and inputs.
const FOCUSABLE = 'a[href],button:not([disabled]),input:not([disabled])';

interface ModalDialogProps {
  labelledBy: string;
  describedBy?: string | undefined;
  onClose: () => void;
  children?: ComponentChildren;
}

/** The element that has focus, looking through open shadow roots (only called in effects). */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * A modal dialog: `role="dialog"` + `aria-modal`, focus moves in on open and is trapped
 * (Tab / Shift+Tab wrap), Esc closes, and focus returns to where it was on close.
 */
export function ModalDialog({ labelledBy, describedBy, onClose, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const node = dialog.current;
    if (!node) return undefined;
    const opener = deepActiveElement();
    const focusables = () => Array.from(node.querySelectorAll<HTMLElement>(FOCUSABLE));
    (focusables()[0] ?? node).focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
      } else if (event.key === 'Tab') {
        const items = focusables();
        const active = deepActiveElement();
        // Wrap at either end, pull focus back in from outside, and keep it on the dialog
        // itself when nothing in it can take focus.
        const edge = event.shiftKey ? items[0] : items.at(-1);
        if (!edge || active === edge || !node.contains(active)) {
          event.preventDefault();
          (event.shiftKey ? items.at(-1) : items[0])?.focus();
        }
      }
    };
    // On the document, so Tab is caught even when focus has wandered out of the dialog.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <div part="backdrop">
      <div
        ref={dialog}
        part="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
      >
        {children}
      </div>
    </div>
  );
}
