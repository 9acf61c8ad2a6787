import type { UsageBarProps } from '@headroom/widgets';
import { createElement } from 'react';
import { useWidgetElement } from './use-widget-element.ts';

export type { UsageBarProps };

/**
 * A meter's usage against the plan's limit, with "Upgrade to {plan}" from 80 % and, with
 * `forecast` (and `@headroom/widgets/forecast` imported once), the projected limit day.
 * @example <UsageBar meter="api_calls" />
 */
export function UsageBar({ meter, cta, forecast }: UsageBarProps) {
  const [ref, attributes] = useWidgetElement();
  return createElement('headroom-usage-bar', {
    ref,
    ...attributes,
    meter,
    cta: cta === false ? 'false' : undefined,
    forecast: forecast ? '' : undefined,
  });
}
