import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, config } from '../test/fixtures.ts';
import { HeadroomProvider, UsageBar } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

const hr = () => createFakeHeadroom({ config, account: account(), usage: { seats: 2 } });

describe('HeadroomProvider', () => {
  it('adds the stylesheet once, with the CSP nonce', () => {
    const { container } = render(
      <HeadroomProvider client={hr()} locale="en" nonce="r4nd0m">
        <UsageBar meter="seats" />
        <UsageBar meter="docs" />
      </HeadroomProvider>,
    );
    const styles = container.querySelectorAll('style');
    expect(styles.length).toBe(1);
    expect(styles[0]?.getAttribute('nonce')).toBe('r4nd0m');
    expect(styles[0]?.textContent).toContain('--headroom-accent');
  });

  it('leaves styling to the host when styles={false}, and passes the theme down', () => {
    const { container } = render(
      <HeadroomProvider client={hr()} locale="en" styles={false} theme="dark">
        <UsageBar meter="seats" />
      </HeadroomProvider>,
    );
    expect(container.querySelector('style')).toBeNull();
    expect(container.querySelector('.hr')?.getAttribute('data-theme')).toBe('dark');
    expect(screen.getByRole('progressbar', { name: 'Seats' })).toBeTruthy();
  });
});
