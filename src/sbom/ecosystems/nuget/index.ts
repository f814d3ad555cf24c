import type { Ecosystem } from '../types.js';
import { isProjectFile, isProjectLock, planNuGetProject } from './project-files.js';

/**
 * NuGet: packages.lock.json, or a project file's PackageReference items when no
 * lockfile covers the project. The parser loads only when one of them is found.
 */
export const nuget: Ecosystem = {
  id: 'nuget',
  lockfileNames: ['packages.lock.json'],
  matches: (baseName) => isProjectFile(baseName) || isProjectLock(baseName),
  lockfilePatterns: ['packages.<project>.lock.json', '*.csproj', '*.fsproj', '*.vbproj'],
  // A project file beside packages.lock.json is read as that lockfile's manifest, not on its own.
  precedence: ['packages.lock.json'],
  plan: planNuGetProject,
  parse: async (files) => (await import('./parse-project.js')).parseNuGetProject(files),
};
