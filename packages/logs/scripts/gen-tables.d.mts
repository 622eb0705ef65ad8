/** Every generated file: name → content, from the headers under `include`. */
export function generate(include?: string): Record<string, string>;
/** The directory the generated files are committed in. */
export const GENERATED_DIR: string;
