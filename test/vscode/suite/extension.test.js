// Extension tests against the real `vscode` API: our diagnostics with their codes and ranges,
// the deadline quick fix applied through the code-action provider, a hover, the status bar, the
// scaffolding (New SSP, New POA&M and the cross-file "Add a POA&M item" quick fix) and the
// readiness report panel opened from the SSP's CodeLens.
// The workspace is a copy of samples/ with `cmmc.today` fixed at 2025-05-01.
const assert = require('node:assert');
const vscode = require('vscode');

const EXTENSION_ID = 'cmmc-as-code.cmmc-compliance-lsp';
const codeOf = (d) => (typeof d.code === 'object' && d.code !== null ? d.code.value : d.code);
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cmmc');

/** Resolve when `probe()` returns something truthy, re-checking whenever diagnostics change. */
function waitFor(probe, what, ms = 45000) {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = () => {
      if (done) return;
      let value;
      try {
        value = probe();
      } catch (_e) {
        value = undefined;
      }
      if (value) {
        done = true;
        sub.dispose();
        clearInterval(tick);
        clearTimeout(timer);
        resolve(value);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const tick = setInterval(check, 200); // the status bar has no change event
    const timer = setTimeout(() => {
      done = true;
      sub.dispose();
      clearInterval(tick);
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    check();
  });
}

/**
 * The quick fix titled `prefix` for `range`. Asks again for up to 10 s: right after a change,
 * `executeCodeActionProvider` can come back empty once (about one run in five in code-server).
 * The server's LSP trace shows such an empty answer never reached the server — its first
 * codeAction request after the change was answered with the fix — so the editor side is what
 * hiccups; the fix must then still be offered.
 */
async function quickFix(uri, range, prefix) {
  let titles = [];
  for (const deadline = Date.now() + 10000; Date.now() < deadline; ) {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    titles = (actions || []).map((a) => a.title);
    if (!titles.length) console.log(`EMPTY-CODE-ACTIONS for ${uri.path} at ${range.start.line}:${range.start.character}`);
    const fix = (actions || []).find((a) => a.title.startsWith(prefix));
    if (fix) return fix;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no "${prefix}" fix among: ${titles.join(' | ')}`);
}

function fileUri(...parts) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, ...parts);
}

describe('CMMC extension in a real editor', () => {
  let api;
  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
    api = await ext.activate();
  });

  it('shows our diagnostics on a POA&M with codes, ranges and eCFR links', async () => {
    const uri = fileUri('findings', 'widgets.poam.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await waitFor(() => (ours(uri).some((d) => codeOf(d) === 'poam-practice-excluded') ? ours(uri) : undefined), 'CMMC diagnostics');
    const missing = diags.find((d) => codeOf(d) === 'poam-missing-deadline');
    assert.ok(missing, 'poam-missing-deadline reported');
    assert.equal(doc.getText(missing.range), 'POAM-01');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Error);
    const excluded = diags.find((d) => codeOf(d) === 'poam-practice-excluded');
    assert.equal(doc.getText(excluded.range), 'AC.L2-3.1.20');
    assert.match(excluded.message, /32 CFR 170\.21\(a\)\(2\)\(iii\)\(A\)/);
    assert.match(
      excluded.code.target.toString(true),
      /^https:\/\/www\.ecfr\.gov\/current\/title-32\/part-170\/section-170\.21#p-170\.21\(a\)\(2\)\(iii\)\(A\)$/,
    );
    const invalid = diags.find((d) => codeOf(d) === 'invalid-date');
    assert.equal(doc.getText(invalid.range), '2025-04-31');
  });

  it('applies the deadline quick fix and the finding goes', async () => {
    const uri = fileUri('findings', 'widgets.poam.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const missing = ours(uri).find((d) => codeOf(d) === 'poam-missing-deadline');
    const fix = await quickFix(uri, missing.range, 'Insert deadline');
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
    await waitFor(() => !ours(uri).some((d) => codeOf(d) === 'poam-missing-deadline' && doc.getText(d.range) === 'POAM-01'), 'the finding to go');
    assert.match(doc.getText(), /- id: POAM-01\n(?: {4}.*\n)* {4}deadline: 2025-05-19\n/);
    assert.ok(
      ours(uri).some((d) => codeOf(d) === 'poam-practice-excluded'),
      'other findings stay',
    );
  });

  it('hovers a practice id with its points, eligibility and citation', async () => {
    const uri = fileUri('findings', 'widgets.poam.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('AC.L2-3.1.5') + 3);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /AC\.L2-3\.1\.5/);
    assert.match(text, /Least Privilege/);
    assert.match(text, /3 points?/);
    assert.match(text, /170\.21\(a\)\(2\)\(ii\)/);
  });

  it('works the same on a markdown POA&M: finding on the heading, quick fix inserts a Deadline line', async () => {
    const uri = fileUri('markdown', 'acme.poam.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const text = doc.getText();
    const at = text.indexOf('Deadline: 2025-06-30\n');
    assert.ok(at > 0, 'the sample has a Deadline line');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'Deadline: 2025-06-30\n'.length)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const missing = await waitFor(() => ours(uri).find((d) => codeOf(d) === 'poam-missing-deadline'), 'poam-missing-deadline on the markdown item');
    assert.equal(doc.getText(missing.range), '## POAM-001 Logon banner missing on the VPN portal');
    const fix = await quickFix(uri, missing.range, 'Insert deadline');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor(() => !ours(uri).some((d) => codeOf(d) === 'poam-missing-deadline'), 'the markdown finding to go');
    assert.match(doc.getText(), /## POAM-001 [^\n]*\n\n(?:[A-Z][a-z]+: .*\n)*Deadline: 2025-09-11\n/);
  });

  it('shows the SSP score in the status bar', async () => {
    const uri = fileUri('findings', 'widgets.ssp.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const text = await waitFor(() => (/92\/110/.test(api.statusText()) ? api.statusText() : undefined), 'the status bar score');
    assert.match(text, /^CMMC 92\/110/);
    const clean = fileUri('acme.ssp.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(clean));
    assert.match(await waitFor(() => (/104\/110/.test(api.statusText()) ? api.statusText() : undefined), 'the clean SSP score'), /conditional/);
  });
  it('New SSP and New POA&M write linked files; "Add a POA&M item" on a new gap edits the POA&M', async () => {
    const folder = fileUri('scaffold-e2e');
    const sspUri = vscode.Uri.joinPath(folder, 'e2e.ssp.yaml');
    const poamUri = vscode.Uri.joinPath(folder, 'e2e.poam.yaml');
    try {
      // New SSP: the server's skeleton, written to the file and opened; it reads as one skeleton line.
      assert.equal((await vscode.commands.executeCommand('cmmc.newSsp', 2, 'yaml', sspUri)).toString(), sspUri.toString());
      const ssp = await vscode.workspace.openTextDocument(sspUri);
      assert.match(ssp.getText(), /^ {2}AC\.L2-3\.1\.1: # Authorized Access Control \[CUI Data\]$/m);
      await waitFor(() => ours(sspUri).find((d) => codeOf(d) === 'ssp-score' && /^skeleton: 0 of 110/.test(d.message)), 'the skeleton line');
      // Assess it: everything met but two one-point practices.
      const filled = ssp
        .getText()
        .replace(/^( {2}([A-Z]{2}\.L2-[\d.]+): .*\n {4})status: not-met$/gm, (all, head, id) =>
          id === 'AC.L2-3.1.9' || id === 'AU.L2-3.3.7' ? all : `${head}status: met\n    implementation: How ${id} is met.`,
        );
      const whole = new vscode.WorkspaceEdit();
      whole.replace(sspUri, new vscode.Range(ssp.positionAt(0), ssp.positionAt(ssp.getText().length)), filled);
      assert.ok(await vscode.workspace.applyEdit(whole));
      await ssp.save();
      // New POA&M: linked, one item per deferrable gap; the SSP then has no gap without an item.
      assert.equal((await vscode.commands.executeCommand('cmmc.newPoam', sspUri, poamUri, '2025-03-15')).toString(), poamUri.toString());
      const poam = await vscode.workspace.openTextDocument(poamUri);
      assert.match(poam.getText(), /^ssp: e2e\.ssp\.yaml$/m);
      assert.equal(poam.getText().match(/^ {2}- id: POAM-00\d$/gm).length, 2);
      // A new gap in the SSP: the quick fix adds its item to the POA&M (another file).
      await vscode.window.showTextDocument(ssp);
      const at = ssp.getText().indexOf('status: met', ssp.getText().indexOf('AC.L2-3.1.10:'));
      const gapEdit = new vscode.WorkspaceEdit();
      gapEdit.replace(sspUri, new vscode.Range(ssp.positionAt(at), ssp.positionAt(at + 'status: met'.length)), 'status: not-met');
      assert.ok(await vscode.workspace.applyEdit(gapEdit));
      const gap = await waitFor(() => ours(sspUri).find((d) => codeOf(d) === 'ssp-not-met-without-poam'), 'ssp-not-met-without-poam on AC.L2-3.1.10');
      assert.equal(ssp.getText(gap.range), 'AC.L2-3.1.10');
      const fix = await quickFix(sspUri, gap.range, 'Add a POA&M item for AC.L2-3.1.10');
      assert.deepEqual(
        fix.edit.entries().map(([uri]) => uri.toString()),
        [poamUri.toString()],
        'the edit is on the POA&M',
      );
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
      assert.match(poam.getText(), /\n {2}- id: POAM-003\n {4}practice: AC\.L2-3\.1\.10 # Session Lock\n(?: {4}.*\n)* {4}deadline: 2025-09-11\n/);
      await waitFor(() => ours(sspUri).length > 0 && !ours(sspUri).some((d) => codeOf(d) === 'ssp-not-met-without-poam'), 'the SSP finding to go');
      assert.ok(!ours(poamUri).some((d) => codeOf(d) === 'syntax' || codeOf(d) === 'schema'), 'the POA&M stays well-formed');
      await ssp.save();
      await poam.save();
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    }
  });

  it('opens the readiness report beside the SSP from its score CodeLens', async () => {
    const uri = fileUri('acme.ssp.yaml');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    let lens;
    for (const until = Date.now() + 20000; !lens && Date.now() < until; ) {
      const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) || [];
      lens = lenses.find((l) => l.command && l.command.command === 'cmmc.showReport');
      if (!lens) await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(lens, 'the SSP score CodeLens runs cmmc.showReport');
    assert.match(lens.command.title, /^Score 104 of 110/);
    await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments || []));
    const isReport = (t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('cmmc.report');
    const tab = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isReport), 'the report panel');
    assert.equal(tab.label, 'CMMC readiness report');
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'beside the document');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the SSP keeps the focus');
    await vscode.window.tabGroups.close(tab);
  });
});
