/**
 * A counterexample as one self-contained HTML page (no network): a step
 * slider with previous/next buttons and the arrow keys, and per step the
 * XArray, the wait queues and the threads. The TraceView travels as a JSON
 * blob; a few lines of inline script draw the frame the slider points at.
 */
import type { TraceView } from './html-view.js';

/** Text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that can sit inside a <script> element: `<` written as \u003c, so no
 * `</script>` or `<!--` in a label or doc comment can end the element early.
 * JSON.parse reads it back unchanged.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em;margin:0}
code,.mono,td,th{font-family:ui-monospace,monospace}
.verdict{color:#a00;font-weight:bold}
.controls{margin:1em 0;display:flex;gap:.6em;align-items:center}
#slider{width:24em}
section{margin:1em 0}
h2{font-size:1em;margin:.2em 0;color:#555}
table{border-collapse:collapse}
td,th{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3;font-weight:normal}
td.none{color:#999}
td.locked{background:#fde2c8}
td.changed{outline:2px solid #36c}
.waiter{display:inline-block;border:1px solid #888;border-radius:3px;padding:0 .4em;margin-right:.4em;background:#eef}
.asleep{color:#a00}
#steps li{cursor:pointer}
#steps li.current{font-weight:bold;background:#ffd}
#steps li.loop{border-left:3px solid #c60;padding-left:.4em}
.badge{background:#c60;color:#fff;border-radius:3px;padding:0 .4em}
tr.moved td{background:#eef6ff}
#lasso{color:#c60;font-weight:bold}
#ending{font-style:italic}
#ending.now{font-style:normal;font-weight:bold;color:#a00}
`;

// Kept small on purpose: it only reads the blob and fills the page.
const SCRIPT = `
const T = JSON.parse(document.getElementById('trace').textContent);
const $ = (id) => document.getElementById(id);
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; };
const row = (cells, tag) => { const r = el('tr'); for (const c of cells) r.append(typeof c === 'string' ? el(tag || 'td', c) : c); return r; };
const last = T.frames.length - 1;
let k = 0;
function slotText(s) {
  if (s.size === null) return '(empty)';
  const flags = ['locked', 'empty', 'zero'].filter((f) => s[f]);
  return [s.size, ...flags, ...(s.pfn ? ['pfn ' + s.pfn] : []), ...s.marks.map((m) => '+' + m)].join(' ');
}
function show(i) {
  k = Math.max(0, Math.min(last, i));
  const f = T.frames[k], s = f.step;
  $('slider').value = k;
  $('counter').textContent = 'step ' + k + ' of ' + last;
  $('prev').disabled = k === 0; $('next').disabled = k === last;
  $('what').textContent = s ? s.number + '. ' + s.thread + ' ' + s.label : 'initial state';
  $('where').textContent = s ? s.at : '';
  $('doc').textContent = s ? s.doc : '';
  $('did').replaceChildren(...(s ? s.did : []).map((d) => el('li', d)));
  $('loop-mark').hidden = !(s && s.inLoop);
  $('ending').className = k === last ? 'now' : '';
  const before = new Map(k > 0 ? T.frames[k - 1].xa.map((x) => [x.first + '..' + x.last, slotText(x)]) : []);
  const idx = row([], 'th'), val = row([]);
  for (const x of f.xa) {
    const h = el('th', x.first === x.last ? String(x.first) : x.first + '..' + x.last); h.colSpan = x.last - x.first + 1; idx.append(h);
    const c = el('td', slotText(x), x.size === null ? 'none' : x.locked ? 'locked' : ''); c.colSpan = h.colSpan; c.dataset.first = x.first;
    if (k > 0 && before.get(x.first + '..' + x.last) !== slotText(x)) c.classList.add('changed');
    val.append(c);
  }
  $('xa').replaceChildren(idx, val);
  $('queues').replaceChildren(...f.queues.map((q) => {
    const li = el('li', T.buckets > 1 ? 'queue ' + q.bucket + ': ' : '');
    if (q.waiters.length === 0) li.append(el('span', 'nobody waits', 'none'));
    for (const w of q.waiters) li.append(el('span', w.thread + ' on key ' + w.key + (w.exclusive ? ' (exclusive)' : ''), 'waiter'));
    return li;
  }));
  $('threads').replaceChildren(row(['thread', 'next', 'source', ''], 'th'), ...f.threads.map((t) => {
    const r = row([t.name, t.label, t.at]);
    r.append(el('td', t.asleepOn !== null ? 'asleep on key ' + t.asleepOn : t.label === 'Done' ? 'returned' : '', t.asleepOn !== null ? 'asleep' : ''));
    if (s && s.thread === t.name) r.className = 'moved';
    return r;
  }));
  $('globals').replaceChildren(...f.globals.map((g) => row([g.name, g.value])));
  $('globals-section').hidden = f.globals.length === 0;
  document.querySelectorAll('#steps li').forEach((li, j) => li.classList.toggle('current', j + 1 === k));
}
$('slider').max = last;
$('steps').replaceChildren(...T.frames.slice(1).map((f, j) => {
  const li = el('li', f.step.thread + ' ' + f.step.label, f.step.inLoop ? 'loop' : '');
  li.onclick = () => show(j + 1);
  return li;
}));
$('slider').oninput = (e) => show(Number(e.target.value));
$('prev').onclick = () => show(k - 1);
$('next').onclick = () => show(k + 1);
document.onkeydown = (e) => {
  const to = { ArrowLeft: k - 1, ArrowRight: k + 1, Home: 0, End: last }[e.key];
  if (to !== undefined && e.target.tagName !== 'INPUT') { e.preventDefault(); show(to); }
};
const m = /step=(\\d+)/.exec(location.hash);
show(m ? Number(m[1]) : 0);
`;

/** Where a lasso goes after its last step. */
function lassoWords(view: TraceView): string {
  if (view.loopFrom !== null) return `after step ${view.frames.length - 1}, back to the state ${view.loopFrom === 1 ? 'at the start' : `after step ${view.loopFrom - 1}`}: steps ${view.loopFrom}–${view.frames.length - 1} repeat forever`;
  return `after step ${view.frames.length - 1}, the last state stutters forever: ${view.ending}`;
}

export function htmlPage(view: TraceView): string {
  const title = `${view.spec} model ${view.model}: ${view.verdict}`;
  const loop = view.loopFrom !== null ? `<span class="badge">loop from step ${view.loopFrom}</span>` : view.stuttering ? '<span class="badge">ends stuttering</span>' : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(view.spec)}, model <span id="model">${escapeHtml(view.model)}</span></h1>
<p><span class="verdict" id="verdict">${escapeHtml(view.verdict)}</span> ${loop} <span class="mono">${escapeHtml(view.file)}</span></p>
${view.doc ? `<p id="model-doc">${escapeHtml(view.doc)}</p>` : ''}
<p id="ending">${escapeHtml(view.ending)}</p>
</header>
<div class="controls">
<button id="prev" title="previous step (←)">◀ prev</button>
<input id="slider" type="range" min="0" max="0" value="0" aria-label="step">
<button id="next" title="next step (→)">next ▶</button>
<span id="counter"></span>
</div>
<section id="step"><h2>step</h2>
<div><strong id="what"></strong> <span id="loop-mark" class="badge" hidden>in the loop</span> <code id="where"></code></div>
<div id="doc"></div>
<ul id="did"></ul>
</section>
<section><h2>XArray</h2><table id="xa"></table></section>
<section><h2>wait queues</h2><ul id="queues"></ul></section>
<section><h2>threads</h2><table id="threads"></table></section>
<section id="globals-section"><h2>globals</h2><table id="globals"></table></section>
<section><h2>steps</h2><ol id="steps"></ol>${view.loopFrom !== null || view.stuttering ? `<p id="lasso">↺ ${escapeHtml(lassoWords(view))}</p>` : ''}</section>
<script type="application/json" id="trace">${scriptJson(view)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
