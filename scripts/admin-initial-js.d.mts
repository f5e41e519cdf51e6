export declare const ADMIN_INITIAL_JS_BUDGET: number;
export declare const ADMIN_DIST: string;
export declare function measureAdminInitialJs(distDir?: string): {
  files: { file: string; bytes: number; gzip: number }[];
  bytes: number;
  gzip: number;
  budget: number;
};
