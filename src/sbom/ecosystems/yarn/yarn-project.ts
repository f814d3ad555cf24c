import { readNodeProject, type NodeProject } from '../../common/node-project.js';
import { parseYamlFile } from '../../common/parse-yaml.js';
import type { ProjectFiles } from '../types.js';

/** The project files, plus the `nodeLinker` of .yarnrc.yml when it sets one. */
export interface YarnProject extends NodeProject {
  nodeLinker?: string;
}

export function readYarnProject(files: ProjectFiles): YarnProject {
  const project: YarnProject = readNodeProject(files, '.yarnrc.yml');
  if (project.config) {
    const { value } = parseYamlFile(project.config, '.yarnrc.yml');
    const linker = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).nodeLinker : undefined;
    if (typeof linker === 'string') project.nodeLinker = linker;
  }
  return project;
}
