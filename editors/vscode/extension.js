// Lint on open and save through the CLI, until a language server exists.
'use strict';
const path = require('path');
const vscode = require('vscode');
const { lint } = require('./lint');

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function activate(context) {
  const collection = vscode.languages.createDiagnosticCollection('claimmark');
  const output = vscode.window.createOutputChannel('Claimmark');
  context.subscriptions.push(collection, output);

  const wanted = (doc) => {
    const config = vscode.workspace.getConfiguration('claimmark', doc.uri);
    if (doc.uri.scheme !== 'file') return false;
    return doc.languageId === 'claimmark' || (doc.languageId === 'markdown' && config.get('lintMarkdown'));
  };

  const run = async (doc, force) => {
    const config = vscode.workspace.getConfiguration('claimmark', doc.uri);
    if (!wanted(doc) || (!force && !config.get('lintOnSave'))) return;
    const text = doc.getText();
    try {
      const findings = await lint(text, {
        executable: config.get('path'),
        filename: doc.uri.fsPath,
        cwd: path.dirname(doc.uri.fsPath),
      });
      // The document may have changed while the CLI ran; ranges are for `text`.
      if (doc.getText() !== text) return;
      const range = (f) => new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
      collection.set(
        doc.uri,
        findings.map((f) => {
          const d = new vscode.Diagnostic(
            range(f),
            f.help ? `${f.message}\n${f.help}` : f.message,
            SEVERITY[f.severity] ?? vscode.DiagnosticSeverity.Information,
          );
          d.source = 'claimmark';
          d.code = f.rule;
          d.relatedInformation = f.labels.map(
            (l) => new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, range(l)), l.message),
          );
          return d;
        }),
      );
    } catch (e) {
      output.appendLine(e.message);
    }
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((d) => run(d, false)),
    vscode.workspace.onDidSaveTextDocument((d) => run(d, false)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    vscode.commands.registerCommand('claimmark.lint', () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) run(editor.document, true);
    }),
  );
  vscode.workspace.textDocuments.forEach((d) => run(d, false));
}

function deactivate() {}

module.exports = { activate, deactivate };
