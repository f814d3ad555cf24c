/**
 * The NuGet-relevant parts of an MSBuild file (`*.csproj`, `*.fsproj`, `*.vbproj`,
 * `Directory.Packages.props`, `Directory.Build.props`): properties, PackageReference,
 * PackageVersion, GlobalPackageReference and ProjectReference items.
 *
 * Parsed with fast-xml-parser. A DOCTYPE (and with it any entity declaration) is
 * refused before parsing: MSBuild files never need one, and entity expansion is
 * the classic way to make an XML reader blow up.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ChainwardError, lineAndColumnAt } from '../../../common/errors.js';
import type { TextFile } from '../types.js';

export interface MsBuildItem {
  /** `Include` (or, for a reference updated elsewhere, nothing: `Update` items are not declarations). */
  include: string;
  /** Attributes and child elements by name, child elements overriding nothing already set. */
  metadata: Map<string, string>;
  /** The item's or its ItemGroup's `Condition`, when there is one. */
  condition?: string;
}

export interface MsBuildFile {
  path: string;
  /** Unconditional and conditional properties alike, the last definition winning, as MSBuild's evaluation would for unconditional ones. */
  properties: Map<string, string>;
  packageReferences: MsBuildItem[];
  packageVersions: MsBuildItem[];
  globalPackageReferences: MsBuildItem[];
  projectReferences: MsBuildItem[];
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  attributesGroupName: '@',
  // Every element as an array: items and groups repeat, and one shape is simpler to walk.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  maxNestedTags: 64,
});

const ITEM_KINDS = {
  PackageReference: 'packageReferences',
  PackageVersion: 'packageVersions',
  GlobalPackageReference: 'globalPackageReferences',
  ProjectReference: 'projectReferences',
} as const;

export function readMsBuildFile(file: TextFile): MsBuildFile {
  const text = file.text.replace(/^\uFEFF/, '');
  const declaration = /<!(DOCTYPE|ENTITY)\b/i.exec(text);
  if (declaration) fail(file, text, declaration.index, `${declaration[1]?.toUpperCase()} declarations are not allowed in an MSBuild file`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `malformed XML: ${valid.err.msg}`,
      location: { file: file.path, line: valid.err.line, column: valid.err.col },
    });
  }
  let document: XmlNode;
  try {
    document = parser.parse(text) as XmlNode;
  } catch (error) {
    // The validator accepted it: what is left is the parser's own limits (nesting depth).
    throw new ChainwardError({
      code: 'SBOM_MALFORMED_FILE',
      category: 'bad-input',
      message: `unreadable MSBuild file: ${(error as Error).message}`,
      location: { file: file.path },
      cause: error,
    });
  }
  const project = children(document, 'Project')[0];
  if (!project) fail(file, text, 0, 'not an MSBuild file: the root element is not <Project>');
  const result: MsBuildFile = { path: file.path, properties: new Map(), packageReferences: [], packageVersions: [], globalPackageReferences: [], projectReferences: [] };
  for (const group of children(project, 'PropertyGroup')) {
    for (const [name, values] of Object.entries(group)) {
      if (name === '@' || !Array.isArray(values)) continue;
      for (const value of values) result.properties.set(name, textOf(value));
    }
  }
  for (const group of children(project, 'ItemGroup')) {
    const groupCondition = attributes(group).Condition;
    for (const [element, list] of Object.entries(ITEM_KINDS)) {
      for (const node of children(group, element)) {
        const attrs = attributes(node);
        if (attrs.Include === undefined) continue;
        const metadata = new Map<string, string>();
        for (const [name, value] of Object.entries(attrs)) if (name !== 'Include' && name !== 'Condition') metadata.set(name, value);
        for (const [name, values] of Object.entries(node)) {
          if (name === '@' || !Array.isArray(values) || metadata.has(name)) continue;
          metadata.set(name, textOf(values[values.length - 1]));
        }
        const condition = [groupCondition, attrs.Condition].filter((c): c is string => c !== undefined && c.trim() !== '').join(' and ');
        // `Include="A;B"` declares two items, as MSBuild splits item specs on semicolons.
        for (const include of attrs.Include.split(';').map((part) => part.trim()).filter((part) => part !== '')) {
          result[list].push({ include, metadata, ...(condition ? { condition } : {}) });
        }
      }
    }
  }
  return result;
}

function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[name];
  return Array.isArray(value) ? value.filter((child): child is XmlNode => !!child && typeof child === 'object') : [];
}

function attributes(node: XmlNode): Record<string, string> {
  const value = node['@'];
  return value && typeof value === 'object' ? (value as Record<string, string>) : {};
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as XmlNode)['#text'] === 'string') return (value as XmlNode)['#text'] as string;
  return '';
}

function fail(file: TextFile, text: string, offset: number, message: string): never {
  // Offsets are in the text without its byte-order mark, which is not a column anyone counts.
  throw new ChainwardError({ code: 'SBOM_MALFORMED_FILE', category: 'bad-input', message, location: { file: file.path, ...lineAndColumnAt(text, offset) } });
}

/**
 * Replaces `$(Name)` with the property's value. Returns undefined when a
 * property it names is not defined (the value depends on something only a
 * full MSBuild evaluation knows: SDK defaults, the command line, targets).
 */
export function expandProperties(value: string, properties: ReadonlyMap<string, string>, depth = 0): string | undefined {
  if (!value.includes('$(')) return value;
  if (depth > 8) return undefined;
  let unresolved = false;
  const expanded = value.replace(/\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (_all, name: string) => {
    const found = lookup(properties, name);
    if (found === undefined) {
      unresolved = true;
      return '';
    }
    return found;
  });
  if (unresolved) return undefined;
  return expanded.includes('$(') ? expandProperties(expanded, properties, depth + 1) : expanded;
}

/** MSBuild property names are case-insensitive. */
function lookup(properties: ReadonlyMap<string, string>, name: string): string | undefined {
  const exact = properties.get(name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const [key, value] of properties) if (key.toLowerCase() === lower) return value;
  return undefined;
}
