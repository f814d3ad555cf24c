/**
 * Maven's version order, as `org.apache.maven.artifact.versioning.ComparableVersion`
 * (maven-artifact 3.9, Apache-2.0) defines it and the POM reference describes it
 * (https://maven.apache.org/pom.html#version-order-specification).
 *
 * Written here because no maintained npm package implements ComparableVersion; the
 * structure follows the Java class item for item so the two can be read side by side:
 * - `.` and `-` separate items, and so does a change between digits and letters;
 *   a `-` (or a letter after `.`) opens a sub-list, which sorts below a number;
 * - qualifiers: alpha (a) < beta (b) < milestone (m) < rc = cr < snapshot
 *   < "" = ga = final = release < sp; other words after them, alphabetically;
 * - `1` = `1.0` = `1.0.0` (trailing zero items are dropped), `1-1` < `1.1`;
 * - case-insensitive; a letter run followed by digits (`rc1`, `alpha-1`) is one item.
 * Digits are ASCII digits (Java's `Character.isDigit` also accepts other scripts).
 */

type Item = IntItem | StringItem | CombinationItem | ListItem;

interface IntItem {
  kind: 'int';
  value: bigint;
}

interface StringItem {
  kind: 'string';
  value: string;
}

interface CombinationItem {
  kind: 'combination';
  text: StringItem;
  digits: IntItem;
}

interface ListItem {
  kind: 'list';
  items: Item[];
}

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_QUALIFIERS = new Set(['ga', 'final', 'release']);
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));

const isDigit = (c: string): boolean => c >= '0' && c <= '9';

function intItem(digits: string): IntItem {
  return { kind: 'int', value: BigInt(digits === '' ? '0' : digits) };
}

function stringItem(value: string, followedByDigit: boolean): StringItem {
  let text = value;
  if (followedByDigit && text.length === 1) {
    // a1 = alpha-1, b1 = beta-1, m1 = milestone-1
    text = text === 'a' ? 'alpha' : text === 'b' ? 'beta' : text === 'm' ? 'milestone' : text;
  }
  return { kind: 'string', value: text === 'cr' ? 'rc' : text };
}

function combinationItem(value: string): CombinationItem {
  let index = 0;
  for (let i = 0; i < value.length; i++) {
    if (isDigit(value[i] as string)) {
      index = i;
      break;
    }
  }
  return { kind: 'combination', text: stringItem(value.slice(0, index), true), digits: intItem(value.slice(index)) };
}

function parseItem(isCombination: boolean, digits: boolean, text: string): Item {
  if (isCombination) return combinationItem(text.replace(/-/g, ''));
  if (digits) return intItem(text);
  return stringItem(text, false);
}

function comparableQualifier(qualifier: string): string {
  if (RELEASE_QUALIFIERS.has(qualifier)) return RELEASE_INDEX;
  const index = QUALIFIERS.indexOf(qualifier);
  return index === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(index);
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'int':
      return item.value === 0n;
    case 'string':
      return item.value === '';
    case 'combination':
      return false;
    case 'list':
      return item.items.length === 0;
  }
}

/** `item` compared with `other`; `undefined` stands for a missing item (the shorter version's padding). */
function compareItem(item: Item, other: Item | undefined): number {
  switch (item.kind) {
    case 'int':
      if (!other) return item.value === 0n ? 0 : 1; // 1.0 == 1, 1.1 > 1
      if (other.kind === 'int') return item.value < other.value ? -1 : item.value > other.value ? 1 : 0;
      return 1; // 1.1 > 1-sp, 1.1 > 1-1
    case 'string':
      if (!other) return compareStrings(comparableQualifier(item.value), RELEASE_INDEX); // 1-rc < 1, 1-sp > 1
      if (other.kind === 'int' || other.kind === 'list') return -1;
      if (other.kind === 'string') return compareStrings(comparableQualifier(item.value), comparableQualifier(other.value));
      return compareItem(item, other.text) || -1; // X < X1
    case 'combination': {
      if (!other) return compareItem(item.text, undefined);
      if (other.kind === 'int' || other.kind === 'list') return -1;
      if (other.kind === 'string') return compareItem(item.text, other) || 1; // X1 > X
      return compareItem(item.text, other.text) || compareItem(item.digits, other.digits);
    }
    case 'list':
      if (!other) {
        for (const child of item.items) {
          const result = compareItem(child, undefined);
          if (result !== 0) return result;
        }
        return 0;
      }
      if (other.kind === 'int') return -1; // 1-1 < 1.0.x
      if (other.kind === 'string' || other.kind === 'combination') return 1; // 1-1 > 1-sp
      for (let i = 0; i < Math.max(item.items.length, other.items.length); i++) {
        const left = item.items[i];
        const right = other.items[i];
        const result = left ? compareItem(left, right) : right ? -compareItem(right, undefined) : 0;
        if (result !== 0) return result;
      }
      return 0;
  }
}

/** Drops null items that carry no meaning, as ListItem.normalize does. */
function normalize(list: ListItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i] as Item;
    if (!isNull(item)) continue;
    const next = items[i + 1];
    if (i === items.length - 1 || next?.kind === 'string') {
      items.splice(i, 1);
    } else if (next?.kind === 'list') {
      const first = next.items[0];
      if (first?.kind === 'combination' || first?.kind === 'string') items.splice(i, 1);
    }
  }
}

export function parseMavenVersion(version: string): ListItem {
  const root: ListItem = { kind: 'list', items: [] };
  const text = version.toLowerCase();
  let list = root;
  const stack: ListItem[] = [root];
  const openList = (): void => {
    const child: ListItem = { kind: 'list', items: [] };
    list.items.push(child);
    list = child;
    stack.push(child);
  };

  let digits = false;
  let isCombination = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '.') {
      list.items.push(i === start ? intItem('0') : parseItem(isCombination, digits, text.slice(start, i)));
      isCombination = false;
      start = i + 1;
    } else if (c === '-') {
      if (i === start) {
        list.items.push(intItem('0'));
      } else {
        // X-1 is read as X1
        if (!digits && i !== text.length - 1 && isDigit(text[i + 1] as string)) {
          isCombination = true;
          continue;
        }
        list.items.push(parseItem(isCombination, digits, text.slice(start, i)));
      }
      start = i + 1;
      if (list.items.length > 0) openList();
      isCombination = false;
    } else if (isDigit(c)) {
      if (!digits && i > start) {
        // X1
        isCombination = true;
        if (list.items.length > 0) openList();
      }
      digits = true;
    } else {
      if (digits && i > start) {
        list.items.push(parseItem(isCombination, true, text.slice(start, i)));
        start = i;
        openList();
        isCombination = false;
      }
      digits = false;
    }
  }
  if (text.length > start) {
    // 1.0.0.X1 < 1.0.0-X2: a trailing .X is read as -X
    if (!digits && list.items.length > 0) openList();
    list.items.push(parseItem(isCombination, digits, text.slice(start)));
  }
  while (stack.length > 0) normalize(stack.pop() as ListItem);
  return root;
}

export function compareMavenVersions(a: ListItem, b: ListItem): number {
  return compareItem(a, b);
}

/** The canonical form ComparableVersion prints (`1.0-SNAPSHOT` -> `1-snapshot`). */
export function canonicalMavenVersion(item: Item): string {
  switch (item.kind) {
    case 'int':
      return item.value.toString();
    case 'string':
      return item.value;
    case 'combination':
      return `${item.text.value}${item.digits.value.toString()}`;
    case 'list':
      return item.items
        .map((child, index) => `${index === 0 ? '' : child.kind === 'list' ? '-' : '.'}${canonicalMavenVersion(child)}`)
        .join('');
  }
}
