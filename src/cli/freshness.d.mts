export type BuildInfo = { builtAt: number; inputs: string[] };
export const ROOT: string;
export const CLI_OUT: string;
export const CLI_CONFIG: string;
export function readBuildInfo(outDir: string): BuildInfo | null;
export function staleInputs(info: BuildInfo, mtimeOf: (input: string) => number | null): string[];
export function staleness(outDir?: string, root?: string): string | null;
export function buildCli(): Promise<void>;
export function freshCliEntry(options?: { outDir?: string; root?: string; rebuild?: () => Promise<void>; say?: (text: string) => void }): Promise<string>;
