export const BENCH_SIZE: number;
export function benchInputs(size?: number): { console: string; dense: string; colour: string };
