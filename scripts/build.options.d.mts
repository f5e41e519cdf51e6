import type { BuildOptions } from 'esbuild';

export declare function serverBundleOptions(root: string): BuildOptions;
