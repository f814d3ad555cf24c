import path from 'node:path';
import type { Ecosystem, ProjectPlan } from '../types.js';

const POM = 'pom.xml';

/**
 * Maven: `pom.xml`. Every POM is offered to the scanner, but a reactor is
 * scanned once, from its top POM: the plan gives each POM the POMs in the
 * directories above it (to know whether it is a module and to find parents)
 * and below it (its modules). The parser loads only when a POM is found.
 */
export const maven: Ecosystem = {
  id: 'maven',
  lockfileNames: [POM],

  plan(lockfile: string, discovered: readonly string[]): ProjectPlan {
    const directory = path.posix.dirname(lockfile);
    const manifests = pomFiles(discovered).filter((file) => {
      if (file === lockfile) return false;
      const other = path.posix.dirname(file);
      const isAbove = other === '.' ? directory !== '.' : directory.startsWith(`${other}/`);
      const isBelow = directory === '.' || file.startsWith(`${directory}/`);
      return isAbove || isBelow;
    });
    return { lockfile, manifests };
  },

  parse: async (files) => (await import('./parse-project.js')).parseMavenProject(files),
};

// plan() runs once per POM over the same list: pick the POMs out of it once.
const pomFilesOf = new WeakMap<readonly string[], string[]>();

function pomFiles(discovered: readonly string[]): string[] {
  let poms = pomFilesOf.get(discovered);
  if (!poms) {
    poms = discovered.filter((file) => path.posix.basename(file) === POM);
    pomFilesOf.set(discovered, poms);
  }
  return poms;
}
