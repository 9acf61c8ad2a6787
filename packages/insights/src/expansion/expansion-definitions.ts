/** What each expansion metric means, shown by the console and `headroom report` (the README has the long form). */
export const EXPANSION_DEFINITIONS = {
  activeAccounts: 'accounts with any event other than a billing event on a day of the period (UTC days)',
  activeUsers: 'distinct users of those accounts with such an event',
  kFactor:
    'viral coefficient k = invites sent per active user per month (invites sent ÷ active users × 30 ÷ days) × acceptance rate (invites accepted ÷ invites sent)',
  pqlRate:
    "PQLs ÷ active accounts × 30 ÷ days; a PQL is an account whose first fire episode in the window was eligible (the edge's own evaluation, never the browser's)",
  pqlConversion:
    "PQLs fired at least outcomeDays ago (judged) whose backend reported upgrade_completed within outcomeDays of the fire, with Wilson's 95 % interval",
  medianDaysToExpansion:
    'per trigger, the median days from each account’s first eligible fire of it to that upgrade (judged, expanded)',
  expansionShare:
    "a trigger's share of the expanded PQLs, each attributed to the account's first PQL trigger in the window",
  expansionFormula:
    'expansion MRR = active accounts × PQL rate × PQL → expansion × average expansion ACV ÷ 12; the binding term is the one lowest against its reference (PQL rate 5 % a month, conversion 35 %, $1,000 per expansion)',
  avgExpansionAcv:
    'annual amount added per expansion (billing changes that raised what an account pays, new accounts included)',
  nrr: 'net revenue retention over the window: (starting ARR + seat + usage + tier expansion − contraction − churn) ÷ starting ARR, for accounts paying at the window start; new ARR (accounts paying 0 at the start) is not in it',
  expansionSource:
    "the backend's `expansion` when given; else tier when the plan changed (or no previous plan was named), seat when seats grew, else usage",
  grossChurnDrag:
    'annual amount lost to subscription_canceled ÷ starting ARR (the amount before: previousAmount, else the previous billing event, else the evaluated ACV)',
  csAssistedShare: 'expansions with a CS handoff for the account in the assistDays before them ÷ expansions',
} as const;
