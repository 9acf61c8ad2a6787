import type { GateWallProps as PreactGateWallProps } from '@headroom/widgets';
import { createElement, type ReactNode } from 'react';
import { useGate } from './use-gate.ts';
import { useWidgetElement } from './use-widget-element.ts';

export interface GateWallProps extends Omit<PreactGateWallProps, 'children'> {
  /** The gated content, mounted only once the plan is known to include the feature. */
  children?: ReactNode;
}

/**
 * Its children when the plan includes the feature; otherwise a paywall naming the plan that
 * unlocks it (and a recorded gate hit).
 * @example <GateWall feature="sso"><SsoSettings /></GateWall>
 */
export function GateWall({ feature, label, children }: GateWallProps) {
  const [ref, attributes] = useWidgetElement();
  // The element slots its children only when entitled, but slotted or not they would mount
  // (and fetch, and show before the element upgrades): mount them only when entitled.
  const { entitled } = useGate(feature);
  return createElement('headroom-gate', { ref, ...attributes, feature, label }, entitled ? children : null);
}
