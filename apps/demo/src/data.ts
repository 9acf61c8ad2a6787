/** Deterministic sample content so every demo account looks lived in. */
const TITLES = [
  'Q3 planning',
  'Onboarding checklist',
  'Release notes 4.2',
  'Design review: search',
  'Customer interview notes',
  'Pricing page copy',
  'Incident retro — API latency',
  'Hiring plan',
  'Roadmap FY26',
  'Support macros',
  'Brand guidelines',
  'Weekly sync notes',
];
const PEOPLE = [
  'Ada Park',
  'Ben Osei',
  'Chloé Martin',
  'Dev Raman',
  'Eli Novak',
  'Fatima Zahra',
  'Gus Lind',
  'Hana Sato',
  'Ivan Petrov',
  'Jules Moreau',
];

export interface DocSummary {
  id: string;
  title: string;
  owner: string;
  updated: string;
}

/** The `n` most recent documents of an account with `total` documents. */
export function recentDocs(total: number, n = 12): DocSummary[] {
  const count = Math.min(total, n);
  return Array.from({ length: count }, (_, i) => {
    const index = total - i;
    return {
      id: `doc-${index}`,
      title:
        TITLES[(index - 1) % TITLES.length]! +
        (index > TITLES.length ? ` (${Math.floor((index - 1) / TITLES.length) + 1})` : ''),
      owner: PEOPLE[index % PEOPLE.length]!,
      updated: i === 0 ? 'just now' : `${i * 3} h ago`,
    };
  });
}

/** Team members filling `seats` seats; the first is the visitor. */
export function teamMembers(seats: number): { name: string; email: string; role: string }[] {
  return Array.from({ length: Math.min(seats, 50) }, (_, i) => {
    const name = i === 0 ? 'You' : (PEOPLE[(i - 1) % PEOPLE.length] ?? 'Teammate');
    const handle = i === 0 ? 'you' : name.toLowerCase().replace(/[^a-z]+/g, '.');
    return { name, email: `${handle}@acme.test`, role: i === 0 ? 'Owner' : 'Editor' };
  });
}

export const money = (n: number): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n);
