#!/usr/bin/env node
// Checks schema.json with Ajv, the most used JSON Schema validator in the JavaScript world.
//
//   node ajv-check.js compile          -> {"strict": {...}, "default": {...}}: does schema.json compile under Ajv's
//                                         draft 2020-12 class with every strict-mode rule an error (but see
//                                         strictRequired below), and with Ajv's default options, and which
//                                         strict-mode warnings did Ajv log ({"compiled", "error", "warnings"})
//   node ajv-check.js validate FILE... -> {"FILE": [{"line", "column", "path", "keyword", "message"}, ...], ...}
//                                         (keyword 'yaml': the file is not valid YAML, the schema was not applied)
//
// Ajv fails on keywords it does not know (strict mode). schema.json uses two that editors read, so they are
// declared here as Ajv's documentation says: markdownDescription (hover text, an annotation) with addKeyword, and
// errorMessage with the ajv-errors plugin, which replaces a subschema's errors with that message as
// yaml-language-server does. Lines and columns are 1-based; a YAML file is read with the 'yaml' package (YAML 1.2).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const Ajv2020 = require('ajv/dist/2020').default;
const ajvErrors = require('ajv-errors').default;
const YAML = require('yaml');

const schemaPath = path.join(__dirname, '..', '..', 'schema.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));

function ajv(options) {
  const warnings = [];
  const record = (...a) => warnings.push(a.join(' '));
  const logger = { log: () => {}, warn: record, error: record };
  const instance = new Ajv2020({ ...options, allErrors: true, logger });
  instance.addKeyword('markdownDescription');
  ajvErrors(instance);
  return { instance, warnings };
}

function compile(options) {
  const { instance, warnings } = ajv(options);
  try {
    instance.compile(schema);
    return { compiled: true, error: null, warnings };
  } catch (e) {
    return { compiled: false, error: e.message, warnings };
  }
}

/** The YAML node a JSON pointer leads to, and the key node of its last step when it is a mapping entry. */
function locate(doc, pointer) {
  let node = doc.contents;
  let key = null;
  const unescape = (s) => s.replace(/~1/g, '/').replace(/~0/g, '~');
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(unescape);
  for (const segment of segments) {
    if (YAML.isMap(node)) {
      const pair = node.items.find((p) => String(YAML.isScalar(p.key) ? p.key.value : p.key) === segment);
      key = pair?.key ?? null;
      node = pair?.value ?? null;
    } else if (YAML.isSeq(node)) {
      key = null;
      node = node.items[Number(segment)] ?? null;
    } else {
      break;
    }
  }
  return { node, key };
}

function validate(files) {
  const { instance } = ajv({ strict: true, strictRequired: false });
  const check = instance.compile(schema);
  const result = {};
  for (const file of files) {
    const lines = new YAML.LineCounter();
    const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { lineCounter: lines });
    // What the YAML parser rejects (broken syntax, a duplicate key) never reaches the schema: reported as 'yaml'.
    const syntax = doc.errors.map((e) => {
      const at = e.linePos?.[0] ?? { line: 1, col: 1 };
      return { line: at.line, column: at.col, path: '', keyword: 'yaml', message: e.message };
    });
    if (syntax.length > 0) {
      result[file] = syntax;
      continue;
    }
    check(doc.toJS());
    // An 'if' error only says which branch failed; that branch's own errors are in the list.
    result[file] = (check.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => {
      // Errors about a key (an unknown key, a key name that does not match) are placed at the key, as runbook does.
      const keyName =
        e.keyword === 'additionalProperties' ? e.params.additionalProperty : (e.propertyName ?? e.params.propertyName);
      const escaped = keyName?.replace(/~/g, '~0').replace(/\//g, '~1');
      const pointer = keyName === undefined ? e.instancePath : `${e.instancePath}/${escaped}`;
      const { node, key } = locate(doc, pointer);
      const at = (keyName === undefined ? node : key) ?? doc.contents;
      const { line, col } = lines.linePos(at?.range?.[0] ?? 0);
      return { line, column: col, path: pointer, keyword: e.keyword, message: e.message };
    });
  }
  return result;
}

const [mode, ...files] = process.argv.slice(2);
let output;
if (mode === 'compile' && files.length === 0) {
  // strictRequired stays off: Ajv cannot see a parent's properties from a oneOf branch's required (ajv#1571, a
  // known limitation), which is how a step requires exactly one kind. Every other strict-mode rule is an error.
  output = { strict: compile({ strict: true, strictRequired: false }), default: compile({}) };
} else if (mode === 'validate' && files.length > 0) {
  output = validate(files);
} else {
  process.stderr.write('usage: ajv-check.js compile | ajv-check.js validate FILE...\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(output, null, 2) + '\n');
