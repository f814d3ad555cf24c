import path from 'node:path';
import type { DependencyGraph } from '../../model/graph.js';
import type { ProjectFiles } from '../types.js';
import { parsePipenvProject } from './parse-pipfile-lock.js';
import { parsePoetryProject } from './parse-poetry-lock.js';
import { parsePyprojectProject } from './parse-pyproject.js';
import { parseRequirementsProject } from './parse-requirements.js';
import { parseUvProject } from './parse-uv-lock.js';
import { PIPFILE_LOCK, POETRY_LOCK, PYPROJECT, UV_LOCK } from './plan.js';

/** Parses one Python project, by the kind of its primary file. */
export function parsePythonProject(files: ProjectFiles): DependencyGraph {
  switch (path.posix.basename(files.lockfile.path)) {
    case POETRY_LOCK:
      return parsePoetryProject(files);
    case UV_LOCK:
      return parseUvProject(files);
    case PIPFILE_LOCK:
      return parsePipenvProject(files);
    case PYPROJECT:
      return parsePyprojectProject(files);
    default:
      return parseRequirementsProject(files);
  }
}
