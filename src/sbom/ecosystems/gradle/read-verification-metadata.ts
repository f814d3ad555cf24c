import { elementOf, elementsOf, isElement, parseXmlFile } from '../../common/parse-xml.js';
import type { HashAlgorithm, HashFact } from '../../model/graph.js';
import type { TextFile } from '../types.js';

const ALGORITHMS: ReadonlyArray<readonly [element: string, alg: HashAlgorithm, hexLength: number]> = [
  ['sha512', 'SHA-512', 128],
  ['sha256', 'SHA-256', 64],
  ['sha1', 'SHA-1', 40],
  ['md5', 'MD5', 32],
];

/** The artifact a component's hashes describe: the jar (or Android aar) without classifier. */
const MAIN_ARTIFACT_EXTENSIONS = ['jar', 'aar'];

/**
 * Reads Gradle's dependency verification metadata
 * (`gradle/verification-metadata.xml`) for the checksums of each module's
 * main artifact, keyed `group:name:version`. The file is not a list of what
 * the build uses (it keeps every artifact ever verified: other versions,
 * sources, POMs), so it only adds hashes to components found elsewhere.
 */
export function readVerificationHashes(file: TextFile): Map<string, HashFact[]> {
  const xml = parseXmlFile(file, { what: 'Gradle verification metadata', arrays: new Set(['component', 'artifact']), attributes: true });
  const hashes = new Map<string, HashFact[]>();
  for (const component of elementsOf(elementOf(xml.root, 'components'), 'component')) {
    const group = attribute(component, 'group');
    const name = attribute(component, 'name');
    const version = attribute(component, 'version');
    if (!group || !name || !version) continue;
    const artifacts = elementsOf(component, 'artifact');
    const main = MAIN_ARTIFACT_EXTENSIONS.map((extension) => artifacts.find((artifact) => attribute(artifact, 'name') === `${name}-${version}.${extension}`)).find(
      (artifact) => artifact !== undefined,
    );
    if (!main) continue;
    const facts: HashFact[] = [];
    for (const [element, alg, hexLength] of ALGORITHMS) {
      const value = attribute(elementOf(main, element), 'value')?.toLowerCase();
      if (value && value.length === hexLength && /^[0-9a-f]+$/.test(value)) facts.push({ alg, content: value });
    }
    if (facts.length > 0) hashes.set(`${group}:${name}:${version}`, facts);
  }
  return hashes;
}

function attribute(element: unknown, name: string): string | undefined {
  if (!isElement(element)) return undefined;
  const value = element[`@_${name}`];
  return typeof value === 'string' ? value : undefined;
}
