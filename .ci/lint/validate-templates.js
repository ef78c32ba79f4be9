#!/usr/bin/env node
// Validates Camunda Modeler element templates against Camunda's element-templates JSON schema
// (@camunda/element-templates-json-schema, the schema Modeler itself checks them with), and checks that each
// template's ${bean} is a bean Greenlight has (@Component("…") under src/main/java), that template ids are unique and
// (for the shipped folder) that every bean processes/*.bpmn calls has a template.
// Usage: node validate-templates.js [folder or file …]   (default: ../../processes/.camunda/element-templates)
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const SCHEMA_URL = 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json';
const root = path.resolve(__dirname, '../..');
const targets = process.argv.slice(2);
if (targets.length === 0) {
  targets.push(path.join(root, 'processes/.camunda/element-templates'));
}

function files(target) {
  if (fs.statSync(target).isDirectory()) {
    return fs.readdirSync(target).filter(f => f.endsWith('.json')).sort().map(f => path.join(target, f));
  }
  return [target];
}

function beans(dir, found = new Set()) {
  if (!fs.existsSync(dir)) {
    return found;
  }
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      beans(p, found);
    } else if (entry.name.endsWith('.java')) {
      for (const m of fs.readFileSync(p, 'utf8').matchAll(/@Component\("([^"]+)"\)/g)) {
        found.add(m[1]);
      }
    }
  }
  return found;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const known = beans(path.join(root, 'src/main/java'));
const ids = new Map();
let problems = 0;
let count = 0;

function problem(file, message) {
  problems++;
  console.error(`${path.relative(process.cwd(), file)}: ${message}`);
}

for (const file of targets.flatMap(files)) {
  let json;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problem(file, `not readable JSON: ${e.message}`);
    continue;
  }
  if (!validate(json)) {
    for (const e of validate.errors) {
      problem(file, `${e.instancePath || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`);
    }
  }
  for (const template of Array.isArray(json) ? json : [json]) {
    count++;
    if (template.$schema !== SCHEMA_URL) {
      problem(file, `"$schema" must be ${SCHEMA_URL}`);
    }
    const key = `${template.id}@${template.version || 0}`;
    if (ids.has(key)) {
      problem(file, `template id ${template.id} (version ${template.version || 0}) is also in ${ids.get(key)}`);
    }
    ids.set(key, path.basename(file));
    for (const p of template.properties || []) {
      const m = p.binding && p.binding.name === 'camunda:delegateExpression' && /^\$\{(\w+)\}$/.exec(p.value || '');
      if (m && known.size > 0 && !known.has(m[1])) {
        problem(file, `calls \${${m[1]}}, but Greenlight has no such bean`);
      }
    }
  }
}

// every bean the shipped diagrams call has a template (when validating the shipped folder)
const shipped = path.join(root, 'processes/.camunda/element-templates');
if (targets.length === 1 && path.resolve(targets[0]) === shipped) {
  const templated = new Set(files(shipped).flatMap(f => {
    const json = JSON.parse(fs.readFileSync(f, 'utf8'));
    return (Array.isArray(json) ? json : [json]).flatMap(t => (t.properties || [])
      .filter(p => p.binding && p.binding.name === 'camunda:delegateExpression').map(p => p.value));
  }));
  const diagrams = path.join(root, 'processes');
  for (const f of fs.readdirSync(diagrams).filter(n => n.endsWith('.bpmn'))) {
    for (const m of fs.readFileSync(path.join(diagrams, f), 'utf8').matchAll(/camunda:delegateExpression="(\$\{\w+\})"/g)) {
      if (!templated.has(m[1])) {
        problem(path.join(diagrams, f), `calls ${m[1]}, which has no element template`);
      }
    }
  }
}

if (count === 0) {
  problem(targets.join(' '), 'no element templates found');
}
if (problems > 0) {
  console.error(`${problems} problem(s) in the element templates`);
  process.exit(1);
}
console.log(`${count} element templates valid`);
