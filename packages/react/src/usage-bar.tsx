import type { UsageBarProps } from '@headroom/widgets';
import { createElement } from 'react';
import { useWidgetElement } from './use-widget-element.ts';

export type { UsageBarProps };

/**
 * A meter's usage against the plan's limit, with "Upgrade to {plan}" from 80 %.
 * @example <UsageBar meter="api_calls" />
 */
export function UsageBar({ meter, cta }: UsageBarProps) {
  const [ref, attributes] = useWidgetElement();
  return createElement('headroom-usage-bar', {
    ref,
    ...attributes,
    meter,
    cta: cta === false ? 'false' : undefined,
  });
}
