/**
 * The command line's output formats: text for people, JSON for tools, SARIF 2.1.0 for code
 * scanning, GitHub workflow commands for pull-request annotations. Text and github show what is
 * in force; JSON and SARIF also carry the suppressed findings with their justification (the
 * audit trail). Paths: text and JSON relative to the working folder, SARIF and github relative
 * to the repository root (the git root, else the working folder).
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../documents/findings';
import { RULES, ruleCitation } from '../rules';
import { cite } from '../regulation/citations';
import { VERSION } from '../version';
import { counted } from '../domain/verdict';

/** A finding as the command line prints it. */
export interface CliFinding {
  /** Relative to the working folder. */
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: Finding['severity'];
  code: string;
  message: string;
  citation: string;
  /** Set when an inline suppression accepted the finding. */
  suppressed?: { justification: string };
  /** The absolute path (for SARIF and github, which are relative to the repository root). */
  path?: string;
  /** The practice or POA&M item the finding is about (SARIF fingerprints). */
  subject?: string;
}

const active = (findings: readonly CliFinding[]) => findings.filter((f) => !f.suppressed);

/** Text: `file:line:col severity code message` per finding in force, then the count line. */
/**
 * One line of terminal text: control characters (newlines, escape sequences), line and
 * paragraph separators and bidirectional overrides from documents and file names are written
 * as `\n`, `\u001b`, ..., so a crafted name or value cannot forge lines or recolour the terminal.
 */
export function escapeText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

export function formatText(findings: readonly CliFinding[], documents?: number): string {
  const shown = active(findings);
  const lines = shown.map(
    (f) => `${escapeText(f.file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.code} ${escapeText(f.message)}`,
  );
  const count = (s: string) => shown.filter((f) => f.severity === s).length;
  const suppressed = findings.length - shown.length;
  lines.push(
    `${counted(count('error'), 'error')}, ${counted(count('warning'), 'warning')}, ${count('information')} information` +
      (documents !== undefined ? ` in ${counted(documents, 'document')}` : '') +
      (suppressed ? `, ${counted(suppressed, 'finding')} suppressed` : ''),
  );
  return lines.join('\n') + '\n';
}

/** JSON: SPEC section 4's objects, plus `suppressed: {justification}` on accepted findings. */
export function formatJson(findings: readonly CliFinding[]): string {
  return [...jsonChunks(findings)].join('');
}

/**
 * formatJson's text in pieces of `size` findings, byte for byte the same (an array indented by
 * two): a run with tens of thousands of findings writes them as they are made, instead of
 * holding the whole text and its copy for the stream at once.
 */
export function* jsonChunks(findings: readonly CliFinding[], size = 500): Generator<string> {
  if (findings.length === 0) return yield '[]\n';
  for (let i = 0; i < findings.length; i += size) {
    const part = findings.slice(i, i + size).map((f) => {
      const o = {
        file: f.file,
        range: f.range,
        severity: f.severity,
        code: f.code,
        message: f.message,
        citation: f.citation,
        ...(f.suppressed ? { suppressed: f.suppressed } : {}),
      };
      return `  ${JSON.stringify(o, null, 2).replace(/\n/g, '\n  ')}`;
    });
    yield `${i === 0 ? '[\n' : ',\n'}${part.join(',\n')}${i + size >= findings.length ? '\n]\n' : ''}`;
  }
}

/** Percent-encode a relative path for a URI reference (each segment; `/` kept). */
export function encodePath(rel: string): string {
  return rel.split(/[\\/]/).map(encodeURIComponent).join('/');
}

/** A path from the repository root with `/` separators, or undefined when it is outside. */
function fromRoot(root: string, f: CliFinding): string | undefined {
  const abs = f.path ?? f.file;
  const rel = relative(root, isAbsolute(abs) ? abs : `${root}${sep}${abs}`);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}

/** What SARIF needs beside the findings. */
export interface SarifOptions {
  /** The repository root the artifact URIs are relative to. */
  readonly root: string;
  readonly category?: string;
  readonly exitCode: number;
  readonly commandLine?: string;
}

/** SARIF 2.1.0: one run, every rule, results with fingerprints and suppressions. */
export function formatSarif(findings: readonly CliFinding[], options?: SarifOptions): string {
  const root = options?.root;
  const rules = RULES.map((r) => {
    const c = ruleCitation(r);
    const cites = r.paragraphs.map((p) => cite(p));
    return {
      id: r.code,
      name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : '')),
      shortDescription: { text: r.title },
      fullDescription: { text: r.explain },
      help: {
        text: c ? `${r.explain} See ${c.label}: ${c.url}` : r.explain,
        markdown:
          `**${r.title}** (\`${r.code}\`)\n\n${r.explain}` + (cites.length ? `\n\nCites ${cites.map((x) => `[${x.label}](${x.url})`).join(', ')}.` : ''),
      },
      ...(c ? { helpUri: c.url } : {}),
      defaultConfiguration: { level: sarifLevel(r.severity) },
      properties: { tags: ['cmmc', ...(r.paragraphs.length ? ['32-cfr-170'] : [])], citations: cites.map((x) => x.label) },
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  const results = findings.map((f) => {
    const rel = root ? fromRoot(root, f) : f.file.split('\\').join('/');
    const artifactLocation =
      rel !== undefined ? { uri: encodePath(rel), ...(root ? { uriBaseId: '%SRCROOT%' } : {}) } : { uri: pathToFileURL(f.path ?? f.file).href };
    // Stable across unrelated edits: the code, what it is about and the file, never the line.
    const key = `${f.code}\u0000${f.subject ?? ''}\u0000${rel ?? f.file}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return {
      ruleId: f.code,
      ruleIndex: index.get(f.code) ?? -1,
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation,
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
      partialFingerprints: { 'cmmcFinding/v1': createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32) },
      ...(f.suppressed ? { suppressions: [{ kind: 'inSource', justification: f.suppressed.justification }] } : {}),
      properties: { ...(f.citation ? { citation: f.citation } : {}), ...(f.subject ? { subject: f.subject } : {}) },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'cmmc-check', version: VERSION, semanticVersion: VERSION, informationUri: 'https://www.ecfr.gov/current/title-32/part-170', rules },
        },
        ...(root ? { originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(root).href.replace(/\/?$/, '/') } } } : {}),
        ...(options?.category ? { automationDetails: { id: options.category } } : {}),
        ...(options
          ? {
              invocations: [
                {
                  executionSuccessful: options.exitCode !== 2,
                  exitCode: options.exitCode,
                  ...(options.commandLine ? { commandLine: options.commandLine } : {}),
                },
              ],
            }
          : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function sarifLevel(s: Finding['severity']): 'error' | 'warning' | 'note' {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note';
}

/** Escape a workflow command's message (GitHub: `%`, CR, LF). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow command's property value (also `:` and `,`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub workflow commands, one per finding in force:
 * `::error file=<path from the repository root>,line=..,col=..,endLine=..,endColumn=..,title=<code>::message`
 * (information becomes `notice`), then the text summary line.
 */
export function formatGithub(findings: readonly CliFinding[], root: string, documents?: number): string {
  const lines = active(findings).map((f) => {
    const command = f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'notice';
    const file = fromRoot(root, f) ?? (f.path ?? f.file).split(sep).join('/');
    const props = [
      `file=${escapeProperty(file)}`,
      `line=${f.range.start.line + 1}`,
      `col=${f.range.start.character + 1}`,
      `endLine=${f.range.end.line + 1}`,
      `endColumn=${f.range.end.character + 1}`,
      `title=${escapeProperty(f.code)}`,
    ];
    return `::${command} ${props.join(',')}::${escapeData(f.message)}`;
  });
  // The summary line is the text format's (it counts what is in force, and what is suppressed).
  lines.push(formatText(findings, documents).trimEnd().split('\n').at(-1)!);
  return lines.join('\n') + '\n';
}
