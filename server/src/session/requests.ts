/**
 * Our own requests beside LSP's (their names and types in protocol.ts): each answers from the
 * session's language service and workspace, and a failure is logged and answered with a reason,
 * never thrown at the client.
 */
import { scaffoldRequest } from '../features/scaffoldRequest';
import { exportOscalRequest } from '../oscal/request';
import type { ExportOscalResult, ReportParams, ScaffoldParams, ScaffoldResult } from '../protocol';
import { renderHtml } from '../report/html';
import { buildReport } from '../report/model';
import type { Session } from './session';

/** `cmmc/exportOscal`: the OSCAL JSON of a document, or why it cannot be exported. */
export function exportOscal(session: Session, uri: string): ExportOscalResult {
  return session.guard('export oscal', { error: 'The export failed (see the CMMC output).' }, () => exportOscalRequest(session.service.parse(uri)));
}

/** `cmmc/scaffold`: the scaffolds of the New SSP / New POA&M commands. */
export function scaffold(session: Session, params: ScaffoldParams): ScaffoldResult {
  const { service } = session;
  return session.guard('scaffold', { error: 'The scaffold failed (see the CMMC output).' }, () => scaffoldRequest(params, service.parse, service.today()));
}

/** `cmmc/report`: the readiness report as HTML, of the set holding `uri` (else every set). */
export function report(session: Session, params: ReportParams | undefined): string {
  const { service, workspace } = session;
  return session.guard('report', '', () => renderHtml(buildReport(service, workspace.uris(), { focus: params?.uri }), { nonce: params?.nonce }));
}
