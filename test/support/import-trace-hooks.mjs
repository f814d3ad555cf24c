// Module-resolution hooks that record every bare package specifier a process imports, one per line, to
// the file named by CHAINWARD_IMPORT_TRACE. Used to prove that `chainward sbom` never loads the server stack.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  if (process.env.CHAINWARD_IMPORT_TRACE && !specifier.startsWith('.') && !specifier.startsWith('node:') && !specifier.startsWith('file:')) {
    appendFileSync(process.env.CHAINWARD_IMPORT_TRACE, `${specifier}\n`);
  }
  return nextResolve(specifier, context);
}
