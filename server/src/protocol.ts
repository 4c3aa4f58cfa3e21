/**
 * The messages of ours that travel between the VS Code client and the server, beside LSP's own.
 * Both sides import them from here, so a rename cannot leave one side behind.
 */

/** Server -> client notification: the status-bar text of a document ('' hides it). */
export const STATUS_NOTIFICATION = 'cmmc/status';

export interface StatusParams {
  readonly uri: string;
  readonly text: string;
  readonly tooltip: string;
}
