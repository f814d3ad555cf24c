import { describe, expect, it } from '@jest/globals';
import { addEdge, emptyGraph, type ComponentNode } from '../model/graph.js';
import { composerRegistry } from './composer.js';
import { mavenRegistry } from './maven.js';
import { npmRegistry } from './npm.js';
import { nugetRegistry } from './nuget.js';
import { applyRegistryFacts, planRegistryLookups } from './plan.js';
import { pypiRegistry } from './pypi.js';
import type { RegistryPackage, RegistrySpec } from './types.js';

/** Response bodies shaped as each registry's documentation describes them, cut to the fields read. */
const read = (spec: RegistrySpec, body: unknown, pkg: RegistryPackage): ReturnType<RegistrySpec['answer']> =>
  spec.answer(spec.reduce(typeof body === 'string' ? body : JSON.stringify(body)), pkg, spec.defaultBaseUrl);

function library(purl: string, overrides: Partial<ComponentNode> = {}): ComponentNode {
  return { ref: purl, ecosystem: 'x', purl, name: 'n', version: '1.0.0', type: 'library', scope: 'required', development: false, direct: false, licenses: [], hashes: [], sourceFile: 'f', properties: {}, ...overrides };
}

describe('registry clients (pure part)', () => {
  it('npm: one packument request per name, scoped names encoded; licence, deprecation and publication time per version', () => {
    expect(npmRegistry.url('https://registry.npmjs.org', { namespace: '@babel', name: 'core', version: '7.0.0' })).toBe('https://registry.npmjs.org/%40babel%2fcore');
    const packument = {
      name: 'request',
      versions: { '2.88.2': { license: 'Apache-2.0', deprecated: 'request has been deprecated, see https://github.com/request/request/issues/3142' }, '2.88.0': { license: 'Apache-2.0', deprecated: '' } },
      time: { '2.88.2': '2020-02-11T16:35:38.286Z' },
    };
    expect(read(npmRegistry, packument, { name: 'request', version: '2.88.2' })).toEqual({
      facts: { licenses: ['Apache-2.0'], deprecated: 'request has been deprecated, see https://github.com/request/request/issues/3142', releaseDate: '2020-02-11T16:35:38.286Z' },
    });
    // An empty `deprecated` is an un-deprecation, not a deprecation.
    expect(read(npmRegistry, packument, { name: 'request', version: '2.88.0' })).toEqual({ facts: { licenses: ['Apache-2.0'] } });
    expect(read(npmRegistry, packument, { name: 'request', version: '9.9.9' })).toEqual({ unknown: true });
  });

  it('PyPI: PEP 639 expression first, then a short licence field, then trove classifiers; never a pasted licence text', () => {
    const release = (info: Record<string, unknown>): unknown => ({ info, urls: [{ upload_time_iso_8601: '2023-05-22T15:12:44.175134Z' }] });
    expect(read(pypiRegistry, release({ license_expression: 'BSD-3-Clause', license: 'BSD' }), { name: 'x', version: '1' })).toEqual({ facts: { licenses: ['BSD-3-Clause'], releaseDate: '2023-05-22T15:12:44.175Z' } });
    expect(read(pypiRegistry, release({ license: 'Copyright (c) 2010 Someone\n\nPermission is hereby granted…', classifiers: ['License :: OSI Approved :: MIT License', 'Programming Language :: Python'] }), { name: 'x', version: '1' })).toEqual({
      facts: { licenses: ['MIT License'], releaseDate: '2023-05-22T15:12:44.175Z' },
    });
  });

  it('Packagist: expands the minified p2 format, joins dual licences with OR, reports abandoned packages', () => {
    const p2 = {
      minified: 'composer/2.0',
      packages: { 'vendor/pkg': [{ name: 'vendor/pkg', version: '2.0.0', license: ['MIT', 'GPL-2.0-only'], time: '2024-01-01T00:00:00+00:00', abandoned: 'other/pkg' }, { version: '1.0.0', time: '2023-01-01T00:00:00+00:00', abandoned: '__unset' }] },
    };
    expect(composerRegistry.url('https://repo.packagist.org', { namespace: 'vendor', name: 'pkg', version: '1.0.0' })).toBe('https://repo.packagist.org/p2/vendor/pkg.json');
    expect(read(composerRegistry, p2, { namespace: 'vendor', name: 'pkg', version: '2.0.0' })).toEqual({ facts: { licenses: ['(MIT OR GPL-2.0-only)'], releaseDate: '2024-01-01T00:00:00.000Z', deprecated: 'abandoned; use other/pkg instead' } });
    // 1.0.0 inherits the licence from the entry before it, and no longer the abandonment.
    expect(read(composerRegistry, p2, { namespace: 'vendor', name: 'pkg', version: 'v1.0.0' })).toEqual({ facts: { licenses: ['(MIT OR GPL-2.0-only)'], releaseDate: '2023-01-01T00:00:00.000Z' } });
  });

  it('NuGet: reads inlined catalog entries, and asks for an index page that is not inlined', () => {
    const leaf = { catalogEntry: { version: '13.0.1', licenseExpression: 'MIT', published: '2021-03-22T19:43:23.037+00:00', deprecation: { reasons: ['Legacy'], message: 'Use 13.0.3' } } };
    expect(read(nugetRegistry, { items: [{ '@id': 'https://api.nuget.org/p1', lower: '1.0.0', upper: '13.0.1', items: [leaf] }] }, { name: 'Newtonsoft.Json', version: '13.0.1' })).toEqual({
      facts: { licenses: ['MIT'], releaseDate: '2021-03-22T19:43:23.037Z', deprecated: 'Use 13.0.3' },
    });
    expect(read(nugetRegistry, { items: [{ '@id': 'https://api.nuget.org/p1', lower: '1.0.0', upper: '9.0.0' }, { '@id': 'https://api.nuget.org/p2', lower: '10.0.0', upper: '13.0.3' }] }, { name: 'Newtonsoft.Json', version: '13.0.1' })).toEqual({
      next: 'https://api.nuget.org/p2',
    });
    expect(nugetRegistry.url('https://api.nuget.org', { name: 'Newtonsoft.Json', version: '13.0.1' })).toBe('https://api.nuget.org/v3/registration5-gz-semver2/newtonsoft.json/index.json');
  });

  it('Maven Central: licences from the POM, else the parent POM next; several licences are a choice', () => {
    const pom = (body: string): string => `<?xml version="1.0"?><project xmlns="http://maven.apache.org/POM/4.0.0">${body}</project>`;
    expect(mavenRegistry.url('https://repo1.maven.org/maven2', { namespace: 'com.google.code.gson', name: 'gson', version: '2.10.1' })).toBe('https://repo1.maven.org/maven2/com/google/code/gson/gson/2.10.1/gson-2.10.1.pom');
    expect(read(mavenRegistry, pom('<licenses><license><name>Apache-2.0</name></license><license><name>MIT</name></license></licenses>'), { name: 'a', version: '1' })).toEqual({ facts: { licenses: ['Apache-2.0 OR MIT'] } });
    expect(read(mavenRegistry, pom('<parent><groupId>com.google.code.gson</groupId><artifactId>gson-parent</artifactId><version>2.10.1</version></parent>'), { name: 'gson', version: '2.10.1' })).toEqual({
      next: 'https://repo1.maven.org/maven2/com/google/code/gson/gson-parent/2.10.1/gson-parent-2.10.1.pom',
    });
    expect(() => mavenRegistry.reduce('<!DOCTYPE x [<!ENTITY a "b">]><project/>')).toThrow(/DOCTYPE/);
  });
});

describe('planRegistryLookups and applyRegistryFacts', () => {
  it('asks about every npm library and other libraries only when they have no licence; Go has no registry client', () => {
    const graph = emptyGraph();
    const nodes = [
      library('pkg:npm/a@1.0.0', { licenses: [{ kind: 'expression', expression: 'MIT', source: 'lockfile' }] }),
      library('pkg:cargo/serde@1.0.0'),
      library('pkg:cargo/regex@1.0.0', { licenses: [{ kind: 'expression', expression: 'MIT OR Apache-2.0', source: 'manifest' }] }),
      library('pkg:golang/github.com/x/y@v1.0.0'),
      library('pkg:npm/app@1.0.0', { type: 'application' }),
    ];
    for (const node of nodes) graph.components.set(node.ref, node);
    addEdge(graph, 'pkg:npm/app@1.0.0', 'pkg:npm/a@1.0.0');
    expect(planRegistryLookups(graph).map((l) => `${l.registry.name}:${l.pkg.name}@${l.pkg.version}`)).toEqual(['npm:a@1.0.0', 'cargo:serde@1.0.0']);
  });

  it('fills the licence only where there was none, and always the deprecation and release date', () => {
    const licensed = library('pkg:npm/a@1.0.0', { licenses: [{ kind: 'expression', expression: 'MIT', source: 'lockfile' }] });
    applyRegistryFacts(licensed, { licenses: ['ISC'], deprecated: 'gone', releaseDate: '2020-01-01T00:00:00.000Z' });
    expect(licensed.licenses).toEqual([{ kind: 'expression', expression: 'MIT', source: 'lockfile' }]);
    expect(licensed.properties).toEqual({ 'chainward:deprecated': 'gone', 'chainward:release-date': '2020-01-01T00:00:00.000Z' });
    const bare = library('pkg:cargo/serde@1.0.0');
    applyRegistryFacts(bare, { licenses: ['MIT/Apache-2.0'] });
    expect(bare.licenses).toEqual([{ kind: 'expression', expression: 'MIT OR Apache-2.0', source: 'registry', original: 'MIT/Apache-2.0' }]);
  });
});
