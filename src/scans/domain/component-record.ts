/** A stored component as the scans domain sees it, free of ORM types. */
export interface ComponentRecord {
  ref: string;
  purl: string;
  ecosystem: string;
  group: string | null;
  name: string;
  version: string;
  type: string;
  scope: string;
  development: boolean;
  direct: boolean;
  licenses: ReadonlyArray<Record<string, string>>;
}
