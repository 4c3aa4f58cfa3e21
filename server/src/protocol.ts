/**
 * The messages of ours that travel between the VS Code client and the server, beside LSP's own.
 * Both sides import them from here, so a rename cannot leave one side behind.
 */

/**
 * The node options a client starts the server with (the VS Code client does; docs/EDITOR.md
 * gives them to other editors). A 2 MB young generation instead of V8's 16 MB: the server's
 * garbage comes in bursts (a parse, a scan of the workspace for links), and the larger space
 * only held more of it; measured on an SSP with 20 linking POA&Ms in a 2,000-file workspace,
 * peak RSS 115 -> 95 MB at the same speed (npm run bench).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=2'];

/** Server -> client notification: the status-bar text of a document ('' hides it). */
export const STATUS_NOTIFICATION = 'cmmc/status';

export interface StatusParams {
  readonly uri: string;
  readonly text: string;
  readonly tooltip: string;
}

/** Client -> server request: the OSCAL JSON of a document ("CMMC: Export as OSCAL"). */
export const EXPORT_OSCAL_REQUEST = 'cmmc/exportOscal';

export interface ExportOscalParams {
  readonly uri: string;
}

export type ExportOscalResult = { readonly json: string; readonly kind: 'ssp' | 'poam'; readonly warnings: readonly string[] } | { readonly error: string };

/** Client -> server request: the scaffolds of "CMMC: New SSP" / "CMMC: New POA&M" (as `cmmc-check init`). */
export const SCAFFOLD_REQUEST = 'cmmc/scaffold';

export type ScaffoldParams =
  | { readonly kind: 'ssp'; readonly level: 1 | 2 | 3; readonly syntax?: 'yaml' | 'markdown' }
  | { readonly kind: 'poam'; readonly ssp: string; readonly target?: string; readonly conditionalDate?: string };

export type ScaffoldResult =
  | { readonly text: string; readonly uri?: string; readonly items?: number; readonly blocked?: readonly string[] }
  | { readonly error: string };

/** Client -> server request: the readiness report as HTML, focused on the set holding `uri` (else every set). */
export const REPORT_REQUEST = 'cmmc/report';

export interface ReportParams {
  readonly uri?: string;
  /** The webview's script nonce, written into the page's content security policy. */
  readonly nonce?: string;
}

/**
 * The comment line that suppresses `code` on the line below it (the editor's "insert a
 * suppression" command writes it; documents/suppressions.ts reads it back): `indent` is the target line's indentation. Line breaks in the
 * justification become spaces (a suppression is one line); markdown's `--` is kept out of `-->`.
 */
export function suppressionComment(syntax: 'yaml' | 'markdown', code: string, justification: string, indent = ''): string {
  const why = justification.replace(/\s+/g, ' ').trim();
  if (syntax === 'yaml') return `${indent}# cmmc-disable-next-line ${code} -- ${why}`;
  return `${indent}<!-- cmmc-disable-next-line ${code} -- ${why.replace(/-->/g, '-- >')} -->`;
}
