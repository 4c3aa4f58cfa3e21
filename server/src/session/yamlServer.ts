/**
 * Side by side with another YAML language server (Red Hat's, which the client detects and tells
 * us through `initializationOptions.yamlServer`): it validates and completes our contributed
 * schemas itself, so for the files those schemas cover we leave it the syntax and schema
 * diagnostics and the field-name and enum completions, and keep every rule of ours.
 */
import { CompletionItemKind, type CompletionItem, type Diagnostic } from 'vscode-languageserver';
import { kindFromName } from '../documents/detect';
import { EditorConfigs } from './configs';

/** Files our package.json `yamlValidation` gives a schema: `*.ssp.yaml|yml`, `*.poam.yaml|yml`, `.cmmc.yaml`. */
export function coveredByYamlServer(uri: string): boolean {
  const name = uri.split('/').pop() ?? '';
  return /\.ya?ml$/i.test(name) && (kindFromName(name) !== undefined || EditorConfigs.isConfig(uri));
}

/** The diagnostics to publish when `yamlServer` is on: without the syntax and schema ones it gives too. */
export function withoutYamlServerDiagnostics(yamlServer: boolean | undefined, uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
  if (!yamlServer || !coveredByYamlServer(uri)) return diagnostics;
  return diagnostics.filter((d) => d.code !== 'syntax' && d.code !== 'schema');
}

/** The completions to offer when `yamlServer` is on: field names and enum values come from the schema it completes too. */
export function withoutYamlServerCompletions(yamlServer: boolean | undefined, uri: string, items: CompletionItem[]): CompletionItem[] {
  if (!yamlServer || !coveredByYamlServer(uri)) return items;
  return items.filter((i) => i.kind !== CompletionItemKind.Property && i.kind !== CompletionItemKind.EnumMember);
}
