import type { Headroom, UpgradeDecision } from '@headroom/sdk';
import type { ComponentChildren, ComponentType } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/**
 * The Headroom pieces the app renders. Loaded lazily so `?headroom=off` serves the same app
 * without a byte of Headroom (the page-cost benchmark compares both).
 */
export interface HeadroomKit {
  hr: Headroom;
  Provider: ComponentType<{ children: ComponentChildren }>;
  UsageBar: ComponentType<{ meter: string; compact?: boolean; forecast?: boolean }>;
  UsageSummary: ComponentType<Record<string, never>>;
  UpgradePrompt: ComponentType<{ surface: 'banner' | 'modal' | 'inline' | 'toast' }>;
  GateWall: ComponentType<{ feature: string; label: string; children: ComponentChildren }>;
  InviteNudge: ComponentType<{
    context: string;
    subject: string;
    onInvite: (invite: { email: string }) => Promise<string>;
  }>;
  /**
   * Asks the edge how to route an upgrade and shows the outcome. `source` is the prompt the
   * user clicked (a prompt id of the config); leave it out for a direct upgrade.
   */
  upgrade: (plan: string, source?: string, seats?: number) => Promise<UpgradeDecision | null>;
}

export const KitContext = createContext<HeadroomKit | null>(null);

/** The Headroom kit, or null when the demo runs with `?headroom=off`. */
export const useKit = (): HeadroomKit | null => useContext(KitContext);
