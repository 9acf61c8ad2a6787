import type { UpgradePromptProps } from '@headroom/widgets';
import { createElement } from 'react';
import { useWidgetElement } from './use-widget-element.ts';

export type { UpgradePromptProps };

/**
 * Whatever prompt the SDK picked for a surface (banner, modal, inline, toast); the CTA routes
 * the upgrade through the edge.
 * @example <UpgradePrompt surface="banner" />
 */
export function UpgradePrompt({ surface }: UpgradePromptProps) {
  const [ref, attributes] = useWidgetElement();
  return createElement('headroom-upgrade-prompt', { ref, ...attributes, surface });
}
