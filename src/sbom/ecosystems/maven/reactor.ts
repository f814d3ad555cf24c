import path from 'node:path';
import { pomFileAt, type PomWorkspace } from './pom-workspace.js';

/** Most POMs one reactor may hold. */
const MAX_REACTOR_SIZE = 10_000;

/** Directories of a Maven project that hold test data or build output, never modules. */
const NOT_MODULE_DIRECTORIES = new Set(['src', 'target']);

export type Placement =
  /** Scanned as a project: itself and its modules, recursively. */
  | { kind: 'project' }
  /** A module of a POM in a directory above; scanned with that reactor. */
  | { kind: 'module'; of: string }
  /** Inside another project's `src/` or `target/` (integration-test projects, archetype templates, build output). */
  | { kind: 'ignored'; reason: string };

/**
 * Decides who scans a POM, so that each is scanned once: a POM listed in the
 * `<modules>` of a POM in a directory above it is left to that reactor; one
 * inside another POM's `src/` or `target/` is not a project at all. Every
 * other POM is the top of a reactor. Only POMs above it are read.
 */
export function placePom(workspace: PomWorkspace, file: string): Placement {
  for (const ancestor of ancestorPoms(file)) {
    if (!workspace.has(ancestor)) continue;
    const base = path.posix.dirname(ancestor);
    const inside = base === '.' ? file : file.slice(base.length + 1);
    const [firstDirectory] = inside.split('/');
    if (firstDirectory && NOT_MODULE_DIRECTORIES.has(firstDirectory) && inside.includes('/')) {
      return { kind: 'ignored', reason: `inside ${firstDirectory}/ of the project ${ancestor} (test data or build output), not scanned as a project` };
    }
    if (modulePoms(workspace, ancestor).includes(file)) return { kind: 'module', of: ancestor };
  }
  return { kind: 'project' };
}

/**
 * The reactor of a top POM: itself and its `<modules>`, recursively, in
 * breadth-first order. A module outside the top POM's directory is scanned on
 * its own; one that should be inside but has no pom.xml is a warning.
 */
export function collectReactor(workspace: PomWorkspace, top: string): string[] {
  const base = path.posix.dirname(top);
  const inTree = (file: string): boolean => base === '.' || file.startsWith(`${base}/`);
  const reactor = [top];
  const seen = new Set(reactor);
  for (let next = 0; next < reactor.length && reactor.length < MAX_REACTOR_SIZE; next++) {
    const aggregator = reactor[next] as string;
    for (const module of modulePoms(workspace, aggregator)) {
      if (seen.has(module)) continue;
      seen.add(module);
      if (workspace.has(module)) reactor.push(module);
      else if (inTree(module)) workspace.warn(aggregator, `module ${module} is listed but the file is not in the repository; left out`);
    }
  }
  return reactor;
}

/** The POM files a POM lists as `<modules>`, as repository paths. */
export function modulePoms(workspace: PomWorkspace, file: string): string[] {
  const directory = path.posix.dirname(file);
  return workspace
    .pom(file)
    .modules.map((module) => pomFileAt(directory, module))
    .filter((module): module is string => module !== undefined && module !== file);
}

/** `pom.xml` paths of every directory above the file's, nearest first. */
export function ancestorPoms(file: string): string[] {
  const result: string[] = [];
  let directory = path.posix.dirname(file);
  while (directory !== '.' && directory !== '') {
    directory = path.posix.dirname(directory);
    result.push(directory === '.' ? 'pom.xml' : `${directory}/pom.xml`);
  }
  return result;
}
