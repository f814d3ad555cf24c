/** One file of an advisory source: its text, or why it could not be read. */
export type OsvSourceItem = { file: string; text: string } | { file: string; error: string };
