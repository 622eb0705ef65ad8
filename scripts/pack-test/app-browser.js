// The browser example of the packaging test, bundled by Vite in the fresh project.
import { renderChainSvg, summarizeChain } from '@hubtrust/report';
import { init, pemToDer, verifyChain } from '@hubtrust/verify';

const chain = document.getElementById('chain').textContent;
const roots = document.getElementById('roots').textContent;
await init();
const at = new Date('2026-06-01T00:00:00Z');
// The intermediate stands in for a leaf (any purpose, lenient profile): a real two-link chain.
const result = verifyChain({ leaf: chain, roots, time: at, purpose: 'any', strictProfile: false });
document.getElementById('out').innerHTML = renderChainSvg(
  summarizeChain({ sent: [pemToDer(chain)], result, at }),
);
document.body.dataset.verdict = result.ok ? 'trusted' : result.error.code;
