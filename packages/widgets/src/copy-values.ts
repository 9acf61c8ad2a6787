import type { CopyValues, HeadroomConfig } from '@headroom/core';
import type { PromptContext } from '@headroom/sdk';
import type { Formatter } from './create-formatter.ts';
import { planName } from './plan-name.ts';

// Words that read as acronyms in feature ids; anything else is lower case after the first letter.
const ACRONYM = /^(sso|api|saml|scim|ldap|mfa|2fa|sla|csv|pdf|crm|url|ip|ai|gdpr|hipaa|soc2?)$/i;

/**
 * A readable name for a feature id: `sso` → "SSO", `audit_log` → "Audit log",
 * `api-access` → "API access", `saml_sso` → "SAML SSO".
 */
export function featureName(feature: string): string {
  const words = feature
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map((w) => (ACRONYM.test(w) ? w.toUpperCase() : w.toLowerCase()));
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Formats a prompt's raw context for its copy template: numbers and percent by locale,
 * `{meter}` as the unit in the right plural form, plan ids as plan names.
 */
export function copyValues(
  context: PromptContext,
  config: HeadroomConfig | null,
  fmt: Formatter,
  unlimited: string,
): CopyValues {
  const values: CopyValues = { plan: planName(config, context.plan) };
  if (context.nextPlan !== null) values.nextPlan = planName(config, context.nextPlan);
  // Numbers by locale; a null limit (only `limit` and `nextLimit` can be null) reads "unlimited".
  for (const key of ['used', 'limit', 'nextLimit', 'count'] as const) {
    const n = context[key];
    if (n !== undefined) values[key] = n === null ? unlimited : fmt.number(n);
  }
  if (context.ratio !== undefined) values.percent = fmt.percent(context.ratio);
  if (context.feature !== undefined) values.feature = featureName(context.feature);
  const { meter } = context;
  if (meter !== undefined) {
    const unit = config?.meters[meter]?.unit;
    // The count the unit is read with: the next limit in "room for {nextLimit} {meter}",
    // otherwise the current limit or usage; an unknown meter reads as its id.
    values.meter = unit ? fmt.unit(unit, context.nextLimit ?? context.limit ?? context.used ?? 2) : meter;
  }
  return values;
}
