import type { UsageSummaryProps } from '@headroom/widgets';
import { createElement } from 'react';
import { useWidgetElement } from './use-widget-element.ts';

export type { UsageSummaryProps };

/**
 * Every meter of the account's plan (or the ones given), with one upgrade offer.
 * @example <UsageSummary meters={['seats', 'docs']} />
 */
export function UsageSummary({ meters, cta }: UsageSummaryProps) {
  const [ref, attributes] = useWidgetElement();
  return createElement('headroom-usage-summary', {
    ref,
    ...attributes,
    meters: meters?.join(','),
    cta: cta === false ? 'false' : undefined,
  });
}
