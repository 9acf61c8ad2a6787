/** Every piece of UI text the widgets own (prompt copy comes from the config). */
export interface Messages {
  /** "8,200 of 10,000 API calls" */
  usageOf: string;
  /** Usage on a meter without a limit. */
  usageUnlimited: string;
  unlimited: string;
  stateApproaching: string;
  stateAtLimit: string;
  stateOver: string;
  /** Text for screen readers on the progress bar. */
  usageValueText: string;
  resetsOn: string;
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

/** German UI text. */
export const de: Messages = {
  usageOf: '{used} von {limit} {unit}',
  usageUnlimited: '{used} {unit} (unbegrenzt)',
  unlimited: 'unbegrenzt',
  stateApproaching: 'Limit bald erreicht',
  stateAtLimit: 'Limit erreicht',
  stateOver: 'Limit überschritten',
  usageValueText: '{used} von {limit} {unit}, {percent}',
  resetsOn: 'Wird am {date} zurückgesetzt',
  summaryTitle: 'Nutzung im Tarif {plan}',
  upgradeTo: 'Auf {plan} upgraden',
  dismiss: 'Schließen',
  upgradeLoading: 'Wir suchen den besten Weg zum Upgrade …',
  upgradeError: 'Das Upgrade konnte nicht gestartet werden.',
  retry: 'Erneut versuchen',
  checkout: 'Weiter zur Kasse',
  checkoutOpening: 'Kasse wird geöffnet …',
  assistBody: 'Jetzt upgraden oder vorher mit uns über die Anforderungen Ihres Teams sprechen.',
  talkToUs: 'Mit uns sprechen',
  csTitle: 'Danke, wir kümmern uns darum',
  bookCall: 'Termin buchen',
  gateTitle: '{feature} ist Teil von {plan}',
  gateBody: 'Upgraden Sie auf {plan}, um {feature} zu nutzen.',
  gateNoPlan: '{feature} ist in Ihrem Tarif nicht verfügbar.',
  inviteTitle: 'Laden Sie jemanden aus dem Team ein, {subject} zu prüfen',
  inviteBody: 'Mit einem zweiten Blick geht die Arbeit schneller.',
  inviteLabel: 'E-Mail-Adresse',
  inviteSend: 'Einladung senden',
  inviteInvalid: 'Geben Sie eine E-Mail-Adresse wie name@example.com ein.',
  inviteSent: 'Einladung an {email} gesendet.',
  inviteFailed: 'Die Einladung konnte nicht gesendet werden. Bitte erneut versuchen.',
  notNow: 'Nicht jetzt',
};

/** Catalog for a BCP 47 locale: German for `de*`, English otherwise, then `overrides`. */
export function messagesFor(locale: string, overrides?: Partial<Messages>): Messages {
  const base = /^de\b/i.test(locale) ? de : en;
  return overrides ? { ...base, ...overrides } : base;
}
