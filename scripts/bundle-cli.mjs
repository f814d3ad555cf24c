// Bundles the compiled CLI (dist/cli/main.js) into dist/bundle/: one file per lazily loaded part
// instead of hundreds of modules to resolve and read, which is most of `chainward sbom`'s start-up.
// The server stack (NestJS, TypeORM, pg, PGlite) stays external: it loads only for the commands that need it.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __chainwardCreateRequire } from 'node:module'; const require = __chainwardCreateRequire(import.meta.url);" },
  external: [
    '@nestjs/*',
    'typeorm',
    'pg',
    'pg-boss',
    '@electric-sql/*',
    'reflect-metadata',
    'express',
    // Optional peers the CycloneDX library probes for and does without.
    'libxmljs2',
    'ajv',
    'ajv-formats',
    'ajv-formats-draft2019',
  ],
});
