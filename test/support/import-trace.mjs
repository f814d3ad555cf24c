// Loaded with `node --import`: records every bare package specifier the process loads, through ESM
// `import` (resolution hooks) and through `require` (code that loads a CommonJS package on first use).
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

register('./import-trace-hooks.mjs', import.meta.url);

const trace = process.env.CHAINWARD_IMPORT_TRACE;
if (trace) {
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (!request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:') && !Module.isBuiltin(request)) {
      appendFileSync(trace, `${request}\n`);
    }
    return resolveFilename.call(this, request, ...rest);
  };
}
