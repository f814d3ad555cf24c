import path from 'node:path';
import type { Ecosystem } from '../types.js';

/**
 * Cargo: Cargo.lock (formats v1 to v4) with the Cargo.toml beside it and the manifests of
 * its workspace members, picked at parse time among every Cargo.toml below the lockfile.
 * The parser and smol-toml load only when a Cargo.lock is found.
 */
export const cargo: Ecosystem = {
  id: 'cargo',
  lockfileNames: ['Cargo.lock'],
  plan(lockfile, discovered) {
    const dir = path.posix.dirname(lockfile);
    const prefix = dir === '.' ? '' : `${dir}/`;
    const root = `${prefix}Cargo.toml`;
    const nested = discovered.filter((file) => file !== root && file.startsWith(prefix) && path.posix.basename(file) === 'Cargo.toml');
    return { lockfile, manifests: discovered.includes(root) ? [root, ...nested] : nested };
  },
  parse: async (files) => (await import('./parse-project.js')).parseCargoProject(files),
};
