// The hubtrust page. Inputs: the chain a hub sends, the roots a device trusts, a device log —
// dropped or pasted anywhere (detect.ts routes them; the user can override) or into their own box.
// Outputs, all computed here: the log's explanation (@hubtrust/logs), the chain verdict with its
// diagram and validity timeline (verify.wasm, drawn by @hubtrust/report like the CLI's HTML
// reports), and the readiness of the roots over time (@hubtrust/roots). No network: the page
// fetches nothing after it has loaded (the CSP forbids it).

import { VERIFY_WASM_BYTES, VERIFY_WASM_GZIP_BASE64 } from 'virtual:hubtrust-verify-wasm';
import { explainLog } from '@hubtrust/logs';
import {
  buildTimeline,
  escapeXml,
  isReadable,
  renderCertificateTableHtml,
  renderChainSvg,
  renderTimelineSvg,
  renderVerdictHtml,
  summarizeCertificate,
  summarizeChain,
  yearsAfter,
} from '@hubtrust/report';
import {
  type BundleInput,
  CatalogError,
  type DeviceProfileId,
  endpointFamiliesForHost,
  ReadinessError,
} from '@hubtrust/roots';
import { initFromBytes, verifyChain } from '@hubtrust/verify';
import { InputError, pemCertificates, readDropped } from './certificates.js';
import { detectInput, type InputKind, KIND_LABEL, utf8Of } from './detect.js';
import { gunzip, isGzip } from './gunzip.js';
import { renderExplanationHtml } from './log-view.js';
import {
  DEFAULT_DEVICE,
  DEFAULT_FAMILIES,
  DEFAULT_LOOKBACK_YEARS,
  deviceChoices,
  familyChoices,
  runReadiness,
} from './readiness.js';
import { renderReadinessHtml } from './readiness-view.js';

/** Dropped files larger than this are refused (verify.wasm's input limit is 16 MiB). */
const MAX_DROP_BYTES = 16 * 1024 * 1024;
/** Typing in the log and roots boxes re-runs their (heavier) analyses after this pause. */
const TYPING_PAUSE_MS = 250;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const chainText = $<HTMLTextAreaElement>('chain-text');
const rootsText = $<HTMLTextAreaElement>('roots-text');
const logText = $<HTMLTextAreaElement>('log-text');
const anyText = $<HTMLTextAreaElement>('any-text');
const readAs = $<HTMLSelectElement>('read-as');
const reroute = $<HTMLSelectElement>('reroute');
const host = $<HTMLInputElement>('host');
const atInput = $<HTMLInputElement>('at');
const horizonInput = $<HTMLInputElement>('horizon');
const sinceInput = $<HTMLInputElement>('since');
const deviceSelect = $<HTMLSelectElement>('device');
const familiesBox = $<HTMLFieldSetElement>('families');
const errors = $<HTMLParagraphElement>('errors');
const detected = $<HTMLParagraphElement>('detected');
const result = $<HTMLElement>('result');
const logResult = $<HTMLElement>('log-result');
const readinessResult = $<HTMLElement>('readiness-result');

/** A dropped file or a paste. */
interface Source {
  bytes: Uint8Array;
  name: string;
  /** How the bytes were unpacked from the file (`decompressed from boot.log.gz`). */
  unpacked?: string;
}

/** The page's state beyond its form fields. */
const state: {
  /** The roots file as dropped (readiness reads it whole: ESP-IDF anchors, C conditions); unset once edited. */
  roots?: { bytes: Uint8Array; file: string };
  /** The log as dropped (explained from its bytes: binary noise is counted, not replaced); unset once edited. */
  log?: Uint8Array;
  logName: string;
  /** The last drop or paste and where it went, for "Not right? Read it as …". */
  last?: { sources: Source[]; kinds: InputKind[] };
  timers: Map<string, number>;
} = { logName: 'the pasted log', timers: new Map() };

function dateOf(input: HTMLInputElement, fallback: Date): Date {
  const ms = input.value ? Date.parse(`${input.value}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(ms) ? fallback : new Date(ms);
}

const atDate = () => dateOf(atInput, new Date());
const horizonDate = () => dateOf(horizonInput, yearsAfter(atDate(), 5));

/** Records the time since the triggering event on <body> (read by the e2e test). */
function mark(name: string, since: number | undefined): void {
  if (since !== undefined) document.body.dataset[name] = (performance.now() - since).toFixed(1);
}

/** Runs `work` once typing has paused. */
function later(key: string, work: () => void): void {
  clearTimeout(state.timers.get(key));
  state.timers.set(key, window.setTimeout(work, TYPING_PAUSE_MS));
}

// ---- the chain verdict ----

/** Recomputes the chain verdict from the inputs. `since` is the drop event's timestamp, when a drop triggered it. */
function renderChain(since?: number): void {
  errors.textContent = '';
  let chain: Uint8Array[];
  let roots: Uint8Array[];
  try {
    chain = pemCertificates(chainText.value, 'chain');
    roots = pemCertificates(rootsText.value, 'roots');
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    errors.textContent = error.message;
    return;
  }
  const at = atDate();
  const horizon = dateOf(horizonInput, yearsAfter(at, 5));
  const [leaf, ...rest] = chain;
  if (!leaf) {
    result.innerHTML =
      '<p class="placeholder">The verdict, the chain diagram and the validity timeline appear here.</p>';
    return;
  }
  const bundle = roots.map((der) => summarizeCertificate(der, at)).filter(isReadable);
  if (roots.length === 0) {
    result.innerHTML = `<p class="placeholder">Add the roots the device trusts (as certificates) to get a verdict.</p>${renderCertificateTableHtml(chain.map((d) => summarizeCertificate(d, at)))}`;
    return;
  }
  const options = {
    leaf,
    intermediates: rest,
    roots,
    time: at,
    ...(host.value.trim() ? { hostname: host.value.trim() } : {}),
  };
  const summary = summarizeChain({ sent: chain, result: verifyChain(options), at });
  const served = summary.path
    .filter((p) => p.role !== 'leaf' && p.source !== 'roots')
    .map((p) => p.certificate)
    .filter(isReadable);
  const timeline = buildTimeline({
    groups: [
      { name: 'intermediates on the path', certificates: served },
      { name: 'device bundle', certificates: bundle },
    ],
    at,
    horizon,
  });
  result.innerHTML = [
    renderVerdictHtml(summary.verdict),
    `<h2>Chain</h2><figure>${renderChainSvg(summary)}</figure>`,
    `<h2>Validity</h2><figure>${renderTimelineSvg(timeline)}</figure>`,
    `<h2>Certificates</h2>${renderCertificateTableHtml([...summary.path.map((p) => p.certificate), ...summary.unused])}`,
  ].join('');
  mark('verdictMs', since);
}

// ---- the log explanation ----

function renderLog(since?: number): void {
  const text = logText.value;
  logResult.hidden = text.trim() === '';
  if (logResult.hidden) return;
  const explanation = explainLog(state.log ?? text);
  $('log-body').innerHTML =
    renderExplanationHtml(explanation, state.logName) + (explanation.host ? useHost(explanation.host) : '');
  mark('explanationMs', since);
}

/**
 * The host a log connects to, put to use: into the Host name field when it is empty (the chain
 * check then checks the name), and its cloud endpoint family checked for the readiness.
 * @returns a sentence for the log section, or '' when no cloud profile covers the host
 */
function useHost(name: string): string {
  let families: ReturnType<typeof endpointFamiliesForHost>;
  try {
    families = endpointFamiliesForHost(name);
  } catch (error) {
    if (error instanceof CatalogError) return '';
    throw error;
  }
  if (!host.value.trim()) {
    host.value = name;
    renderChain();
  }
  const family = families[0];
  if (!family) return '';
  const box = familiesBox.querySelector<HTMLInputElement>(`input[value="${CSS.escape(family.id)}"]`);
  if (box && !box.checked) {
    box.checked = true;
    scheduleReadiness();
  }
  return `<p class="host-hint">The log connects to <code>${escapeXml(name)}</code>: ${escapeXml(family.name)}${family.deprecated ? ` (deprecated: ${escapeXml(family.deprecated)})` : ''}. It is checked among the readiness endpoints.</p>`;
}

// ---- readiness ----

function readinessBundle(): BundleInput | undefined {
  if (state.roots) return state.roots;
  return rootsText.value.trim() ? { text: rootsText.value, file: 'the pasted roots' } : undefined;
}

function renderReadiness(since?: number): void {
  const bundle = readinessBundle();
  readinessResult.hidden = bundle === undefined;
  if (!bundle) return;
  const body = $('readiness-body');
  const families = [...familiesBox.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
  if (families.length === 0) {
    body.innerHTML = '<p class="placeholder">Choose at least one cloud endpoint.</p>';
    return;
  }
  const until = horizonDate();
  const start = dateOf(sinceInput, yearsAfter(atDate(), -DEFAULT_LOOKBACK_YEARS));
  if (!(start < until)) {
    body.innerHTML = `<p class="placeholder">The timeline must start before the horizon (${until.toISOString().slice(0, 10)}).</p>`;
    return;
  }
  try {
    const report = runReadiness(bundle, {
      families,
      device: deviceSelect.value as DeviceProfileId,
      since: start,
      until,
    });
    body.innerHTML = renderReadinessHtml(report);
  } catch (error) {
    if (!(error instanceof ReadinessError)) throw error;
    body.innerHTML = `<p class="verdict warn">${escapeXml(error.message)}</p>`;
  }
  mark('readinessMs', since);
}

/** Readiness is the heaviest step: it runs after the chain verdict has been painted. */
function scheduleReadiness(since?: number): void {
  clearTimeout(state.timers.get('readiness'));
  state.timers.set(
    'readiness',
    window.setTimeout(() => renderReadiness(since), 0),
  );
}

// ---- routing what was dropped or pasted ----

function clearKind(kind: InputKind): void {
  if (kind === 'chain') chainText.value = '';
  if (kind === 'roots') {
    rootsText.value = '';
    delete state.roots;
  }
  if (kind === 'log') {
    logText.value = '';
    delete state.log;
  }
}

/**
 * Puts sources of one kind in their box and recomputes what depends on it.
 * @returns notes for the user, and whether the box changed (nothing readable leaves it as it was)
 */
function apply(kind: InputKind, sources: Source[], since?: number): { notes: string[]; changed: boolean } {
  const notes: string[] = [];
  if (kind === 'log') {
    const [first, ...others] = sources;
    if (!first) return { notes, changed: false };
    logText.value = new TextDecoder().decode(first.bytes);
    state.log = first.bytes;
    state.logName = first.name;
    if (others.length) notes.push(`one log at a time: ${others.map((s) => s.name).join(', ')} not read`);
    renderLog(since);
    return { notes, changed: true };
  }
  const texts: string[] = [];
  for (const s of sources) {
    try {
      const dropped = readDropped(s.bytes, s.name);
      if (dropped.problems.length) notes.push(`${dropped.summary}; not read: ${dropped.problems.join('; ')}`);
      texts.push(dropped.text);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      notes.push(`${error.message}${kind === 'roots' ? ' (if it is a log, read it as a device log)' : ''}`);
    }
  }
  if (texts.length === 0) return { notes, changed: false };
  if (kind === 'chain') {
    chainText.value = texts.join('');
  } else {
    rootsText.value = texts.join('');
    const only = sources.length === 1 ? sources[0] : undefined;
    if (only) state.roots = { bytes: only.bytes, file: only.name };
    else delete state.roots;
    scheduleReadiness(since);
  }
  renderChain(since);
  return { notes, changed: true };
}

/** Detects (or takes the user's choice for) each source, routes it, and says what it did. */
function route(sources: Source[], choice: InputKind | 'auto', since?: number): void {
  errors.textContent = '';
  const groups = new Map<InputKind, Source[]>();
  const said: string[] = [];
  const notes: string[] = [];
  for (const s of sources) {
    if (s.bytes.length === 0) {
      notes.push(`${s.name} is empty`);
      continue;
    }
    const text = utf8Of(s.bytes);
    const source = text.converted ? { ...s, bytes: text.bytes } : s;
    const d = choice === 'auto' ? detectInput(source.bytes, s.name) : undefined;
    const kind = d?.kind ?? (choice as InputKind);
    groups.set(kind, [...(groups.get(kind) ?? []), source]);
    const how = [
      d ? d.reason : 'as chosen',
      s.unpacked,
      text.converted ? `converted from ${text.converted}` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    said.push(`${s.name} as ${KIND_LABEL[kind]} (${how})`);
  }
  // The boxes this input changed: "Not right?" clears only those.
  const kinds: InputKind[] = [];
  for (const [kind, list] of groups) {
    const applied = apply(kind, list, since);
    notes.push(...applied.notes);
    if (applied.changed) kinds.push(kind);
  }
  detected.textContent = said.length ? `Read ${said.join('; ')}.` : '';
  if (notes.length) errors.textContent = notes.join('. ');
  const routed = sources.filter((s) => s.bytes.length > 0);
  const rerouteRow = $('reroute-row');
  rerouteRow.hidden = routed.length === 0;
  if (routed.length === 0) return;
  state.last = { sources: routed, kinds };
  $('reroute-name').textContent =
    routed.length === 1 ? (routed[0] as Source).name : `these ${routed.length} files`;
  reroute.value = kinds[0] ?? ([...groups.keys()][0] as InputKind);
}

async function readFile(f: File): Promise<Source> {
  const bytes = new Uint8Array(await f.arrayBuffer());
  if (!isGzip(bytes)) return { bytes, name: f.name };
  return {
    bytes: await gunzip(bytes, MAX_DROP_BYTES, f.name),
    name: f.name.replace(/\.gz$/i, ''),
    unpacked: `decompressed from ${f.name}`,
  };
}

/** Reads dropped files (gzip ones decompressed); at most MAX_DROP_BYTES each, packed or not. */
async function readFiles(files: readonly File[]): Promise<Source[]> {
  for (const f of files)
    if (f.size > MAX_DROP_BYTES)
      throw new InputError(`${f.name} is ${f.size} bytes; at most 16 MiB are read`);
  return Promise.all(files.map(readFile));
}

function routeFiles(files: readonly File[], choice: InputKind | 'auto', since?: number): void {
  readFiles(files)
    .then((sources) => route(sources, choice, since))
    .catch((error: unknown) => {
      errors.textContent = error instanceof Error ? error.message : String(error);
    });
}

/** Routes files dropped on `zone`; `shown` is the box that lights up while files are dragged over it. */
function dropZone(zone: HTMLElement | Document, shown: HTMLElement, choice: () => InputKind | 'auto'): void {
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    shown.classList.add('over');
  });
  zone.addEventListener('dragleave', () => shown.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    const drop = event as DragEvent;
    drop.preventDefault();
    drop.stopPropagation();
    shown.classList.remove('over');
    routeFiles([...(drop.dataTransfer?.files ?? [])], choice(), drop.timeStamp);
  });
}

// ---- the form ----

function fillChoices(): void {
  for (const f of familyChoices()) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = f.id;
    box.checked = DEFAULT_FAMILIES.includes(f.id);
    label.title = f.description;
    label.append(box, ` ${f.label}`);
    familiesBox.append(label);
  }
  for (const d of deviceChoices()) {
    const option = new Option(d.label, d.id, d.id === DEFAULT_DEVICE, d.id === DEFAULT_DEVICE);
    option.title = d.description;
    deviceSelect.append(option);
  }
  const describe = () => {
    $('device-description').textContent =
      deviceChoices().find((d) => d.id === deviceSelect.value)?.description ?? '';
  };
  deviceSelect.addEventListener('change', describe);
  describe();
}

// The page carries verify.compact.wasm compressed (vite.config.ts): the portable build compiled for
// size, every browser runs it.
await initFromBytes(
  await gunzip(
    Uint8Array.from(atob(VERIFY_WASM_GZIP_BASE64), (c) => c.charCodeAt(0)),
    VERIFY_WASM_BYTES,
    'verify.compact.wasm',
  ),
  'portable',
);
fillChoices();
const pickedKind = () => readAs.value as InputKind | 'auto';
for (const kind of ['chain', 'roots', 'log'] as const)
  dropZone($(`${kind}-drop`), $(`${kind}-drop`), () => kind);
dropZone($('any-drop'), $('any-drop'), pickedKind);
dropZone(document, $('any-drop'), pickedKind);
anyText.addEventListener('paste', (event) => {
  const text = event.clipboardData?.getData('text/plain') ?? '';
  if (!text) return;
  event.preventDefault();
  route([{ bytes: new TextEncoder().encode(text), name: 'the pasted text' }], pickedKind(), event.timeStamp);
});
$('any-read').addEventListener('click', (event) => {
  route(
    [{ bytes: new TextEncoder().encode(anyText.value), name: 'the pasted text' }],
    pickedKind(),
    event.timeStamp,
  );
  anyText.value = '';
});
const anyFile = $<HTMLInputElement>('any-file');
anyFile.addEventListener('change', (event) => {
  routeFiles([...(anyFile.files ?? [])], pickedKind(), event.timeStamp);
  anyFile.value = '';
});
reroute.addEventListener('change', (event) => {
  const last = state.last;
  if (!last) return;
  for (const kind of last.kinds) clearKind(kind);
  renderChain();
  renderLog();
  renderReadiness();
  route(last.sources, reroute.value as InputKind, event.timeStamp);
});
chainText.addEventListener('input', () => renderChain());
rootsText.addEventListener('input', () => {
  delete state.roots;
  renderChain();
  later('readiness', () => renderReadiness());
});
logText.addEventListener('input', () => {
  delete state.log;
  state.logName = 'the pasted log';
  later('log', () => renderLog());
});
host.addEventListener('input', () => renderChain());
for (const input of [atInput, horizonInput])
  input.addEventListener('input', () => {
    renderChain();
    scheduleReadiness();
  });
for (const input of [familiesBox, deviceSelect, sinceInput])
  input.addEventListener('change', () => scheduleReadiness());
// Printing shows the collapsed details (every interval, the text renderings).
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details')) d.open = true;
});
document.body.dataset.ready = 'true';
renderChain();
