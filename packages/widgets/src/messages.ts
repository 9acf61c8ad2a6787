/** Every piece of UI text the widgets own (prompt copy comes from the config). */
export interface Messages {
  /** "8,200 of 10,000 API calls" */
  usageOf: string;
  /** Usage on a meter without a limit. */
  usageUnlimited: string;
  /** A meter whose limit or value is not known (no config, no account state, edge unreachable). */
  usageUnavailable: string;
  unlimited: string;
  stateApproaching: string;
  stateAtLimit: string;
  stateOver: string;
  /** Text for screen readers on the progress bar. */
  usageValueText: string;
  resetsOn: string;
  /**
   * A usage bar's forecast, "At this rate you'll reach {limit} {unit} around {date}" (`{limit}`,
   * `{unit}`, `{date}`); English and German are in `@headroom/widgets/forecast`, which shows it.
   */
  usageForecast?: string;
  summaryTitle: string;
  upgradeTo: string;
  dismiss: string;
  upgradeLoading: string;
  upgradeError: string;
  retry: string;
  checkout: string;
  checkoutOpening: string;
  assistBody: string;
  talkToUs: string;
  csTitle: string;
  bookCall: string;
  gateTitle: string;
  gateBody: string;
  gateNoPlan: string;
  inviteTitle: string;
  inviteBody: string;
  inviteLabel: string;
  inviteSend: string;
  inviteInvalid: string;
  inviteSent: string;
  inviteFailed: string;
  notNow: string;
}

/** English UI text. */
export const en: Messages = {
  usageOf: '{used} of {limit} {unit}',
  usageUnlimited: '{used} {unit} (unlimited)',
  usageUnavailable: 'Usage unavailable',
  unlimited: 'unlimited',
  stateApproaching: 'Approaching limit',
  stateAtLimit: 'Limit reached',
  stateOver: 'Over limit',
  usageValueText: '{used} of {limit} {unit}, {percent}',
  resetsOn: 'Resets {date}',
  summaryTitle: 'Usage on {plan}',
  upgradeTo: 'Upgrade to {plan}',
  dismiss: 'Dismiss',
  upgradeLoading: 'Finding the best way to upgrade…',
  upgradeError: 'We could not start your upgrade.',
  retry: 'Try again',
  checkout: 'Continue to checkout',
  checkoutOpening: 'Opening checkout…',
  assistBody: 'Upgrade now, or talk to us first about what your team needs.',
  talkToUs: 'Talk to us',
  csTitle: 'Thanks, we are on it',
  bookCall: 'Book a call',
  gateTitle: '{feature} is part of {plan}',
  gateBody: 'Upgrade to {plan} to use {feature}.',
  gateNoPlan: '{feature} is not available on your plan.',
  inviteTitle: 'Invite a teammate to review {subject}',
  inviteBody: 'Work goes faster with a second pair of eyes.',
  inviteLabel: 'Email address',
  inviteSend: 'Send invite',
  inviteInvalid: 'Enter an email address like name@example.com.',
  inviteSent: 'Invite sent to {email}.',
  inviteFailed: 'The invite could not be sent. Try again.',
  notNow: 'Not now',
};
