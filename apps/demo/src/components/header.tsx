import { useKit } from '../kit.ts';
import { location$ } from '../router.ts';
import { drawerOpen$, session$ } from '../state.ts';
import { Link } from './link.tsx';

const NAV = [
  { href: '/', label: 'Documents', match: (p: string) => p === '/' || p.startsWith('/docs') },
  { href: '/team', label: 'Team', match: (p: string) => p.startsWith('/team') },
  { href: '/settings', label: 'Settings & billing', match: (p: string) => p.startsWith('/settings') },
];

/** App header: brand, navigation, compact usage meters and the demo drawer toggle. */
export function Header() {
  const kit = useKit();
  const path = location$.value.split('?')[0] ?? '/';
  const session = session$.value;
  const plan = session ? (session.plans[session.scenario.plan]?.name ?? session.scenario.plan) : '';
  return (
    <header class="topbar">
      <div class="topbar-row">
        <div class="brand">
          <span class="logo" aria-hidden="true">
            A
          </span>
          <span>Acme Docs</span>
          <span class="plan-pill" data-testid="plan-pill">
            {plan}
          </span>
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.href}>
                <Link href={item.href} current={item.match(path)}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>

        <button
          type="button"
          class="btn ghost demo-toggle"
          aria-expanded={drawerOpen$.value}
          aria-controls="demo-drawer"
          onClick={() => {
            drawerOpen$.value = !drawerOpen$.value;
          }}
        >
          Demo account
        </button>
      </div>
      {kit && (
        <section class="meter-strip" aria-label="Plan usage">
          <kit.UsageBar meter="seats" compact />
          <kit.UsageBar meter="docs" compact />
          <kit.UsageBar meter="api_calls" compact />
        </section>
      )}
    </header>
  );
}
