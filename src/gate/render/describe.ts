/** Short human forms of evidence and places, shared by the text, Markdown and annotation renderers. */
import type { Evidence } from '../../policy/index.js';
import type { GateLocation, GateViolation, UpgradeFix } from '../gate-report.js';

/** `pkg:npm/%40babel/core@7.1.0?x=y` -> `@babel/core@7.1.0`. */
export function shortPurl(purl: string): string {
  const body = purl.replace(/^pkg:[^/]+\//, '').replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(body);
  } catch {
    return body;
  }
}

export function subjectOf(evidence: Evidence): string {
  if (evidence.kind === 'component') return shortPurl(evidence.purl);
  return evidence.line !== undefined ? `${evidence.file}:${evidence.line}` : evidence.file;
}

/** The chain from the project to the component, when it is not a direct dependency. */
export function pathOf(evidence: Evidence): string | undefined {
  if (evidence.kind !== 'component' || evidence.path.length < 2) return undefined;
  return evidence.path.map(shortPurl).join(' > ');
}

export function placeOf(location: GateLocation): string {
  return `${location.path}:${location.line}`;
}

export function fixText(fix: UpgradeFix): string {
  return `upgrade ${fix.package} ${fix.from} → ${fix.to}`;
}

/** The one-line message of a violation: what and why. */
export function messageOf(violation: Pick<GateViolation, 'evidence' | 'reason'>): string {
  return `${subjectOf(violation.evidence)}: ${violation.reason}`;
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
