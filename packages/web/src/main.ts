// The hubtrust page: chain + device roots in, verdict + chain diagram + validity timeline out,
// all computed here by verify.wasm and drawn by @hubtrust/report (the renderers of the CLI's
// HTML report). No network: the page fetches nothing after it has loaded.
import {
  buildTimeline,
  isReadable,
  renderCertificateTableHtml,
  renderChainSvg,
  renderTimelineSvg,
  renderVerdictHtml,
  summarizeCertificate,
  summarizeChain,
  yearsAfter,
} from '@hubtrust/report';
import { init, verifyChain } from '@hubtrust/verify';
import { InputError, pemCertificates, readDropped } from './certificates.js';

/** Dropped files larger than this are refused (verify.wasm's input limit is 16 MiB). */
const MAX_DROP_BYTES = 16 * 1024 * 1024;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const chainText = $<HTMLTextAreaElement>('chain-text');
const rootsText = $<HTMLTextAreaElement>('roots-text');
const host = $<HTMLInputElement>('host');
const atInput = $<HTMLInputElement>('at');
const horizonInput = $<HTMLInputElement>('horizon');
const errors = $<HTMLParagraphElement>('errors');
const result = $<HTMLElement>('result');

function dateOf(input: HTMLInputElement, fallback: Date): Date {
  const ms = input.value ? Date.parse(`${input.value}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(ms) ? fallback : new Date(ms);
}

/** Recomputes everything from the inputs. `since` is the drop event's timestamp, when a drop triggered it. */
function render(since?: number): void {
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
  const at = dateOf(atInput, new Date());
  const horizon = dateOf(horizonInput, yearsAfter(at, 5));
  const [leaf, ...rest] = chain;
  if (!leaf) {
    result.innerHTML =
      '<p class="placeholder">The verdict, the chain diagram and the validity timeline appear here.</p>';
    return;
  }
  const bundle = roots.map((der) => summarizeCertificate(der, at)).filter(isReadable);
  if (roots.length === 0) {
    result.innerHTML = `<p class="placeholder">Add the roots the device trusts to get a verdict.</p>${renderCertificateTableHtml(chain.map((d) => summarizeCertificate(d, at)))}`;
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
  if (since !== undefined) document.body.dataset.verdictMs = (performance.now() - since).toFixed(1);
}

async function readFile(file: File): Promise<string> {
  if (file.size > MAX_DROP_BYTES)
    throw new InputError(`${file.name} is ${file.size} bytes; at most 16 MiB are read`);
  const dropped = readDropped(new Uint8Array(await file.arrayBuffer()), file.name);
  if (dropped.problems.length)
    errors.textContent = `${dropped.summary}; not read: ${dropped.problems.join('; ')}`;
  return dropped.text;
}

function dropZone(zone: HTMLElement, target: HTMLTextAreaElement): void {
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    const since = event.timeStamp;
    const files = [...(event.dataTransfer?.files ?? [])];
    Promise.all(files.map(readFile))
      .then((texts) => {
        target.value = texts.join('');
        const notes = errors.textContent;
        render(since);
        if (notes && !errors.textContent) errors.textContent = notes;
      })
      .catch((error: unknown) => {
        errors.textContent = error instanceof Error ? error.message : String(error);
      });
  });
}

await init();
dropZone($('chain-drop'), chainText);
dropZone($('roots-drop'), rootsText);
for (const input of [chainText, rootsText, host, atInput, horizonInput])
  input.addEventListener('input', () => render());
document.body.dataset.ready = 'true';
render();
