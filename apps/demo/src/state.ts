import type { UpgradeDecision } from '@headroom/sdk';
import { signal } from '@preact/signals';
import type { Session } from './demo-api.ts';

/** The demo session (scenario + presets) loaded from the backend. */
export const session$ = signal<Session | null>(null);

/** The latest upgrade decision that needs a dialog (assisted or CS route). */
export const decision$ = signal<UpgradeDecision | null>(null);

/** Whether the "Demo account" drawer is open. */
export const drawerOpen$ = signal(false);

/** A short status line announced to screen readers. */
export const announce$ = signal('');
