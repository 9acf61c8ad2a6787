import { GateWall, HeadroomProvider, type Theme, UsageBar } from '@headroom/widgets';
import type { Meta, StoryObj } from '@storybook/preact-vite';
import { fake } from './fixtures.tsx';

// Issue #17, items 1 and 6: each theme on each kind of host page, with the new states (a bar
// whose usage is unavailable, an approaching bar, a paywall).
const meta: Meta = { title: 'Widgets/Theme by host' };
export default meta;

/** How a host page declares its scheme, and the colours it paints itself. */
const hosts = {
  light: { colorScheme: 'light', background: '#ffffff', color: '#1f2328' },
  dark: { colorScheme: 'dark', background: '#0d1117', color: '#e6edf3' },
  // Follows the OS, as the page does.
  lightDark: { colorScheme: 'light dark', background: 'Canvas', color: 'CanvasText' },
} as const;

function matrix(theme: Theme, host: keyof typeof hosts): StoryObj {
  return {
    render: () => {
      const known = fake({ usage: { docs: 820 } });
      const unknown = fake({ status: 'offline' });
      return (
        <div style={{ ...hosts[host], padding: '24px', maxWidth: '720px', display: 'grid', gap: '16px' }}>
          <HeadroomProvider client={unknown} locale="en-US" theme={theme} onNavigate={() => {}}>
            <UsageBar meter="docs" />
          </HeadroomProvider>
          <HeadroomProvider client={known} locale="en-US" theme={theme} onNavigate={() => {}}>
            <UsageBar meter="docs" />
            <GateWall feature="audit_log" />
          </HeadroomProvider>
        </div>
      );
    },
  };
}

export const LightOnLightHost = matrix('light', 'light');
export const LightOnDarkHost = matrix('light', 'dark');
export const LightOnLightDarkHost = matrix('light', 'lightDark');
export const DarkOnLightHost = matrix('dark', 'light');
export const DarkOnDarkHost = matrix('dark', 'dark');
export const DarkOnLightDarkHost = matrix('dark', 'lightDark');
/** `auto` (the default) on a light page stays light, whatever the OS. */
export const AutoOnLightHost = matrix('auto', 'light');
export const AutoOnDarkHost = matrix('auto', 'dark');
export const AutoOnLightDarkHost = matrix('auto', 'lightDark');
