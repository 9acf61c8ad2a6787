import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage, launchChromium } from './chromium.ts';
import { axe, openPage, useClient } from './harness.ts';

let browser: Browser;
let script: string;

beforeAll(async () => {
  [browser, script] = await Promise.all([
    launchChromium(),
    bundlePage(new URL('./page-entry.ts', import.meta.url).pathname),
  ]);
});
afterAll(async () => {
  await browser?.close();
});

const open = (body: string, head = '', before = ''): Promise<Page> =>
  openPage(browser, script, body, head, before);

describe('<headroom-*> custom elements in Chromium', () => {
  it('render into open shadow roots with one adopted stylesheet and no inline <style>', async () => {
    const page = await open('<headroom-usage-bar meter="docs"></headroom-usage-bar>');
    await useClient(page, 'team', { docs: 850 });
    const info = await page.evaluate(() => {
      const root = document.querySelector('headroom-usage-bar')!.shadowRoot!;
      const bar = root.querySelector('[role=progressbar]')!;
      return {
        mode: root.mode,
        sheets: root.adoptedStyleSheets.length,
        styles: root.querySelectorAll('style').length,
        now: bar.getAttribute('aria-valuenow'),
        max: bar.getAttribute('aria-valuemax'),
        text: root.textContent,
      };
    });
    expect(info).toMatchObject({ mode: 'open', sheets: 1, styles: 0, now: '850', max: '1000' });
    expect(info.text).toContain('850 of 1,000 documents');
    expect(info.text).toContain('Approaching limit');
    await page.close();
  });

  it('re-renders on attribute changes and on store changes', async () => {
    const page = await open('<headroom-usage-bar meter="docs" locale="de"></headroom-usage-bar>');
    await useClient(page, 'team', { docs: 100, seats: 3 });
    await page.evaluate(() => document.querySelector('headroom-usage-bar')!.setAttribute('meter', 'seats'));
    const text = () =>
      page.evaluate(() => document.querySelector('headroom-usage-bar')!.shadowRoot!.textContent);
    expect(await text()).toContain('3 von 10 seats');
    await page.evaluate(() => window.hrTest.last!.meter('seats').set(10));
    await expect.poll(text).toContain('Limit erreicht');
    await page.close();
  });

  it('keeps properties a host set before the elements were defined', async () => {
    const page = await open(
      '<headroom-usage-bar meter="docs"></headroom-usage-bar>',
      '',
      `document.querySelector('headroom-usage-bar').messages = { stateApproaching: 'Nearly full' }`,
    );
    await useClient(page, 'team', { docs: 900 });
    const text = await page.evaluate(
      () => document.querySelector('headroom-usage-bar')!.shadowRoot!.textContent,
    );
    expect(text).toContain('Nearly full');
    await page.close();
  });

  it('is themed from outside by --headroom-* custom properties and ::part()', async () => {
    const page = await open(
      '<headroom-usage-bar meter="docs" theme="light"></headroom-usage-bar>',
      `<style>
        headroom-usage-bar { --headroom-accent: rgb(120, 0, 200); --headroom-font: monospace; }
        headroom-usage-bar::part(track) { height: 20px; }
        headroom-usage-bar::part(label) { text-transform: uppercase; }
      </style>`,
    );
    await useClient(page, 'team', { docs: 900 });
    const styles = await page.evaluate(() => {
      const root = document.querySelector('headroom-usage-bar')!.shadowRoot!;
      const css = (sel: string) => getComputedStyle(root.querySelector(sel)!);
      return {
        cta: css('[part~=cta]').backgroundColor,
        font: css('.hr').fontFamily,
        track: css('[part~=track]').height,
        label: css('[part~=label]').textTransform,
      };
    });
    expect(styles).toEqual({ cta: 'rgb(120, 0, 200)', font: 'monospace', track: '20px', label: 'uppercase' });
    await page.close();
  });

  it('the gate shows slotted content only when entitled', async () => {
    const page = await open('<headroom-gate feature="sso"><p id="sso">SSO settings</p></headroom-gate>');
    await useClient(page, 'team', {});
    const state = () =>
      page.evaluate(() => {
        const root = document.querySelector('headroom-gate')!.shadowRoot!;
        const slot = root.querySelector('slot');
        return {
          slotted: slot ? slot.assignedElements().map((e) => e.id) : [],
          heading: root.querySelector('h2')?.textContent ?? null,
          visible: (document.getElementById('sso') as HTMLElement).getBoundingClientRect().height > 0,
        };
      });
    expect(await state()).toEqual({ slotted: [], heading: 'SSO is part of Business', visible: false });
    expect(await page.evaluate(() => window.hrTest.last!.callsOf('gate.hit'))).toEqual([['sso']]);
    await page.evaluate(() =>
      window.hrTest.last!.$account.set({ ...window.hrTest.last!.$account.get()!, plan: 'business' }),
    );
    await expect.poll(state).toEqual({ slotted: ['sso'], heading: null, visible: true });
    await page.close();
  });

  it('the modal traps keyboard focus, Esc closes it and focus returns to the opener', async () => {
    const page = await open(
      '<button id="opener">open</button><headroom-upgrade-prompt surface="modal"></headroom-upgrade-prompt>',
    );
    await page.focus('#opener');
    await useClient(page, 'team', {});
    const focused = () =>
      page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.textContent ?? null;
      });
    await expect.poll(focused).toBe('See Business');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('Dismiss');
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('See Business');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(focused).toBe('Dismiss');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('open');
    expect(await page.evaluate(() => window.hrTest.last!.callsOf('prompts.dismiss'))).toEqual([
      ['tier_upgrade'],
    ]);
    await page.close();
  });

  it('the invite nudge hands the email to the host through a composed event', async () => {
    const page = await open(
      '<headroom-invite-nudge context="share" subject="Q3 plan"></headroom-invite-nudge>',
    );
    await useClient(page, 'team', {});
    await page.evaluate(() => {
      document.addEventListener('headroom-invite', (event) => {
        const detail = (event as CustomEvent).detail;
        (window as unknown as { invited: string }).invited = detail.email;
        detail.waitUntil(Promise.resolve('inv_7'));
      });
    });
    await page.locator('headroom-invite-nudge input').fill('ana@example.com');
    await page.locator('headroom-invite-nudge button[type=submit]').click();
    await page.locator('headroom-invite-nudge [role=status]').waitFor();
    expect(await page.evaluate(() => (window as unknown as { invited: string }).invited)).toBe(
      'ana@example.com',
    );
    expect(await page.evaluate(() => window.hrTest.last!.callsOf('invites.sent'))).toEqual([
      [{ inviteId: 'inv_7', channel: 'email' }],
    ]);
    await page.close();
  });

  it('falls back to a <style nonce> where adopted stylesheets are missing, and it applies under CSP', async () => {
    const page = await open(
      '<headroom-usage-bar meter="docs" nonce="n0nce" theme="light"></headroom-usage-bar>',
      `<meta http-equiv="Content-Security-Policy" content="style-src 'nonce-n0nce'">`,
      'delete ShadowRoot.prototype.adoptedStyleSheets',
    );
    await useClient(page, 'team', { docs: 900 });
    const info = await page.evaluate(() => {
      const root = document.querySelector('headroom-usage-bar')!.shadowRoot!;
      const style = root.querySelector('style');
      return {
        nonce: style?.nonce,
        cta: getComputedStyle(root.querySelector('[part~=cta]')!).backgroundColor,
      };
    });
    expect(info).toEqual({ nonce: 'n0nce', cta: 'rgb(10, 88, 202)' });
    await page.close();
  });

  it.each(['light', 'dark'])(
    'every element passes axe-core (WCAG 2.2 AA incl. contrast) in the %s theme',
    async (theme) => {
      const page = await open(
        `
      <h1>Account</h1>
      <headroom-usage-summary theme="${theme}"></headroom-usage-summary>
      <headroom-usage-bar meter="docs" theme="${theme}"></headroom-usage-bar>
      <headroom-gate feature="audit_log" theme="${theme}"><p>Audit log</p></headroom-gate>
      <headroom-invite-nudge context="share" subject="Q3 plan" theme="${theme}"></headroom-invite-nudge>`,
        `<style>body{background:${theme === 'dark' ? '#0d1117' : '#fff'};color:${theme === 'dark' ? '#e6edf3' : '#1f2328'}}</style>`,
      );
      await useClient(page, 'team', { docs: 1300, seats: 9, api_calls: 82_000 });
      expect(await axe(page)).toEqual([]);
      await page.close();
    },
  );

  it('axe does see inside the shadow roots (an unnamed button is caught)', async () => {
    const page = await open('<headroom-upgrade-prompt surface="inline"></headroom-upgrade-prompt>');
    await useClient(page, 'team', {});
    await page.evaluate(() => {
      window.hrTest.last!.setPrompt('inline', {
        id: 'p',
        surface: 'inline',
        trigger: { id: 't', kind: 'meter_ratio', fired: true, reason: '', value: 1, threshold: 1 },
        copy: { title: 'Title', cta: 'Go' },
        context: { plan: 'team', nextPlan: 'business' },
      });
      (document.querySelector('headroom-upgrade-prompt') as unknown as { messages: object }).messages = {
        dismiss: '',
      };
    });
    expect((await axe(page)).join('\n')).toContain('button-name');
    await page.close();
  });

  it('the modal passes axe-core too', async () => {
    const page = await open(
      '<headroom-upgrade-prompt surface="modal" theme="dark"></headroom-upgrade-prompt>',
    );
    await useClient(page, 'team', {});
    expect(await axe(page)).toEqual([]);
    await page.close();
  });
});
