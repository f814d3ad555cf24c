import path from 'node:path';
import type { Ecosystem } from '../types.js';

/** Bundler writes `gems.locked` beside a `gems.rb`, `Gemfile.lock` beside a `Gemfile`. */
const MANIFEST_OF: Record<string, string> = { 'Gemfile.lock': 'Gemfile', 'gems.locked': 'gems.rb' };

/** RubyGems through Bundler. The parser loads only when a Gemfile.lock is found. */
export const rubygems: Ecosystem = {
  id: 'rubygems',
  lockfileNames: ['Gemfile.lock', 'gems.locked'],
  plan: (lockfile, discovered) => {
    const directory = path.posix.dirname(lockfile);
    const manifest = path.posix.join(directory, MANIFEST_OF[path.posix.basename(lockfile)] ?? 'Gemfile');
    return { lockfile, manifests: discovered.includes(manifest) ? [manifest] : [] };
  },
  parse: async (files) => (await import('./parse-project.js')).parseRubyGemsProject(files),
};
