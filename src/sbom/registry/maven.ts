import { XMLParser } from 'fast-xml-parser';
import { record, text, type RegistrySpec } from './types.js';

/**
 * The POM on Maven Central (`GET /maven2/<group path>/<artifact>/<version>/<artifact>-<version>.pom`).
 * Licences are often declared only in a parent POM, which is read next (the shell bounds how many).
 * Several licences are a choice: the POM reference says the user "can select any of them".
 * https://maven.apache.org/repository/layout.html
 */
export const mavenRegistry: RegistrySpec = {
  name: 'maven',
  purlType: 'maven',
  defaultBaseUrl: 'https://repo1.maven.org/maven2',
  documentation: 'https://maven.apache.org/repository/layout.html',
  accept: 'application/xml, text/xml',
  url: (base, pkg) => pomUrl(base, pkg.namespace ?? '', pkg.name, pkg.version),
  reduce(body) {
    if (/<!DOCTYPE|<!ENTITY/i.test(body)) throw new Error('POM with a DOCTYPE refused');
    const project = record(record(new XMLParser({ removeNSPrefix: true, parseTagValue: false, processEntities: false, isArray: (name) => name === 'license' }).parse(body)).project);
    const licenses = (Array.isArray(record(project.licenses).license) ? (record(project.licenses).license as unknown[]) : []).map((l) => text(record(l).name)).filter((n): n is string => n !== undefined);
    const parent = record(project.parent);
    return { licenses, parent: text(parent.groupId) && text(parent.artifactId) && text(parent.version) ? { groupId: text(parent.groupId), artifactId: text(parent.artifactId), version: text(parent.version) } : undefined };
  },
  answer(reduced, _pkg, base) {
    const pom = record(reduced);
    const licenses = Array.isArray(pom.licenses) ? (pom.licenses as string[]) : [];
    if (licenses.length > 0) return { facts: { licenses: licenses.length > 1 ? [licenses.join(' OR ')] : licenses } };
    const parent = record(pom.parent);
    if (text(parent.groupId)) return { next: pomUrl(base, parent.groupId as string, parent.artifactId as string, parent.version as string) };
    return { facts: { licenses: [] } };
  },
};

function pomUrl(base: string, groupId: string, artifactId: string, version: string): string {
  const segment = (part: string): string => encodeURIComponent(part);
  return `${base}/${groupId.split('.').map(segment).join('/')}/${segment(artifactId)}/${segment(version)}/${segment(artifactId)}-${segment(version)}.pom`;
}
