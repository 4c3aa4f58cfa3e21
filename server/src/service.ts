/**
 * The CMMC language service: one object with every feature, callable without an editor.
 * `createCmmcService({ workspace, settings, log })` returns the analysis (parse, analyze,
 * validate) and each editor feature as a method over a document URI: diagnostics, hover,
 * codeActions, complete, symbols, codeLens, status. The server, the CLI and the tests all build
 * one; server.ts only turns LSP messages into these calls.
 */
import type { CodeAction, CodeActionContext, CodeLens, CompletionItem, Diagnostic, DocumentSymbol, Hover, Position, Range } from 'vscode-languageserver';
import { createAnalyzer, type CmmcAnalyzer, type ServiceOptions } from './analysis/analyzer';
import { codeActions } from './features/codeActions';
import { codeLenses, statusFor, type Status } from './features/codeLens';
import { completions } from './features/completion';
import { diagnosticsOf } from './features/diagnostics';
import { hover } from './features/hover';
import { snippetCompletions } from './features/snippets';
import { documentSymbols } from './features/symbols';

export type { Analysis, CmmcAnalyzer, ServiceOptions, Settings, Workspace } from './analysis/analyzer';
export { normalizeUri } from './analysis/analyzer';
export type { Status } from './features/codeLens';

export interface CmmcService extends CmmcAnalyzer {
  /** The findings of a document as LSP diagnostics (empty for files that are not ours). */
  diagnostics(uri: string): Diagnostic[];
  hover(uri: string, position: Position): Hover | null;
  codeActions(uri: string, range: Range, context: CodeActionContext): CodeAction[];
  complete(uri: string, position: Position): CompletionItem[];
  symbols(uri: string): DocumentSymbol[];
  codeLens(uri: string): CodeLens[];
  /** The status-bar text of a document (undefined for documents that are not ours). */
  status(uri: string): Status | undefined;
}

export function createCmmcService(options: ServiceOptions): CmmcService {
  const analyzer = createAnalyzer(options);
  return {
    ...analyzer,
    diagnostics: (uri) => diagnosticsOf(analyzer.analyze(uri)),
    hover: (uri, position) => hover(analyzer.analyze(uri), position),
    codeActions: (uri, range, context) => codeActions(analyzer.analyze(uri), range, context, analyzer.parse, options.log),
    complete: (uri, position) => {
      const parsed = analyzer.parse(uri);
      return [...completions(parsed, position, analyzer.today()), ...snippetCompletions(parsed, position, analyzer.today())];
    },
    symbols: (uri) => documentSymbols(analyzer.parse(uri)),
    codeLens: (uri) => codeLenses(analyzer.analyze(uri)),
    status: (uri) => statusFor(analyzer.analyze(uri)),
  };
}
