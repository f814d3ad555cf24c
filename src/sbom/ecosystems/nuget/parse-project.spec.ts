import { describe, expect, it } from '@jest/globals';
import { ChainwardError } from '../../../common/errors.js';
import type { TextFile } from '../types.js';
import { nuget } from './index.js';
import { parseNuGetProject } from './parse-project.js';

const hash = (byte: number): string => Buffer.alloc(64, byte).toString('base64');

/** Two target frameworks and a runtime graph: Serilog at one version everywhere, System.Text.Json at two. */
const LOCK = JSON.stringify(
  {
    version: 2,
    dependencies: {
      'net6.0': {
        Serilog: { type: 'Direct', requested: '[3.1.1, )', resolved: '3.1.1', contentHash: hash(1), dependencies: { 'system.text.json': '6.0.0' } },
        'System.Text.Json': { type: 'Transitive', resolved: '6.0.0', contentHash: hash(2) },
        'StyleCop.Analyzers': { type: 'Direct', requested: '[1.1.118, )', resolved: '1.1.118', contentHash: hash(3) },
      },
      'net8.0': {
        Serilog: { type: 'Direct', requested: '[3.1.1, )', resolved: '3.1.1', contentHash: hash(1), dependencies: { 'System.Text.Json': '8.0.0' } },
        'System.Text.Json': { type: 'CentralTransitive', requested: '[8.0.4, )', resolved: '8.0.4', contentHash: hash(4) },
        'StyleCop.Analyzers': { type: 'Direct', requested: '[1.1.118, )', resolved: '1.1.118', contentHash: hash(3) },
      },
      'net8.0/linux-x64': {
        Serilog: { type: 'Direct', requested: '[3.1.1, )', resolved: '3.1.1', contentHash: hash(1), dependencies: { 'System.Text.Json': '8.0.0' } },
        'System.Text.Json': { type: 'CentralTransitive', requested: '[8.0.4, )', resolved: '8.0.4', contentHash: hash(4) },
        'runtime.linux-x64.Native.Acme': { type: 'Transitive', resolved: '1.0.0', contentHash: 'not base64!' },
      },
    },
  },
  null,
  2,
);

const PROJECT = `\uFEFF<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFrameworks>net6.0;net8.0</TargetFrameworks>
    <PackageId>Acme.Logging</PackageId>
    <Version>$(AcmeVersion)</Version>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Serilog" />
    <PackageReference Include="StyleCop.Analyzers">
      <PrivateAssets>all</PrivateAssets>
    </PackageReference>
  </ItemGroup>
</Project>`;

const PACKAGES_PROPS = `<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Serilog" Version="3.1.1" />
    <PackageVersion Include="StyleCop.Analyzers" Version="1.1.118" />
    <PackageVersion Include="Newtonsoft.Json" Version="$(JsonVersion)" />
    <GlobalPackageReference Include="MinVer" Version="5.0.0" />
  </ItemGroup>
</Project>`;

const BUILD_PROPS = `<Project><PropertyGroup><AcmeVersion>2.4.0</AcmeVersion><JsonVersion>13.0.3</JsonVersion></PropertyGroup></Project>`;

const file = (path: string, text: string): TextFile => ({ path, text });

describe('packages.lock.json', () => {
  const graph = parseNuGetProject({
    lockfile: file('src/Logging/packages.lock.json', LOCK),
    manifests: [file('src/Logging/Logging.csproj', PROJECT), file('Directory.Packages.props', PACKAGES_PROPS), file('Directory.Build.props', BUILD_PROPS)],
  });

  it('makes one component per id and version across target frameworks, listing the frameworks', () => {
    expect([...graph.components.keys()]).toEqual([
      'pkg:nuget/Acme.Logging@2.4.0',
      'pkg:nuget/Serilog@3.1.1',
      'pkg:nuget/StyleCop.Analyzers@1.1.118',
      'pkg:nuget/System.Text.Json@6.0.0',
      'pkg:nuget/System.Text.Json@8.0.4',
      'pkg:nuget/runtime.linux-x64.Native.Acme@1.0.0',
    ]);
    expect(graph.components.get('pkg:nuget/Serilog@3.1.1')?.properties).toEqual({
      'chainward:nuget:requested': '[3.1.1, )',
      'chainward:nuget:target-frameworks': 'net6.0,net8.0,net8.0/linux-x64',
      'chainward:nuget:dependency-type': 'Direct',
    });
    expect(graph.components.get('pkg:nuget/System.Text.Json@8.0.4')?.properties['chainward:nuget:dependency-type']).toBe('CentralTransitive');
    expect(graph.components.get('pkg:nuget/Serilog@3.1.1')?.hashes).toEqual([{ alg: 'SHA-512', content: '01'.repeat(64) }]);
  });

  it('resolves each dependency in its own framework, whatever the case of the id', () => {
    expect(graph.edges.get('pkg:nuget/Serilog@3.1.1')).toEqual(new Set(['pkg:nuget/System.Text.Json@6.0.0', 'pkg:nuget/System.Text.Json@8.0.4']));
  });

  it('names the root from the project file (properties expanded from Directory.Build.props) and marks PrivateAssets="all" references development-only', () => {
    expect(graph.components.get('pkg:nuget/Acme.Logging@2.4.0')).toMatchObject({
      type: 'application',
      sourceFile: 'src/Logging/Logging.csproj',
      properties: { 'chainward:nuget:target-frameworks': 'net6.0,net8.0' },
    });
    expect(graph.components.get('pkg:nuget/StyleCop.Analyzers@1.1.118')).toMatchObject({ direct: true, development: true, scope: 'optional' });
    expect(graph.components.get('pkg:nuget/Serilog@3.1.1')).toMatchObject({ direct: true, development: false, scope: 'required' });
    expect(graph.sources).toEqual(['src/Logging/packages.lock.json', 'src/Logging/Logging.csproj', 'Directory.Build.props', 'Directory.Packages.props']);
  });

  it('warns about a content hash that is not a SHA-512 digest instead of recording it', () => {
    expect(graph.warnings.map((w) => w.message)).toEqual(['runtime.linux-x64.Native.Acme 1.0.0: contentHash is not a base64 SHA-512 digest; not recorded']);
    expect(graph.components.get('pkg:nuget/runtime.linux-x64.Native.Acme@1.0.0')?.hashes).toEqual([]);
  });

  it('reads a lockfile written with a UTF-8 byte-order mark', () => {
    const withBom = parseNuGetProject({ lockfile: file('packages.lock.json', `\uFEFF${LOCK}`), manifests: [] });
    expect(withBom.components.size).toBe(6);
  });

  it('refuses a lockfile version it does not know, at the version key', () => {
    const text = LOCK.replace('"version": 2', '"version": 3');
    let error: unknown;
    try {
      parseNuGetProject({ lockfile: file('packages.lock.json', text), manifests: [] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ChainwardError);
    expect((error as ChainwardError).code).toBe('SBOM_UNSUPPORTED_LOCKFILE_VERSION');
    expect((error as ChainwardError).describe()).toBe('packages.lock.json:2:3: packages.lock.json has version 3; supported versions are 1 and 2');
  });

  it('names line and column of a truncated lockfile', () => {
    const cut = LOCK.slice(0, 250);
    const lines = cut.split('\n');
    expect(() => parseNuGetProject({ lockfile: file('packages.lock.json', cut), manifests: [] })).toThrow(
      expect.objectContaining({ category: 'bad-input', location: { file: 'packages.lock.json', line: lines.length, column: (lines[lines.length - 1] as string).length + 1 } }),
    );
  });
});

describe('project files without a lockfile', () => {
  it('reads PackageReference items as declared components, versions from Central Package Management', () => {
    const graph = parseNuGetProject({
      lockfile: file('src/Logging/Logging.csproj', PROJECT.replace('<PackageReference Include="Serilog" />', '<PackageReference Include="Serilog" /><PackageReference Include="Newtonsoft.Json;Polly" VersionOverride="[8.*, 9.0)" />')),
      manifests: [file('Directory.Packages.props', PACKAGES_PROPS), file('Directory.Build.props', BUILD_PROPS)],
    });
    expect([...graph.components.keys()]).toEqual([
      'pkg:nuget/Acme.Logging@2.4.0',
      'pkg:nuget/MinVer@5.0.0',
      'pkg:nuget/Newtonsoft.Json',
      'pkg:nuget/Polly',
      'pkg:nuget/Serilog@3.1.1',
      'pkg:nuget/StyleCop.Analyzers@1.1.118',
    ]);
    expect(graph.components.get('pkg:nuget/Serilog@3.1.1')).toMatchObject({ version: '3.1.1', direct: true, development: false, properties: { 'chainward:declared-only': 'true', 'chainward:version-constraint': '3.1.1' } });
    // A floating range pins nothing: no version, marked unpinned, the range kept.
    expect(graph.components.get('pkg:nuget/Polly')).toMatchObject({
      version: '',
      properties: { 'chainward:declared-only': 'true', 'chainward:unpinned': 'true', 'chainward:version-constraint': '[8.*, 9.0)' },
    });
    // A GlobalPackageReference is private to the build by default.
    expect(graph.components.get('pkg:nuget/MinVer@5.0.0')).toMatchObject({ development: true, sourceFile: 'Directory.Packages.props' });
    expect(graph.components.get('pkg:nuget/StyleCop.Analyzers@1.1.118')).toMatchObject({ development: true });
  });

  it('gives a reference no version when neither it nor Directory.Packages.props has one, with a warning', () => {
    const graph = parseNuGetProject({ lockfile: file('App.csproj', PROJECT), manifests: [] });
    expect(graph.components.get('pkg:nuget/Serilog')).toMatchObject({ version: '', properties: { 'chainward:declared-only': 'true' } });
    expect(graph.warnings.map((w) => w.message)).toContain('App.csproj: Serilog has no version (not in Directory.Packages.props, or set by the SDK)');
    // $(AcmeVersion) is not defined without Directory.Build.props: the root has no version rather than a guessed one.
    expect(graph.roots).toEqual(['pkg:nuget/Acme.Logging']);
  });

  it('steps aside for a packages.<project>.lock.json beside it', () => {
    const graph = parseNuGetProject({ lockfile: file('App.csproj', PROJECT), manifests: [file('packages.App.lock.json', LOCK)] });
    expect(graph.components.size).toBe(0);
  });

  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "aaaa">]>\n<Project />', 2, 1, 'DOCTYPE declarations are not allowed'],
    ['an unclosed element', '<Project>\n  <ItemGroup>\n</Project>', 3, 1, 'malformed XML'],
    ['another root element', '<Solution />', 1, 1, 'the root element is not <Project>'],
  ])('refuses a project file with %s, naming line and column', (_case, text, line, column, message) => {
    let error: unknown;
    try {
      parseNuGetProject({ lockfile: file('App.csproj', text), manifests: [] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ChainwardError);
    expect((error as ChainwardError).location).toEqual({ file: 'App.csproj', line, column });
    expect((error as ChainwardError).message).toContain(message);
  });
});

describe('MSBuild limits', () => {
  it('refuses nesting deeper than 64 elements as bad input', () => {
    const deep = `<Project>${'<ItemGroup>'.repeat(80)}${'</ItemGroup>'.repeat(80)}</Project>`;
    expect(() => parseNuGetProject({ lockfile: file('Deep.csproj', deep), manifests: [] })).toThrow(
      expect.objectContaining({ category: 'bad-input', code: 'SBOM_MALFORMED_FILE', location: { file: 'Deep.csproj' } }),
    );
  });
});

describe('nuget ecosystem', () => {
  it('claims project files and project-specific lockfiles by pattern', () => {
    expect(['App.csproj', 'Lib.fsproj', 'Old.vbproj', 'packages.App.lock.json', 'App.sln', 'packages.json'].map((name) => nuget.matches?.(name, name))).toEqual([true, true, true, true, false, false]);
  });

  it('plans the project files beside a lockfile and the nearest Directory.*.props above it', () => {
    const discovered = ['Directory.Build.props', 'src/Directory.Build.props', 'Directory.Packages.props', 'src/App/App.csproj', 'src/App/packages.lock.json', 'src/App/Tests/Tests.csproj'];
    expect(nuget.plan('src/App/packages.lock.json', discovered)).toEqual({
      lockfile: 'src/App/packages.lock.json',
      manifests: ['src/App/App.csproj', 'src/Directory.Build.props', 'Directory.Packages.props'],
    });
    expect(nuget.plan('src/App/Tests/Tests.csproj', [...discovered, 'src/App/Tests/packages.Tests.lock.json'])).toEqual({
      lockfile: 'src/App/Tests/Tests.csproj',
      manifests: ['src/App/Tests/packages.Tests.lock.json', 'src/Directory.Build.props', 'Directory.Packages.props'],
    });
  });
});
