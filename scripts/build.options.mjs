// How esbuild bundles Kiosque's server code, shared by the build (scripts/build.mjs) and by the
// WordPress benchmark, which runs the importer bundled the same way (bench/wordpress.ts).

/** esbuild's options for code that runs on the server, from the project's root folder. */
export function serverBundleOptions(root) {
  return {
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Native and optional modules stay in node_modules (sharp loads its libvips binding from there).
    external: ['better-sqlite3', 'pg-native', 'sharp', '@node-rs/argon2'],
    jsx: 'automatic',
    jsxImportSource: '#jsx',
    minify: true,
    legalComments: 'none',
    // Bundled CommonJS modules call require() and read __dirname; ESM has neither.
    banner: {
      js: [
        "import { createRequire as __kiosqueCreateRequire } from 'node:module';",
        "import { fileURLToPath as __kiosqueFileURLToPath } from 'node:url';",
        "import { dirname as __kiosqueDirname } from 'node:path';",
        'const require = __kiosqueCreateRequire(import.meta.url);',
        'const __filename = __kiosqueFileURLToPath(import.meta.url);',
        'const __dirname = __kiosqueDirname(__filename);',
      ].join('\n'),
    },
    logLevel: 'warning',
  };
}
