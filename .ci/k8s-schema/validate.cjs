'use strict';
// Validates every object of the given multi-document YAML files against the Kubernetes OpenAPI schemas
// shipped by kubernetes-models: unknown apiVersion/kind, missing required fields and wrong types fail.
// Usage: node validate.cjs FILE.yaml...   Exit status 1 when any object is invalid.

const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return { error: 'apiVersion and kind must be strings' };
  }
  // "v1" is the core group; "apps/v1" -> kubernetes-models/apps/v1
  if (!/^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/.test(apiVersion)) {
    return { error: `malformed apiVersion "${apiVersion}"` };
  }
  let group;
  try {
    group = require(`kubernetes-models/${apiVersion}`);
  } catch (e) {
    return { error: `unknown apiVersion "${apiVersion}"` };
  }
  const model = group[kind];
  if (typeof model !== 'function') {
    return { error: `unknown kind "${kind}" in ${apiVersion}` };
  }
  return { model };
}

function describe(obj) {
  const name = obj && obj.metadata && obj.metadata.name;
  return `${obj && obj.kind}/${name === undefined ? '<no name>' : name}`;
}

function validateObject(obj) {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    return ['document is not an object'];
  }
  const { model, error } = modelClass(obj.apiVersion, obj.kind);
  if (error) {
    return [error];
  }
  const problems = [];
  if (!obj.metadata || typeof obj.metadata.name !== 'string' || obj.metadata.name === '') {
    problems.push('metadata.name is required');
  }
  // kustomize folds long base64 values over several lines; the API server's decoder skips the line breaks,
  // the schema's "byte" format does not, so compare what the server would decode.
  if (obj.kind === 'Secret' && obj.data && typeof obj.data === 'object') {
    for (const key of Object.keys(obj.data)) {
      if (typeof obj.data[key] === 'string') {
        obj.data[key] = obj.data[key].replace(/[\r\n]/g, '');
      }
    }
  }
  try {
    new model(obj).validate();
  } catch (e) {
    const errors = Array.isArray(e.errors) ? e.errors : null;
    if (errors) {
      for (const err of errors) {
        problems.push(`${err.instancePath || '/'} ${err.message}${err.params ? ' ' + JSON.stringify(err.params) : ''}`);
      }
    } else {
      problems.push(String(e.message || e));
    }
  }
  return problems;
}

function main(files) {
  if (files.length === 0) {
    console.error('usage: node validate.cjs FILE.yaml...');
    return 2;
  }
  let checked = 0;
  let failed = 0;
  for (const file of files) {
    const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
    for (const doc of docs) {
      if (doc.errors.length > 0) {
        failed++;
        for (const err of doc.errors) {
          console.error(`${path.basename(file)}: YAML: ${err.message}`);
        }
        continue;
      }
      const obj = doc.toJS();
      if (obj === null || obj === undefined) {
        continue;
      }
      checked++;
      const problems = validateObject(obj);
      if (problems.length > 0) {
        failed++;
        for (const problem of problems) {
          console.error(`${path.basename(file)}: ${describe(obj)}: ${problem}`);
        }
      }
    }
  }
  console.log(`schema: ${checked} objects checked, ${failed} invalid`);
  return failed === 0 && checked > 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
