/**
 * The command line's output formats: text for people, JSON for tools, SARIF 2.1.0 for code
 * scanning. Each takes the findings with file paths already made relative.
 */
import type { Finding } from '../documents/findings';
import { RULES, ruleCitation } from '../rules';
import { cite } from '../regulation/citations';
import { VERSION } from './version';
import { counted } from '../domain/verdict';

export interface CliFinding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Finding['severity'];
  code: string;
  message: string;
  citation: string;
}

export function formatText(findings: readonly CliFinding[], documents?: number): string {
  const lines = findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${f.message}`);
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  const where = documents !== undefined ? ` in ${counted(documents, 'document')}` : '';
  lines.push(`${counted(count('error'), 'error')}, ${counted(count('warning'), 'warning')}, ${count('information')} information${where}`);
  return lines.join('\n') + '\n';
}

export function formatSarif(findings: readonly CliFinding[]): string {
  const rules = RULES.map((r) => {
    const c = ruleCitation(r);
    return {
      id: r.code,
      name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : '')),
      shortDescription: { text: r.title },
      fullDescription: { text: r.explain },
      help: { text: c ? `${r.explain} See ${c.label}: ${c.url}` : r.explain },
      ...(c ? { helpUri: c.url } : {}),
      defaultConfiguration: { level: sarifLevel(r.severity) },
      properties: { tags: ['cmmc', ...(r.paragraphs.length ? ['32-cfr-170'] : [])], citations: r.paragraphs.map((p) => cite(p).label) },
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'cmmc-check', version: VERSION, semanticVersion: VERSION, informationUri: 'https://www.ecfr.gov/current/title-32/part-170', rules } },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => ({
          ruleId: f.code,
          ruleIndex: index.get(f.code) ?? -1,
          level: sarifLevel(f.severity),
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
              },
            },
          ],
          ...(f.citation ? { properties: { citation: f.citation } } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function sarifLevel(s: Finding['severity']): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

