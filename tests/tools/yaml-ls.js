#!/usr/bin/env node
// Asks the real yaml-language-server (the server behind VS Code's YAML extension) what an editor would show.
//
//   node yaml-ls.js [--schema SCHEMA] diagnostics FILE...
//       -> {"FILE": [{"line", "column", "endLine", "endColumn", "message"}, ...], ...}
//   node yaml-ls.js [--schema SCHEMA] complete FILE
//       -> [{"label", "sortText", "kind"}, ...]: the completion at the end of FILE
//
// Lines and columns are 1-based, as runbook's diagnostics are. Each FILE is opened as it is on disk, so its
// '# yaml-language-server: $schema=...' modeline picks the schema, exactly as in an editor; --schema associates
// SCHEMA with files that have no modeline, as the editor setting yaml.schemas does. The server speaks LSP
// (JSON-RPC with Content-Length framing) over stdio; this script is its client and exits when it has the answers.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const args = process.argv.slice(2);
const schemaFile = args[0] === '--schema' ? path.resolve(args.splice(0, 2)[1]) : null;
const [mode, ...files] = args;
if (!['diagnostics', 'complete'].includes(mode) || files.length === 0 || (mode === 'complete' && files.length !== 1)) {
  process.stderr.write('usage: yaml-ls.js [--schema SCHEMA] (diagnostics FILE... | complete FILE)\n');
  process.exit(2);
}

const server = spawn(process.execPath, [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const timeout = setTimeout(() => fail('yaml-language-server did not answer within 60 s'), 60_000);

let nextId = 1;
const pending = new Map();
const send = (message) => {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
};
const request = (method, params) =>
  new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    send({ id, method, params });
  });
const notify = (method, params) => send({ method, params });

const documents = files.map((file) => ({
  file,
  uri: pathToFileURL(path.resolve(file)).href,
  text: fs.readFileSync(file, 'utf8'),
}));
const diagnostics = new Map();
let onDiagnostics = () => {};

// Without --schema only the modeline in each file chooses its schema, as in a plain editor setup.
const yamlSettings = {
  validate: true,
  completion: true,
  hover: true,
  format: { enable: false },
  schemas: schemaFile ? { [pathToFileURL(schemaFile).href]: ['*.yaml', '*.yml', '*.json'] } : {},
  schemaStore: { enable: false },
};

// Requests the server sends to its client, answered as an editor would: the server pulls its settings
// (sections 'yaml', 'http', '[yaml]', 'editor') with workspace/configuration after didChangeConfiguration.
const answer = (message) => {
  switch (message.method) {
    case 'workspace/configuration':
      return message.params.items.map((item) => (item.section === 'yaml' ? yamlSettings : {}));
    default:
      return null; // client/registerCapability, window/workDoneProgress/create
  }
};

let buffer = Buffer.alloc(0);
server.stdout.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))[1]);
    if (buffer.length < headerEnd + 4 + length) return;
    const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
    buffer = buffer.subarray(headerEnd + 4 + length);
    if (message.id !== undefined && message.method) {
      send({ id: message.id, result: answer(message) });
    } else if (message.id !== undefined) {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter.reject(new Error(`${message.error.code}: ${message.error.message}`));
      else waiter.resolve(message.result);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      diagnostics.set(message.params.uri, message.params.diagnostics);
      onDiagnostics();
    }
  }
});
server.on('exit', (code) => fail(`yaml-language-server exited (${code}) before answering`));

function fail(text) {
  process.stderr.write(`yaml-ls.js: ${text}\n`);
  process.exit(1);
}

function finish(result) {
  clearTimeout(timeout);
  server.removeAllListeners('exit');
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  server.kill();
  process.exit(0);
}

async function main() {
  await request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(process.cwd()).href,
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } },
  });
  notify('initialized', {});
  notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });

  const published = new Promise((resolve) => {
    onDiagnostics = () => {
      if (documents.every((d) => diagnostics.has(d.uri))) resolve();
    };
  });
  for (const d of documents) {
    notify('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'yaml', version: 1, text: d.text } });
  }

  if (mode === 'complete') {
    await published; // the schema is loaded once the document was validated
    const d = documents[0];
    const lines = d.text.split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
    const result = await request('textDocument/completion', { textDocument: { uri: d.uri }, position });
    const items = Array.isArray(result) ? result : result.items;
    finish(items.map((i) => ({ label: i.label, sortText: i.sortText ?? null, kind: i.kind })));
  }

  await published;
  const result = {};
  for (const d of documents) {
    result[d.file] = diagnostics.get(d.uri).map((x) => ({
      line: x.range.start.line + 1,
      column: x.range.start.character + 1,
      endLine: x.range.end.line + 1,
      endColumn: x.range.end.character + 1,
      message: x.message,
    }));
  }
  finish(result);
}

main().catch((e) => fail(e.stack || String(e)));
