import type { Explanation } from '../src/explanation.js';

export interface LabelledCase {
  file: string;
  label: string;
  stack: string;
  bytes: Uint8Array;
}
export const SETS: Record<'device-logs' | 'extra-logs', string>;
export function loadCases(dir: string): LabelledCase[];
export function confusion(
  explainLog: (log: Uint8Array) => Explanation,
  cases: LabelledCase[],
): {
  correct: number;
  total: number;
  misses: { file: string; label: string; got: string }[];
  markdown: string;
};
export interface Example {
  stack: string;
  title: string;
  log: string;
  cause: string;
}
export function loadExamples(): Example[];
export function examplesMarkdown(
  explainLog: (log: string) => Explanation,
  renderExplanation: (e: Explanation) => string,
  examples: Example[],
): string;
export function withTable(readme: string, name: string, markdown: string): string;
