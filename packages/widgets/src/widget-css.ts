/**
 * The widgets' stylesheet: shared by the Preact components (a `<style>` from the provider)
 * and the custom elements (an adopted stylesheet in each shadow root). Each colour token
 * `--_x` is `var(--headroom-x, light-dark(<light>, <dark>))`: hosts override `--headroom-x`,
 * and `data-theme` pins `color-scheme` (a test checks every pair for WCAG contrast).
 */
export const widgetCss = `:host{display:block}
.hr{color-scheme:light dark;
--_bg:var(--headroom-bg,light-dark(#ffffff,#161b22));
--_fg:var(--headroom-fg,light-dark(#1f2328,#e6edf3));
--_muted:var(--headroom-muted,light-dark(#57606a,#a3acb7));
--_border:var(--headroom-border,light-dark(#d0d7de,#30363d));
--_control:var(--headroom-control,light-dark(#6e7781,#7d8590));
--_accent:var(--headroom-accent,light-dark(#0a58ca,#6cb6ff));
--_accent-fg:var(--headroom-accent-fg,light-dark(#ffffff,#0d1117));
--_track:var(--headroom-track,light-dark(#e6e9ee,#30363d));
--_ok:var(--headroom-ok,light-dark(#1a7f37,#3fb950));
--_warn:var(--headroom-warn,light-dark(#8a5a00,#e3b341));
--_danger:var(--headroom-danger,light-dark(#c21d2a,#ff7b72));
--_focus:var(--headroom-focus,light-dark(#0a58ca,#6cb6ff));
font-family:var(--headroom-font,system-ui,sans-serif);font-size:var(--headroom-font-size,14px);line-height:1.45;color:var(--_fg)}
.hr[data-theme=light]{color-scheme:light}
.hr[data-theme=dark]{color-scheme:dark}
.hr *{box-sizing:border-box}
.hr :focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.hr-usage{display:grid;gap:6px}
.hr-usage-head,.hr-usage-foot,.hr-actions,.hr-outcome,.hr-invite-row{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.hr-usage-head{justify-content:space-between}
.hr-usage-label,.hr-label{font-weight:600}
.hr-usage-text{color:var(--_muted);font-variant-numeric:tabular-nums}
.hr-usage-foot{font-size:.92em;color:var(--_muted);column-gap:12px}
.hr-track{height:8px;border-radius:999px;background:var(--_track);overflow:hidden}
.hr-fill{height:100%;width:calc(var(--hr-ratio,0)*100%);background:var(--_ok);border-radius:inherit;transition:width .3s ease}
.hr-approaching .hr-fill{background:var(--_warn)}
.hr-at_limit .hr-fill,.hr-over .hr-fill{background:var(--_danger)}
.hr-over .hr-fill{background-image:repeating-linear-gradient(135deg,transparent 0 6px,rgb(255 255 255/.35) 6px 10px)}
.hr-state{display:inline-flex;align-items:center;gap:4px;font-weight:600;color:var(--_warn)}
.hr-at_limit .hr-state,.hr-over .hr-state,.hr-error,.hr-outcome-error{color:var(--_danger)}
.hr-icon{flex:none}
.hr-btn{font:inherit;font-weight:600;display:inline-flex;align-items:center;justify-content:center;min-height:36px;padding:6px 14px;border:1px solid var(--_accent);border-radius:6px;background:var(--_accent);color:var(--_accent-fg);text-decoration:none;cursor:pointer}
.hr-btn:hover{filter:brightness(1.08)}
.hr-btn[disabled]{opacity:.7;cursor:progress}
.hr-btn-small{min-height:28px;padding:2px 10px;font-size:.92em}
.hr-btn-secondary{background:transparent;color:var(--_accent)}
.hr-btn-ghost{background:transparent;color:var(--_fg);border-color:var(--_control)}
.hr-card,.hr-summary>section{display:flex;flex-wrap:wrap;align-items:flex-start;gap:12px 16px;padding:16px;background:var(--_bg);color:var(--_fg);border:1px solid var(--_border);border-radius:var(--headroom-radius,10px)}
.hr-summary>section{display:grid}
.hr-prompt-text{flex:1 1 16rem;min-width:0;display:grid;gap:6px}
.hr-title,.hr-body,.hr-error{margin:0}
.hr-title{font-size:1.08em;font-weight:650;overflow-wrap:anywhere}
.hr-body{color:var(--_muted);overflow-wrap:anywhere}
.hr-outcome{margin:4px 0 0}
.hr-banner .hr-card{border-inline-start:4px solid var(--_accent)}
.hr-toast .hr-card{position:fixed;inset-block-end:16px;inset-inline-end:16px;z-index:2147483000;max-width:min(26rem,calc(100vw - 32px));box-shadow:0 8px 24px rgb(0 0 0/.2)}
.hr-backdrop{position:fixed;inset:0;z-index:2147483000;display:grid;place-items:center;padding:16px;background:rgb(0 0 0/.5)}
.hr-dialog{display:grid;gap:16px;width:100%;max-width:32rem;max-height:calc(100vh - 32px);overflow:auto;padding:24px;background:var(--_bg);color:var(--_fg);border-radius:12px;box-shadow:0 16px 48px rgb(0 0 0/.3)}
.hr-summary-list{list-style:none;margin:0;padding:0;display:grid;gap:16px}
.hr-invite-form{display:grid;gap:6px}
.hr-input{flex:1 1 12rem;min-width:0;min-height:36px;padding:6px 10px;font:inherit;color:var(--_fg);background:var(--_bg);border:1px solid var(--_control);border-radius:6px}
.hr-input[aria-invalid=true]{border-color:var(--_danger)}
.hr-lock{flex:none;color:var(--_accent)}
@media (prefers-reduced-motion:reduce){.hr *{animation:none!important;transition:none!important}}
`;
