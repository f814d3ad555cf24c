import type { DependencyGraph } from '../model/graph.js';

/** A text file of the scanned repository, with its path relative to the scanned directory (POSIX separators). */
export interface TextFile {
  path: string;
  text: string;
}

/** What one parser run needs: a lockfile and the manifests the ecosystem asked for. */
export interface ProjectFiles {
  lockfile: TextFile;
  /** The files named by `Ecosystem.plan`, those that exist. */
  manifests: TextFile[];
}

export interface ProjectPlan {
  lockfile: string;
  /** Other files the parser wants (manifests, workspace definitions), relative paths. */
  manifests: string[];
  /** A manifest that must exist: without it the lockfile is reported as bad input. */
  requiredManifest?: string;
}

/**
 * One ecosystem (one folder under `ecosystems/`). Its functions are pure:
 * the scanner does the file reading around them.
 */
export interface Ecosystem {
  /** Stable id, also the folder name: `npm`, `yarn`, `pnpm`, ... */
  id: string;
  /** Lockfile base names this ecosystem reads, e.g. `package-lock.json`. */
  lockfileNames: readonly string[];
  /**
   * For file names no fixed list can hold (`requirements-dev.txt`, `App.csproj`): true when the
   * base name is one of this ecosystem's primary files. `path` (relative, POSIX) is given for the
   * formats whose files are known by their directory too (`gradle/dependency-locks/*.lockfile`).
   * Shown to users as `lockfilePatterns`.
   */
  matches?(baseName: string, path: string): boolean;
  /** How `matches` reads in messages, e.g. `requirements*.txt`. */
  lockfilePatterns?: readonly string[];
  /**
   * When several of these share a directory, the first present is parsed and the others skipped
   * (npm-shrinkwrap.json before package-lock.json). Files not in this list are never skipped by it.
   */
  precedence?: readonly string[];
  /** Which other files a lockfile needs, given every file discovered in the repository. */
  plan(lockfile: string, discovered: readonly string[]): ProjectPlan;
  /**
   * Builds the graph, or throws a `ChainwardError` of category `bad-input` naming file, line and column.
   * May be async so that an ecosystem loads its parser (and the parser's libraries) only when needed.
   */
  parse(files: ProjectFiles): DependencyGraph | Promise<DependencyGraph>;
}
