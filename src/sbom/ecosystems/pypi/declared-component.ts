import type { ComponentNode, HashFact } from '../../model/graph.js';
import { pypiPurl, redactUrl } from './names.js';

export interface Declaration {
  name: string;
  /** The resolved version ('' when nothing resolves one). */
  version: string;
  specifier: string;
  extras: string[];
  marker?: string;
  reference?: { kind: 'vcs' | 'url' | 'path'; url: string; immutable?: boolean };
  editable?: boolean;
  hashes?: HashFact[];
  sourceFile: string;
}

/**
 * A component for a dependency that a manifest or requirements file declares
 * rather than a lockfile resolves. Without a version it is marked
 * `chainward:declared-only` (and `chainward:unpinned` when the declaration
 * allows more than one version), and its purl carries no version.
 */
export function declaredComponent(declaration: Declaration): ComponentNode {
  const properties: Record<string, string> = {};
  const reference = declaration.reference;
  let qualifiers: Record<string, string> | undefined;
  if (reference) {
    const url = reference.kind === 'path' ? reference.url : redactUrl(reference.url);
    properties['chainward:pypi:source'] = reference.kind;
    properties['chainward:pypi:source-url'] = url;
    if (reference.kind === 'vcs') qualifiers = { vcs_url: url.split('#')[0] };
    if (reference.kind === 'url') qualifiers = { download_url: url.split('#')[0] };
  }
  if (declaration.version === '') {
    properties['chainward:declared-only'] = 'true';
    // A VCS commit or an archive file names one thing; a range, a branch or a directory does not.
    if (!reference?.immutable) properties['chainward:unpinned'] = 'true';
  }
  if (declaration.specifier !== '' && declaration.version === '') properties['chainward:version-constraint'] = declaration.specifier;
  if (declaration.marker !== undefined) properties['chainward:pypi:marker'] = declaration.marker;
  if (declaration.extras.length > 0) properties['chainward:pypi:extras'] = [...declaration.extras].sort().join(',');
  if (declaration.editable) properties['chainward:pypi:editable'] = 'true';
  const purl = pypiPurl(declaration.name, declaration.version, qualifiers);
  return {
    ref: purl,
    ecosystem: 'pypi',
    purl,
    name: declaration.name,
    version: declaration.version,
    type: 'library',
    scope: 'required',
    development: false,
    direct: false,
    licenses: [],
    hashes: [...(declaration.hashes ?? [])],
    sourceFile: declaration.sourceFile,
    properties,
  };
}
