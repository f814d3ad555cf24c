import type { Ecosystem } from '../types.js';
import { isRequirementsFile, PIPFILE_LOCK, planPythonProject, POETRY_LOCK, PYPROJECT, UV_LOCK } from './plan.js';

/**
 * PyPI: poetry.lock, uv.lock, Pipfile.lock, pip requirements files, and a
 * pyproject.toml without a lockfile beside it. The parsers and their
 * libraries load only when such a file is found.
 */
export const pypi: Ecosystem = {
  id: 'pypi',
  lockfileNames: [POETRY_LOCK, UV_LOCK, PIPFILE_LOCK, PYPROJECT],
  // A lockfile wins over another in the same directory, and over the pyproject.toml it was made from.
  precedence: [POETRY_LOCK, UV_LOCK, PIPFILE_LOCK, PYPROJECT],
  matches: isRequirementsFile,
  lockfilePatterns: ['requirements*.txt', '*-requirements.txt', 'requirements/*.txt'],
  plan: planPythonProject,
  parse: async (files) => (await import('./parse-project.js')).parsePythonProject(files),
};
