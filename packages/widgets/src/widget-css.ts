// Colour tokens as "name light dark" (hex without #), expanded below: the repeated
// `var(--headroom-…,light-dark(…))` wrapper is written once instead of twelve times.
const tokens =
  /* @__PURE__ */
  'bg ffffff 161b22 fg 1f2328 e6edf3 muted 57606a a3acb7 border d0d7de 30363d control 6e7781 7d8590 accent 0a58ca 6cb6ff accent-fg ffffff 0d1117 track e6e9ee 30363d ok 1a7f37 3fb950 warn 8a5a00 e3b341 danger c21d2a ff7b72 focus 0a58ca 6cb6ff'.replace(
    /(\S+) (\S+) (\S+) ?/g,
    '--_$1:var(--headroom-$1,light-dark(#$2,#$3));',
  );

/**
 * The widgets' stylesheet: shared by the Preact components (a `<style>` from the provider)
 * and the custom elements (an adopted stylesheet in each shadow root). Each colour token
 * `--_x` is `var(--headroom-x, light-dark(<light>, <dark>))`: hosts override `--headroom-x`,
 * and `data-theme` pins `color-scheme` and paints the root's own background, so a pinned
 * widget stays readable on a host of the other scheme (a test checks every pair for WCAG contrast).
 * Inside `.hr` it styles the documented parts (`[part=…]`), a few elements (h2, p, form,
 * label, input, ul, svg, buttons and links) and a handful of layout classes (`hr-head`,
 * `hr-foot`, `hr-text`, `hr-row`); a meter's state comes from `data-state`.
 */
export const widgetCss =
  `:host{display:contents}.hr{${tokens}font-family:var(--headroom-font,system-ui,sans-serif);font-size:var(--headroom-font-size,14px);line-height:1.45;color:var(--_fg)}.hr:not([data-theme=auto]){background:var(--_bg)}.hr[data-theme=light]{color-scheme:light}.hr[data-theme=dark]{color-scheme:dark}.hr *{box-sizing:border-box}.hr :focus-visible{outline:3px solid var(--_focus);outline-offset:2px}` +
  // Rows: a usage bar's head and foot (and its forecast line, one line high before it arrives), actions, the invite field, an outcome.
  '.hr-head,.hr-foot,.hr-row,.hr [part=outcome]{display:flex;flex-wrap:wrap;align-items:center;gap:8px}.hr-head{justify-content:space-between}.hr [part=label],.hr label,.hr [part=state]{font-weight:600}.hr [part=value]{color:var(--_muted);font-variant-numeric:tabular-nums}.hr-foot,.hr [part=forecast]{font-size:.92em;color:var(--_muted);column-gap:12px}.hr [part=forecast]{min-height:1.45em}' +
  // The bar: its colour follows the meter's state, the shape and the state text say it too.
  '.hr[data-state],.hr form,.hr-text{display:grid;gap:6px}.hr[data-state]{--_s:var(--_ok)}.hr[data-state=approaching]{--_s:var(--_warn)}.hr[data-state=at_limit],.hr[data-state=over]{--_s:var(--_danger)}.hr [part=track]{height:8px;border-radius:999px;background:var(--_track);overflow:hidden}.hr [part=fill]{height:100%;width:calc(var(--hr-ratio,0)*100%);background:var(--_s);border-radius:inherit}.hr[data-state=over] [part=fill]{background-image:repeating-linear-gradient(135deg,#0000 0 6px,#fff5 6px 10px)}.hr [part=state]{display:inline-flex;align-items:center;gap:4px;color:var(--_s)}.hr [role=alert]{color:var(--_danger)}' +
  // Buttons and links: primary (cta), secondary (button), ghost (dismiss), small in a bar or summary.
  '.hr :is(button,a){font:inherit;display:inline-flex;align-items:center;justify-content:center;min-height:36px;padding:6px 14px;border:1px solid var(--_accent);border-radius:6px;background:var(--_accent);color:var(--_accent-fg);text-decoration:none;cursor:pointer}.hr :is(button,a):hover{filter:brightness(1.08)}.hr [disabled]{opacity:.7;cursor:progress}.hr-head button,.hr-foot button{min-height:28px;padding:2px 10px;font-size:.92em}.hr [part=button],.hr [part=dismiss]{background:none;color:var(--_accent)}.hr [part=dismiss]{color:inherit;border-color:var(--_control)}' +
  // Cards (every widget's section, the summary, the dialog) and their text.
  '.hr>section,.hr [part=dialog]{display:flex;flex-wrap:wrap;align-items:flex-start;gap:12px 16px;padding:16px;background:var(--_bg);color:var(--_fg);border:1px solid var(--_border);border-radius:var(--headroom-radius,10px)}.hr-summary>section,.hr [part=dialog],.hr ul{display:grid}.hr-text{flex:16rem;min-width:0}.hr h2,.hr p,.hr ul{margin:0}.hr h2{font-size:1.08em;font-weight:650;overflow-wrap:anywhere}.hr [part=body]{color:var(--_muted);overflow-wrap:anywhere}.hr [part=outcome]{margin:4px 0 0}' +
  // Surfaces: banner accent, fixed toast, modal backdrop and dialog.
  '.hr-banner>section{border-inline-start:4px solid var(--_accent)}.hr-toast>section,.hr [part=backdrop]{position:fixed;z-index:2147483000}.hr-toast>section{inset-block-end:16px;inset-inline-end:16px;max-width:min(26rem,100vw - 32px);box-shadow:0 8px 24px #0003}.hr [part=backdrop]{inset:0;display:grid;place-items:center;padding:16px;background:#0008}.hr [part=dialog]{gap:16px;width:100%;max-width:32rem;max-height:calc(100vh - 32px);overflow:auto;padding:24px;box-shadow:0 16px 48px #0005}' +
  // Lists, the invite form, icons; the bar's only motion, for those who have not asked for less.
  '.hr ul{list-style:none;padding:0;gap:16px}.hr input{flex:12rem;min-width:0;min-height:36px;padding:6px 10px;font:inherit;color:var(--_fg);background:var(--_bg);border:1px solid var(--_control);border-radius:6px}.hr [aria-invalid=true]{border-color:var(--_danger)}.hr svg{flex:none}.hr-lock{color:var(--_accent)}@media (prefers-reduced-motion:no-preference){.hr [part=fill]{transition:width .3s}}';
