// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server-side import', () => {
  it('the widgets and the elements entry import without a DOM and register nothing', async () => {
    expect(typeof document).toBe('undefined');
    const widgets = await import('./index.ts');
    expect(typeof widgets.UsageBar).toBe('function');
    const elements = await import('./elements.ts');
    expect(typeof elements.setDefaultClient).toBe('function');
    expect(typeof customElements).toBe('undefined');
  });
});
