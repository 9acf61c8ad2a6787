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
    // Set: effects run after the dialog element is mounted.
    const node = dialog.current!;
    const opener = deepActiveElement();
    const focusables = () => Array.from(node.querySelectorAll<HTMLElement>(FOCUSABLE));
    (focusables()[0] ?? node).focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close.current();
      } else if (event.key === 'Tab') {
        // In the direction of travel: Shift+Tab walks the list backwards.
        const items = focusables();
        if (event.shiftKey) items.reverse();
        const active = deepActiveElement();
        // Wrap at the far end, pull focus back in from outside, and keep it on the dialog
        // itself when nothing in it can take focus.
        if (!items.length || active === items.at(-1) || !node.contains(active)) {
          event.preventDefault();
          items[0]?.focus();
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
