import { eventTypeFacts } from '@dyad/contracts';

// Each type's colour as a class, from the event types' facts (no inline styles: the pages'
// Content-Security-Policy allows only this stylesheet).
const typeRules = Object.entries(eventTypeFacts)
  .map(([type, facts]) => `.t-${type}{--type:${facts.colour}}`)
  .join('\n');

/** The one stylesheet, served at /static/dyad.css. Logical properties, so RTL needs no second copy. */
export const STYLESHEET = `
:root{--fg:#1b1b1f;--muted:#555a64;--bg:#fbfbfc;--card:#fff;--line:#d9dbe1;--accent:#0b57a4;--hi:#fff1a8;--new:#e6f4ea;
font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg);line-height:1.5}
${typeRules}
*{box-sizing:border-box}
body{margin:0}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,select:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;inset-inline-start:-999px}
.skip:focus{inset-inline-start:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.75rem 1rem;background:#fff;border-block-end:1px solid var(--line)}
.brand a{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg)}
.logo{color:var(--accent)}
.tagline{display:block;color:var(--muted);font-size:.85rem}
.top nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.top nav a[aria-current]{font-weight:700;text-decoration:none;color:var(--fg)}
.langs{display:flex;gap:.5rem;font-size:.9rem}
.langs [aria-current]{font-weight:700}
.live-status{margin:0;font-size:.85rem;color:var(--muted);margin-inline-start:auto}
.live-status.on::before{content:"●";color:#1e8e3e;margin-inline-end:.3rem}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem;line-height:1.25}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
.muted,.note,.hint,.count{color:var(--muted)}
.chart{margin:0 0 1rem;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem}
.chart figcaption{font-weight:600;margin-block-end:.25rem}
.chart-scroll{overflow-x:auto}
.chart svg{display:block;max-width:100%;height:auto}
.chart .tick{font-size:10px;fill:var(--muted)}
.chart .axis{stroke:var(--line)}
.chart .sel{fill:#e8eefc}
.chart a:focus rect,.chart a:hover rect{stroke:#000;stroke-width:1}
.legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0 0;font-size:.85rem}
.legend a{display:inline-flex;align-items:center;gap:.3rem;text-decoration:none;color:var(--fg)}
.filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem 1rem;align-items:end;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem;margin-block-end:1rem}
.filters .wide{grid-column:1/-1}
.field label{display:block;font-size:.85rem;color:var(--muted)}
.field input,.field select{width:100%;font:inherit;padding:.3rem .4rem;border:1px solid #8a8f98;border-radius:4px;background:#fff;color:var(--fg)}
.actions button{font:inherit;padding:.35rem 1rem;border:0;border-radius:4px;background:var(--accent);color:#fff;cursor:pointer}
.month h2{position:sticky;top:0;background:var(--bg);padding:.25rem 0;margin:1rem 0 .25rem;font-size:1rem;color:var(--muted);text-transform:capitalize}
.events{list-style:none;margin:0;padding:0}
.event{display:flex;gap:.75rem;background:var(--card);border:1px solid var(--line);border-inline-start:4px solid var(--type);border-radius:6px;padding:.6rem .75rem;margin-block-end:.5rem}
.event .mark{flex:none;padding-top:.15rem}
.event .body{min-width:0;flex:1}
.event p{margin:.1rem 0}
.event .summary{font-size:1rem;margin:.15rem 0}
.meta{font-size:.85rem;color:var(--muted)}
.type{display:inline-flex;align-items:center;gap:.25rem;color:var(--fg);font-weight:600}
.type .icon{flex:none}
.cameo{font-weight:400;color:var(--muted);font-size:.8em}
.precision,.approx{font-size:.85em}
.people,.sources{font-size:.9rem}
.first-title{color:var(--muted)}
.lang{text-transform:uppercase;font-size:.8em;text-decoration:none;border:1px solid var(--line);border-radius:3px;padding:0 .2rem}
.cue{background:#1e8e3e;color:#fff;border-radius:3px;padding:0 .3rem;font-size:.8rem}
.cue-new,.cue-updated{animation:flash 3s ease-out 1;background:var(--new)}
@keyframes flash{from{box-shadow:0 0 0 4px #1e8e3e}to{box-shadow:0 0 0 0 transparent}}
@media (prefers-reduced-motion:reduce){.cue-new,.cue-updated{animation:none}}
.live-banner{background:#fff7d6;border:1px solid #e0c35a;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0}
.pager{display:flex;justify-content:space-between;margin:1rem 0}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}
.facts dt{color:var(--muted)}
.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
.chips{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;padding:0;margin:0}
.chips li{background:#eef0f4;border-radius:999px;padding:0 .5rem;font-size:.85rem}
table.people{border-collapse:collapse;width:100%}
table.people th,table.people td{text-align:start;border-block-end:1px solid var(--line);padding:.3rem .5rem}
.alt{color:var(--muted);font-size:.85em;margin-inline-start:.4rem}
.source{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem;margin-block-end:1rem}
.source h3{margin:0 0 .5rem;font-size:1.05rem}
.evidence-list{margin:.25rem 0 .5rem;padding-inline-start:1.2rem;font-size:.9rem}
.field{font-weight:600}
.article-text .text{white-space:pre-wrap;overflow-wrap:anywhere;max-height:28rem;overflow-y:auto;border:1px solid var(--line);border-radius:4px;padding:.5rem .75rem;background:#fdfdfd;margin-top:.5rem}
mark.evidence{background:var(--hi);color:inherit;border-block-end:2px solid #c9a400}
mark.evidence:target{outline:3px solid #f59e0b}
.status{font-weight:600}
.s-in_force{color:#1e6b2e}.s-signed{color:#0b57a4}.s-approved{color:#6b3fa0}.s-planned{color:var(--muted)}
.stages{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:.25rem 0}
.steps blockquote{margin:.25rem 0 0;padding-inline-start:.6rem;border-inline-start:3px solid var(--line);color:var(--muted)}
.stage{border:1px solid var(--line);border-radius:999px;padding:0 .6rem;color:var(--muted);font-size:.85rem}
.stage.reached{background:#e6f4ea;color:#1e6b2e;border-color:#8fc79c}
.steps{padding-inline-start:1.2rem}
.steps li{margin-block-end:.5rem}
.agreement{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.25rem .75rem .5rem;margin-block-end:1rem}
.history ol{padding-inline-start:1.2rem}
bdi,[dir=auto]{unicode-bidi:isolate}
@media (max-width:40rem){
main{padding:.5rem}
h1{font-size:1.3rem}
.top{padding:.5rem}
.live-status{margin-inline-start:0}
.facts{grid-template-columns:1fr}
.facts dt{font-weight:600;color:var(--fg)}
.event{padding:.5rem}
}
`;

/** The favicon: Dyad's diamond. */
export const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path fill="#0b57a4" d="M8 0l8 8-8 8-8-8z"/></svg>`;
