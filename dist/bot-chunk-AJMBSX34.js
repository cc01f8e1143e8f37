// src/core/did-you-mean.ts
function closest(typo, candidates, key = (c) => c) {
  let best;
  let bestDistance = Math.max(2, Math.floor(typo.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(typo.toLowerCase(), key(candidate).toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}

// src/core/generated/validators.js
import * as __ucs2lengthModule from "ajv/dist/runtime/ucs2length.js";

// src/core/load/formats.ts
import { fullFormats } from "ajv-formats/dist/formats.js";
import semver from "semver";
var SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;
var SIMPLE_RANGE = /^[~^]?(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8}|x)\.(0|[1-9]\d{0,8}|x)$/;
function isVersion(v) {
  const m = v.length <= 256 ? SEMVER.exec(v) : null;
  return m !== null && [m[1], m[2], m[3]].every((n) => Number.isSafeInteger(Number(n)));
}
function isRange(v) {
  return SIMPLE_RANGE.test(v) || semver.validRange(v) !== null;
}
var formats = {
  semver: { type: "string", validate: isVersion },
  "semver-range": { type: "string", validate: isRange },
  date: fullFormats.date,
  "date-time": fullFormats["date-time"],
  uri: fullFormats.uri
};

// src/core/generated/validators.js
var __ucs2lengthDefault = __ucs2lengthModule.default;
var __ucs2length = { default: typeof __ucs2lengthDefault === "function" ? __ucs2lengthDefault : __ucs2lengthDefault.default };
var catalog = validate20;
var schema31 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://lockstep.dev/schemas/catalog.schema.json", "title": "Catalog", "description": "Releases of the platform, its suites and capabilities, and the advisories against them. Several catalog files are merged.", "type": "object", "additionalProperties": false, "required": ["apiVersion", "kind"], "properties": { "apiVersion": { "description": "Format version; always lockstep/v1.", "const": "lockstep/v1" }, "kind": { "description": "Document kind; always Catalog.", "const": "Catalog" }, "platform": { "description": "Platform releases.", "type": "array", "items": { "$ref": "#/$defs/platformRelease" } }, "suites": { "description": "Suite name -> its releases.", "type": "object", "propertyNames": { "$ref": "common.schema.json#/$defs/name" }, "additionalProperties": { "type": "array", "items": { "$ref": "#/$defs/suiteRelease" } } }, "capabilities": { "description": "Capability name -> its releases.", "type": "object", "propertyNames": { "$ref": "common.schema.json#/$defs/name" }, "additionalProperties": { "type": "array", "items": { "$ref": "#/$defs/capabilityRelease" } } }, "advisories": { "description": "Known vulnerabilities.", "type": "array", "items": { "$ref": "#/$defs/advisory" } } }, "$defs": { "platformRelease": { "description": "One platform release.", "type": "object", "additionalProperties": false, "required": ["version", "suites"], "properties": { "version": { "$ref": "common.schema.json#/$defs/version", "description": "The platform version." }, "suites": { "$ref": "common.schema.json#/$defs/rangeMap", "description": "Suite name -> the range of that suite compatible with this platform release." }, "yanked": { "description": "A yanked release is never chosen.", "type": "boolean", "default": false } } }, "suiteRelease": { "description": "One suite release.", "type": "object", "additionalProperties": false, "required": ["version", "capabilities"], "properties": { "version": { "$ref": "common.schema.json#/$defs/version", "description": "The suite version." }, "capabilities": { "$ref": "common.schema.json#/$defs/rangeMap", "description": "Capability name -> the range of that capability this suite release requires." }, "yanked": { "description": "A yanked release is never chosen.", "type": "boolean", "default": false } } }, "capabilityRelease": { "description": "One capability release.", "type": "object", "additionalProperties": false, "required": ["version", "artifact"], "properties": { "version": { "$ref": "common.schema.json#/$defs/version", "description": "The capability version." }, "artifact": { "description": "What the driver deploys (an image reference, a URL, a path); opaque to Lockstep.", "type": "string", "minLength": 1, "maxLength": 2048 }, "digest": { "description": "Content digest of the artifact, for example sha256:<64 hex>.", "type": "string", "pattern": "^[a-z0-9]+:[A-Fa-f0-9]{32,128}$" }, "yanked": { "description": "A yanked release is never chosen.", "type": "boolean", "default": false } } }, "advisory": { "description": "A known vulnerability affecting one platform, suite or capability over a version range. Name exactly one of capability, suite or platform.", "type": "object", "additionalProperties": false, "required": ["id", "severity", "affected", "summary", "published"], "properties": { "id": { "description": "Unique advisory id, for example ACME-2026-0042.", "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$" }, "severity": { "$ref": "common.schema.json#/$defs/severity", "description": "How severe it is." }, "capability": { "$ref": "common.schema.json#/$defs/name", "description": "The affected capability." }, "suite": { "$ref": "common.schema.json#/$defs/name", "description": "The affected suite." }, "platform": { "description": "true when the platform itself is affected.", "const": true }, "affected": { "$ref": "common.schema.json#/$defs/range", "description": "The affected versions, as a semver range." }, "summary": { "description": "One line describing the vulnerability.", "type": "string", "minLength": 1, "maxLength": 500 }, "published": { "$ref": "common.schema.json#/$defs/date", "description": "Publication date." }, "url": { "description": "Where to read more.", "type": "string", "format": "uri" } }, "oneOf": [{ "required": ["capability"], "not": { "anyOf": [{ "required": ["suite"] }, { "required": ["platform"] }] } }, { "required": ["suite"], "not": { "anyOf": [{ "required": ["capability"] }, { "required": ["platform"] }] } }, { "required": ["platform"], "not": { "anyOf": [{ "required": ["capability"] }, { "required": ["suite"] }] } }] } } };
var schema36 = { "description": "A suite, capability or environment name: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.", "type": "string", "pattern": "^[a-z0-9][a-z0-9._-]{0,62}$", "not": { "enum": ["constructor", "prototype"] } };
var schema32 = { "description": "One platform release.", "type": "object", "additionalProperties": false, "required": ["version", "suites"], "properties": { "version": { "$ref": "common.schema.json#/$defs/version", "description": "The platform version." }, "suites": { "$ref": "common.schema.json#/$defs/rangeMap", "description": "Suite name -> the range of that suite compatible with this platform release." }, "yanked": { "description": "A yanked release is never chosen.", "type": "boolean", "default": false } } };
var schema34 = { "description": "A semantic version without a leading 'v', for example 1.2.7.", "type": "string", "format": "semver" };
var formats0 = formats.semver;
var schema35 = { "description": "Name -> semver range.", "type": "object", "propertyNames": { "$ref": "#/$defs/name" }, "additionalProperties": { "$ref": "#/$defs/range" } };
var schema37 = { "description": "A semver range as npm writes it, for example ^2.1.0, ~1.8.0, 2.1.x or an exact version (a hard pin).", "type": "string", "format": "semver-range" };
var pattern4 = new RegExp("^[a-z0-9][a-z0-9._-]{0,62}$", "u");
var formats2 = formats["semver-range"];
function validate23(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate23.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    for (const key0 in data) {
      const _errs1 = errors;
      const _errs4 = errors;
      const _errs5 = errors;
      if (!(key0 === "constructor" || key0 === "prototype")) {
        const err0 = {};
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
      var valid2 = _errs5 === errors;
      if (valid2) {
        const err1 = { instancePath, schemaPath: "#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: key0, propertyName: key0 };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      } else {
        errors = _errs4;
        if (vErrors !== null) {
          if (_errs4) {
            vErrors.length = _errs4;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof key0 === "string") {
        if (!pattern4.test(key0)) {
          const err2 = { instancePath, schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: key0, propertyName: key0 };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = { instancePath, schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: key0, propertyName: key0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      var valid0 = _errs1 === errors;
      if (!valid0) {
        const err4 = { instancePath, schemaPath: "#/propertyNames", keyword: "propertyNames", params: { propertyName: key0 }, message: "property name must be valid", schema: schema35.propertyNames, parentSchema: schema35, data };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    for (const key1 in data) {
      let data0 = data[key1];
      if (typeof data0 === "string") {
        if (!formats2.validate(data0)) {
          const err5 = { instancePath: instancePath + "/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/range/format", keyword: "format", params: { format: "semver-range" }, message: 'must match format "semver-range"', schema: "semver-range", parentSchema: schema37, data: data0 };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = { instancePath: instancePath + "/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/range/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema37.type, parentSchema: schema37, data: data0 };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
  } else {
    const err7 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema35.type, parentSchema: schema35, data };
    if (vErrors === null) {
      vErrors = [err7];
    } else {
      vErrors.push(err7);
    }
    errors++;
  }
  validate23.errors = vErrors;
  return errors === 0;
}
validate23.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
function validate21(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate21.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.version === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "version" }, message: "must have required property 'version'", schema: schema32.required, parentSchema: schema32, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.suites === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "suites" }, message: "must have required property 'suites'", schema: schema32.required, parentSchema: schema32, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "version" || key0 === "suites" || key0 === "yanked")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema32, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.version !== void 0) {
      let data0 = data.version;
      if (typeof data0 === "string") {
        if (!formats0.validate(data0)) {
          const err3 = { instancePath: instancePath + "/version", schemaPath: "common.schema.json#/$defs/version/format", keyword: "format", params: { format: "semver" }, message: 'must match format "semver"', schema: "semver", parentSchema: schema34, data: data0 };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = { instancePath: instancePath + "/version", schemaPath: "common.schema.json#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data0 };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.suites !== void 0) {
      if (!validate23(data.suites, { instancePath: instancePath + "/suites", parentData: data, parentDataProperty: "suites", rootData, dynamicAnchors })) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.yanked !== void 0) {
      let data2 = data.yanked;
      if (typeof data2 !== "boolean") {
        const err5 = { instancePath: instancePath + "/yanked", schemaPath: "#/properties/yanked/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema32.properties.yanked.type, parentSchema: schema32.properties.yanked, data: data2 };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
  } else {
    const err6 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema32.type, parentSchema: schema32, data };
    if (vErrors === null) {
      vErrors = [err6];
    } else {
      vErrors.push(err6);
    }
    errors++;
  }
  validate21.errors = vErrors;
  return errors === 0;
}
validate21.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
var schema39 = { "description": "One suite release.", "type": "object", "additionalProperties": false, "required": ["version", "capabilities"], "properties": { "version": { "$ref": "common.schema.json#/$defs/version", "description": "The suite version." }, "capabilities": { "$ref": "common.schema.json#/$defs/rangeMap", "description": "Capability name -> the range of that capability this suite release requires." }, "yanked": { "description": "A yanked release is never chosen.", "type": "boolean", "default": false } } };
function validate26(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate26.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.version === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "version" }, message: "must have required property 'version'", schema: schema39.required, parentSchema: schema39, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.capabilities === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "capabilities" }, message: "must have required property 'capabilities'", schema: schema39.required, parentSchema: schema39, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "version" || key0 === "capabilities" || key0 === "yanked")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema39, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.version !== void 0) {
      let data0 = data.version;
      if (typeof data0 === "string") {
        if (!formats0.validate(data0)) {
          const err3 = { instancePath: instancePath + "/version", schemaPath: "common.schema.json#/$defs/version/format", keyword: "format", params: { format: "semver" }, message: 'must match format "semver"', schema: "semver", parentSchema: schema34, data: data0 };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = { instancePath: instancePath + "/version", schemaPath: "common.schema.json#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data0 };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.capabilities !== void 0) {
      if (!validate23(data.capabilities, { instancePath: instancePath + "/capabilities", parentData: data, parentDataProperty: "capabilities", rootData, dynamicAnchors })) {
        vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
        errors = vErrors.length;
      }
    }
    if (data.yanked !== void 0) {
      let data2 = data.yanked;
      if (typeof data2 !== "boolean") {
        const err5 = { instancePath: instancePath + "/yanked", schemaPath: "#/properties/yanked/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema39.properties.yanked.type, parentSchema: schema39.properties.yanked, data: data2 };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
  } else {
    const err6 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema39.type, parentSchema: schema39, data };
    if (vErrors === null) {
      vErrors = [err6];
    } else {
      vErrors.push(err6);
    }
    errors++;
  }
  validate26.errors = vErrors;
  return errors === 0;
}
validate26.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
var schema42 = { "description": "One capability release.", "type": "object", "additionalProperties": false, "required": ["version", "artifact"], "properties": { "version": { "$ref": "common.schema.json#/$defs/version", "description": "The capability version." }, "artifact": { "description": "What the driver deploys (an image reference, a URL, a path); opaque to Lockstep.", "type": "string", "minLength": 1, "maxLength": 2048 }, "digest": { "description": "Content digest of the artifact, for example sha256:<64 hex>.", "type": "string", "pattern": "^[a-z0-9]+:[A-Fa-f0-9]{32,128}$" }, "yanked": { "description": "A yanked release is never chosen.", "type": "boolean", "default": false } } };
var func1 = __ucs2length.default;
var pattern7 = new RegExp("^[a-z0-9]+:[A-Fa-f0-9]{32,128}$", "u");
function validate29(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate29.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.version === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "version" }, message: "must have required property 'version'", schema: schema42.required, parentSchema: schema42, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.artifact === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "artifact" }, message: "must have required property 'artifact'", schema: schema42.required, parentSchema: schema42, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "version" || key0 === "artifact" || key0 === "digest" || key0 === "yanked")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema42, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.version !== void 0) {
      let data0 = data.version;
      if (typeof data0 === "string") {
        if (!formats0.validate(data0)) {
          const err3 = { instancePath: instancePath + "/version", schemaPath: "common.schema.json#/$defs/version/format", keyword: "format", params: { format: "semver" }, message: 'must match format "semver"', schema: "semver", parentSchema: schema34, data: data0 };
          if (vErrors === null) {
            vErrors = [err3];
          } else {
            vErrors.push(err3);
          }
          errors++;
        }
      } else {
        const err4 = { instancePath: instancePath + "/version", schemaPath: "common.schema.json#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data0 };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.artifact !== void 0) {
      let data1 = data.artifact;
      if (typeof data1 === "string") {
        if (func1(data1) > 2048) {
          const err5 = { instancePath: instancePath + "/artifact", schemaPath: "#/properties/artifact/maxLength", keyword: "maxLength", params: { limit: 2048 }, message: "must NOT have more than 2048 characters", schema: 2048, parentSchema: schema42.properties.artifact, data: data1 };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
        if (func1(data1) < 1) {
          const err6 = { instancePath: instancePath + "/artifact", schemaPath: "#/properties/artifact/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema42.properties.artifact, data: data1 };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = { instancePath: instancePath + "/artifact", schemaPath: "#/properties/artifact/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema42.properties.artifact.type, parentSchema: schema42.properties.artifact, data: data1 };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.digest !== void 0) {
      let data2 = data.digest;
      if (typeof data2 === "string") {
        if (!pattern7.test(data2)) {
          const err8 = { instancePath: instancePath + "/digest", schemaPath: "#/properties/digest/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9]+:[A-Fa-f0-9]{32,128}$" }, message: 'must match pattern "^[a-z0-9]+:[A-Fa-f0-9]{32,128}$"', schema: "^[a-z0-9]+:[A-Fa-f0-9]{32,128}$", parentSchema: schema42.properties.digest, data: data2 };
          if (vErrors === null) {
            vErrors = [err8];
          } else {
            vErrors.push(err8);
          }
          errors++;
        }
      } else {
        const err9 = { instancePath: instancePath + "/digest", schemaPath: "#/properties/digest/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema42.properties.digest.type, parentSchema: schema42.properties.digest, data: data2 };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.yanked !== void 0) {
      let data3 = data.yanked;
      if (typeof data3 !== "boolean") {
        const err10 = { instancePath: instancePath + "/yanked", schemaPath: "#/properties/yanked/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema42.properties.yanked.type, parentSchema: schema42.properties.yanked, data: data3 };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
  } else {
    const err11 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema42.type, parentSchema: schema42, data };
    if (vErrors === null) {
      vErrors = [err11];
    } else {
      vErrors.push(err11);
    }
    errors++;
  }
  validate29.errors = vErrors;
  return errors === 0;
}
validate29.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
var schema44 = { "description": "A known vulnerability affecting one platform, suite or capability over a version range. Name exactly one of capability, suite or platform.", "type": "object", "additionalProperties": false, "required": ["id", "severity", "affected", "summary", "published"], "properties": { "id": { "description": "Unique advisory id, for example ACME-2026-0042.", "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$" }, "severity": { "$ref": "common.schema.json#/$defs/severity", "description": "How severe it is." }, "capability": { "$ref": "common.schema.json#/$defs/name", "description": "The affected capability." }, "suite": { "$ref": "common.schema.json#/$defs/name", "description": "The affected suite." }, "platform": { "description": "true when the platform itself is affected.", "const": true }, "affected": { "$ref": "common.schema.json#/$defs/range", "description": "The affected versions, as a semver range." }, "summary": { "description": "One line describing the vulnerability.", "type": "string", "minLength": 1, "maxLength": 500 }, "published": { "$ref": "common.schema.json#/$defs/date", "description": "Publication date." }, "url": { "description": "Where to read more.", "type": "string", "format": "uri" } }, "oneOf": [{ "required": ["capability"], "not": { "anyOf": [{ "required": ["suite"] }, { "required": ["platform"] }] } }, { "required": ["suite"], "not": { "anyOf": [{ "required": ["capability"] }, { "required": ["platform"] }] } }, { "required": ["platform"], "not": { "anyOf": [{ "required": ["capability"] }, { "required": ["suite"] }] } }] };
var schema45 = { "description": "Advisory severity, lowest to highest.", "type": "string", "enum": ["low", "moderate", "high", "critical"] };
var schema49 = { "description": "A calendar date, YYYY-MM-DD (UTC).", "type": "string", "format": "date" };
var func3 = Object.prototype.hasOwnProperty;
var pattern8 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$", "u");
var formats10 = formats.date;
var formats12 = formats.uri;
function validate31(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate31.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  const _errs1 = errors;
  let valid0 = false;
  let passing0 = null;
  const _errs2 = errors;
  const _errs3 = errors;
  const _errs4 = errors;
  const _errs5 = errors;
  let valid2 = false;
  const _errs6 = errors;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    let missing0;
    if (data.suite === void 0 && (missing0 = "suite")) {
      const err0 = {};
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
  }
  var _valid1 = _errs6 === errors;
  valid2 = valid2 || _valid1;
  const _errs7 = errors;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    let missing1;
    if (data.platform === void 0 && (missing1 = "platform")) {
      const err1 = {};
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
  }
  var _valid1 = _errs7 === errors;
  valid2 = valid2 || _valid1;
  if (!valid2) {
    const err2 = {};
    if (vErrors === null) {
      vErrors = [err2];
    } else {
      vErrors.push(err2);
    }
    errors++;
  } else {
    errors = _errs5;
    if (vErrors !== null) {
      if (_errs5) {
        vErrors.length = _errs5;
      } else {
        vErrors = null;
      }
    }
  }
  var valid1 = _errs4 === errors;
  if (valid1) {
    const err3 = { instancePath, schemaPath: "#/oneOf/0/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema44.oneOf[0].not, parentSchema: schema44.oneOf[0], data };
    if (vErrors === null) {
      vErrors = [err3];
    } else {
      vErrors.push(err3);
    }
    errors++;
  } else {
    errors = _errs3;
    if (vErrors !== null) {
      if (_errs3) {
        vErrors.length = _errs3;
      } else {
        vErrors = null;
      }
    }
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.capability === void 0) {
      const err4 = { instancePath, schemaPath: "#/oneOf/0/required", keyword: "required", params: { missingProperty: "capability" }, message: "must have required property 'capability'", schema: schema44.oneOf[0].required, parentSchema: schema44.oneOf[0], data };
      if (vErrors === null) {
        vErrors = [err4];
      } else {
        vErrors.push(err4);
      }
      errors++;
    }
  }
  var _valid0 = _errs2 === errors;
  if (_valid0) {
    valid0 = true;
    passing0 = 0;
  }
  const _errs8 = errors;
  const _errs9 = errors;
  const _errs10 = errors;
  const _errs11 = errors;
  let valid4 = false;
  const _errs12 = errors;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    let missing2;
    if (data.capability === void 0 && (missing2 = "capability")) {
      const err5 = {};
      if (vErrors === null) {
        vErrors = [err5];
      } else {
        vErrors.push(err5);
      }
      errors++;
    }
  }
  var _valid2 = _errs12 === errors;
  valid4 = valid4 || _valid2;
  const _errs13 = errors;
  if (data && typeof data == "object" && !Array.isArray(data)) {
    let missing3;
    if (data.platform === void 0 && (missing3 = "platform")) {
      const err6 = {};
      if (vErrors === null) {
        vErrors = [err6];
      } else {
        vErrors.push(err6);
      }
      errors++;
    }
  }
  var _valid2 = _errs13 === errors;
  valid4 = valid4 || _valid2;
  if (!valid4) {
    const err7 = {};
    if (vErrors === null) {
      vErrors = [err7];
    } else {
      vErrors.push(err7);
    }
    errors++;
  } else {
    errors = _errs11;
    if (vErrors !== null) {
      if (_errs11) {
        vErrors.length = _errs11;
      } else {
        vErrors = null;
      }
    }
  }
  var valid3 = _errs10 === errors;
  if (valid3) {
    const err8 = { instancePath, schemaPath: "#/oneOf/1/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema44.oneOf[1].not, parentSchema: schema44.oneOf[1], data };
    if (vErrors === null) {
      vErrors = [err8];
    } else {
      vErrors.push(err8);
    }
    errors++;
  } else {
    errors = _errs9;
    if (vErrors !== null) {
      if (_errs9) {
        vErrors.length = _errs9;
      } else {
        vErrors = null;
      }
    }
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.suite === void 0) {
      const err9 = { instancePath, schemaPath: "#/oneOf/1/required", keyword: "required", params: { missingProperty: "suite" }, message: "must have required property 'suite'", schema: schema44.oneOf[1].required, parentSchema: schema44.oneOf[1], data };
      if (vErrors === null) {
        vErrors = [err9];
      } else {
        vErrors.push(err9);
      }
      errors++;
    }
  }
  var _valid0 = _errs8 === errors;
  if (_valid0 && valid0) {
    valid0 = false;
    passing0 = [passing0, 1];
  } else {
    if (_valid0) {
      valid0 = true;
      passing0 = 1;
    }
    const _errs14 = errors;
    const _errs15 = errors;
    const _errs16 = errors;
    const _errs17 = errors;
    let valid6 = false;
    const _errs18 = errors;
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing4;
      if (data.capability === void 0 && (missing4 = "capability")) {
        const err10 = {};
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    var _valid3 = _errs18 === errors;
    valid6 = valid6 || _valid3;
    const _errs19 = errors;
    if (data && typeof data == "object" && !Array.isArray(data)) {
      let missing5;
      if (data.suite === void 0 && (missing5 = "suite")) {
        const err11 = {};
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    var _valid3 = _errs19 === errors;
    valid6 = valid6 || _valid3;
    if (!valid6) {
      const err12 = {};
      if (vErrors === null) {
        vErrors = [err12];
      } else {
        vErrors.push(err12);
      }
      errors++;
    } else {
      errors = _errs17;
      if (vErrors !== null) {
        if (_errs17) {
          vErrors.length = _errs17;
        } else {
          vErrors = null;
        }
      }
    }
    var valid5 = _errs16 === errors;
    if (valid5) {
      const err13 = { instancePath, schemaPath: "#/oneOf/2/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema44.oneOf[2].not, parentSchema: schema44.oneOf[2], data };
      if (vErrors === null) {
        vErrors = [err13];
      } else {
        vErrors.push(err13);
      }
      errors++;
    } else {
      errors = _errs15;
      if (vErrors !== null) {
        if (_errs15) {
          vErrors.length = _errs15;
        } else {
          vErrors = null;
        }
      }
    }
    if (data && typeof data == "object" && !Array.isArray(data)) {
      if (data.platform === void 0) {
        const err14 = { instancePath, schemaPath: "#/oneOf/2/required", keyword: "required", params: { missingProperty: "platform" }, message: "must have required property 'platform'", schema: schema44.oneOf[2].required, parentSchema: schema44.oneOf[2], data };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
    }
    var _valid0 = _errs14 === errors;
    if (_valid0 && valid0) {
      valid0 = false;
      passing0 = [passing0, 2];
    } else {
      if (_valid0) {
        valid0 = true;
        passing0 = 2;
      }
    }
  }
  if (!valid0) {
    const err15 = { instancePath, schemaPath: "#/oneOf", keyword: "oneOf", params: { passingSchemas: passing0 }, message: "must match exactly one schema in oneOf", schema: schema44.oneOf, parentSchema: schema44, data };
    if (vErrors === null) {
      vErrors = [err15];
    } else {
      vErrors.push(err15);
    }
    errors++;
  } else {
    errors = _errs1;
    if (vErrors !== null) {
      if (_errs1) {
        vErrors.length = _errs1;
      } else {
        vErrors = null;
      }
    }
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.id === void 0) {
      const err16 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "id" }, message: "must have required property 'id'", schema: schema44.required, parentSchema: schema44, data };
      if (vErrors === null) {
        vErrors = [err16];
      } else {
        vErrors.push(err16);
      }
      errors++;
    }
    if (data.severity === void 0) {
      const err17 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "severity" }, message: "must have required property 'severity'", schema: schema44.required, parentSchema: schema44, data };
      if (vErrors === null) {
        vErrors = [err17];
      } else {
        vErrors.push(err17);
      }
      errors++;
    }
    if (data.affected === void 0) {
      const err18 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "affected" }, message: "must have required property 'affected'", schema: schema44.required, parentSchema: schema44, data };
      if (vErrors === null) {
        vErrors = [err18];
      } else {
        vErrors.push(err18);
      }
      errors++;
    }
    if (data.summary === void 0) {
      const err19 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "summary" }, message: "must have required property 'summary'", schema: schema44.required, parentSchema: schema44, data };
      if (vErrors === null) {
        vErrors = [err19];
      } else {
        vErrors.push(err19);
      }
      errors++;
    }
    if (data.published === void 0) {
      const err20 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "published" }, message: "must have required property 'published'", schema: schema44.required, parentSchema: schema44, data };
      if (vErrors === null) {
        vErrors = [err20];
      } else {
        vErrors.push(err20);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func3.call(schema44.properties, key0)) {
        const err21 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema44, data };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
    }
    if (data.id !== void 0) {
      let data0 = data.id;
      if (typeof data0 === "string") {
        if (!pattern8.test(data0)) {
          const err22 = { instancePath: instancePath + "/id", schemaPath: "#/properties/id/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$"', schema: "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$", parentSchema: schema44.properties.id, data: data0 };
          if (vErrors === null) {
            vErrors = [err22];
          } else {
            vErrors.push(err22);
          }
          errors++;
        }
      } else {
        const err23 = { instancePath: instancePath + "/id", schemaPath: "#/properties/id/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema44.properties.id.type, parentSchema: schema44.properties.id, data: data0 };
        if (vErrors === null) {
          vErrors = [err23];
        } else {
          vErrors.push(err23);
        }
        errors++;
      }
    }
    if (data.severity !== void 0) {
      let data1 = data.severity;
      if (typeof data1 !== "string") {
        const err24 = { instancePath: instancePath + "/severity", schemaPath: "common.schema.json#/$defs/severity/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema45.type, parentSchema: schema45, data: data1 };
        if (vErrors === null) {
          vErrors = [err24];
        } else {
          vErrors.push(err24);
        }
        errors++;
      }
      if (!(data1 === "low" || data1 === "moderate" || data1 === "high" || data1 === "critical")) {
        const err25 = { instancePath: instancePath + "/severity", schemaPath: "common.schema.json#/$defs/severity/enum", keyword: "enum", params: { allowedValues: schema45.enum }, message: "must be equal to one of the allowed values", schema: schema45.enum, parentSchema: schema45, data: data1 };
        if (vErrors === null) {
          vErrors = [err25];
        } else {
          vErrors.push(err25);
        }
        errors++;
      }
    }
    if (data.capability !== void 0) {
      let data2 = data.capability;
      const _errs29 = errors;
      const _errs30 = errors;
      if (!(data2 === "constructor" || data2 === "prototype")) {
        const err26 = {};
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      }
      var valid10 = _errs30 === errors;
      if (valid10) {
        const err27 = { instancePath: instancePath + "/capability", schemaPath: "common.schema.json#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: data2 };
        if (vErrors === null) {
          vErrors = [err27];
        } else {
          vErrors.push(err27);
        }
        errors++;
      } else {
        errors = _errs29;
        if (vErrors !== null) {
          if (_errs29) {
            vErrors.length = _errs29;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data2 === "string") {
        if (!pattern4.test(data2)) {
          const err28 = { instancePath: instancePath + "/capability", schemaPath: "common.schema.json#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: data2 };
          if (vErrors === null) {
            vErrors = [err28];
          } else {
            vErrors.push(err28);
          }
          errors++;
        }
      } else {
        const err29 = { instancePath: instancePath + "/capability", schemaPath: "common.schema.json#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data2 };
        if (vErrors === null) {
          vErrors = [err29];
        } else {
          vErrors.push(err29);
        }
        errors++;
      }
    }
    if (data.suite !== void 0) {
      let data3 = data.suite;
      const _errs34 = errors;
      const _errs35 = errors;
      if (!(data3 === "constructor" || data3 === "prototype")) {
        const err30 = {};
        if (vErrors === null) {
          vErrors = [err30];
        } else {
          vErrors.push(err30);
        }
        errors++;
      }
      var valid12 = _errs35 === errors;
      if (valid12) {
        const err31 = { instancePath: instancePath + "/suite", schemaPath: "common.schema.json#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: data3 };
        if (vErrors === null) {
          vErrors = [err31];
        } else {
          vErrors.push(err31);
        }
        errors++;
      } else {
        errors = _errs34;
        if (vErrors !== null) {
          if (_errs34) {
            vErrors.length = _errs34;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data3 === "string") {
        if (!pattern4.test(data3)) {
          const err32 = { instancePath: instancePath + "/suite", schemaPath: "common.schema.json#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: data3 };
          if (vErrors === null) {
            vErrors = [err32];
          } else {
            vErrors.push(err32);
          }
          errors++;
        }
      } else {
        const err33 = { instancePath: instancePath + "/suite", schemaPath: "common.schema.json#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data3 };
        if (vErrors === null) {
          vErrors = [err33];
        } else {
          vErrors.push(err33);
        }
        errors++;
      }
    }
    if (data.platform !== void 0) {
      let data4 = data.platform;
      if (true !== data4) {
        const err34 = { instancePath: instancePath + "/platform", schemaPath: "#/properties/platform/const", keyword: "const", params: { allowedValue: true }, message: "must be equal to constant", schema: true, parentSchema: schema44.properties.platform, data: data4 };
        if (vErrors === null) {
          vErrors = [err34];
        } else {
          vErrors.push(err34);
        }
        errors++;
      }
    }
    if (data.affected !== void 0) {
      let data5 = data.affected;
      if (typeof data5 === "string") {
        if (!formats2.validate(data5)) {
          const err35 = { instancePath: instancePath + "/affected", schemaPath: "common.schema.json#/$defs/range/format", keyword: "format", params: { format: "semver-range" }, message: 'must match format "semver-range"', schema: "semver-range", parentSchema: schema37, data: data5 };
          if (vErrors === null) {
            vErrors = [err35];
          } else {
            vErrors.push(err35);
          }
          errors++;
        }
      } else {
        const err36 = { instancePath: instancePath + "/affected", schemaPath: "common.schema.json#/$defs/range/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema37.type, parentSchema: schema37, data: data5 };
        if (vErrors === null) {
          vErrors = [err36];
        } else {
          vErrors.push(err36);
        }
        errors++;
      }
    }
    if (data.summary !== void 0) {
      let data6 = data.summary;
      if (typeof data6 === "string") {
        if (func1(data6) > 500) {
          const err37 = { instancePath: instancePath + "/summary", schemaPath: "#/properties/summary/maxLength", keyword: "maxLength", params: { limit: 500 }, message: "must NOT have more than 500 characters", schema: 500, parentSchema: schema44.properties.summary, data: data6 };
          if (vErrors === null) {
            vErrors = [err37];
          } else {
            vErrors.push(err37);
          }
          errors++;
        }
        if (func1(data6) < 1) {
          const err38 = { instancePath: instancePath + "/summary", schemaPath: "#/properties/summary/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema44.properties.summary, data: data6 };
          if (vErrors === null) {
            vErrors = [err38];
          } else {
            vErrors.push(err38);
          }
          errors++;
        }
      } else {
        const err39 = { instancePath: instancePath + "/summary", schemaPath: "#/properties/summary/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema44.properties.summary.type, parentSchema: schema44.properties.summary, data: data6 };
        if (vErrors === null) {
          vErrors = [err39];
        } else {
          vErrors.push(err39);
        }
        errors++;
      }
    }
    if (data.published !== void 0) {
      let data7 = data.published;
      if (typeof data7 === "string") {
        if (!formats10.validate(data7)) {
          const err40 = { instancePath: instancePath + "/published", schemaPath: "common.schema.json#/$defs/date/format", keyword: "format", params: { format: "date" }, message: 'must match format "date"', schema: "date", parentSchema: schema49, data: data7 };
          if (vErrors === null) {
            vErrors = [err40];
          } else {
            vErrors.push(err40);
          }
          errors++;
        }
      } else {
        const err41 = { instancePath: instancePath + "/published", schemaPath: "common.schema.json#/$defs/date/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema49.type, parentSchema: schema49, data: data7 };
        if (vErrors === null) {
          vErrors = [err41];
        } else {
          vErrors.push(err41);
        }
        errors++;
      }
    }
    if (data.url !== void 0) {
      let data8 = data.url;
      if (typeof data8 === "string") {
        if (!formats12(data8)) {
          const err42 = { instancePath: instancePath + "/url", schemaPath: "#/properties/url/format", keyword: "format", params: { format: "uri" }, message: 'must match format "uri"', schema: "uri", parentSchema: schema44.properties.url, data: data8 };
          if (vErrors === null) {
            vErrors = [err42];
          } else {
            vErrors.push(err42);
          }
          errors++;
        }
      } else {
        const err43 = { instancePath: instancePath + "/url", schemaPath: "#/properties/url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema44.properties.url.type, parentSchema: schema44.properties.url, data: data8 };
        if (vErrors === null) {
          vErrors = [err43];
        } else {
          vErrors.push(err43);
        }
        errors++;
      }
    }
  } else {
    const err44 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema44.type, parentSchema: schema44, data };
    if (vErrors === null) {
      vErrors = [err44];
    } else {
      vErrors.push(err44);
    }
    errors++;
  }
  validate31.errors = vErrors;
  return errors === 0;
}
validate31.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
function validate20(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate20.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.apiVersion === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "apiVersion" }, message: "must have required property 'apiVersion'", schema: schema31.required, parentSchema: schema31, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.kind === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "kind" }, message: "must have required property 'kind'", schema: schema31.required, parentSchema: schema31, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "apiVersion" || key0 === "kind" || key0 === "platform" || key0 === "suites" || key0 === "capabilities" || key0 === "advisories")) {
        const err2 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema31, data };
        if (vErrors === null) {
          vErrors = [err2];
        } else {
          vErrors.push(err2);
        }
        errors++;
      }
    }
    if (data.apiVersion !== void 0) {
      let data0 = data.apiVersion;
      if ("lockstep/v1" !== data0) {
        const err3 = { instancePath: instancePath + "/apiVersion", schemaPath: "#/properties/apiVersion/const", keyword: "const", params: { allowedValue: "lockstep/v1" }, message: "must be equal to constant", schema: "lockstep/v1", parentSchema: schema31.properties.apiVersion, data: data0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.kind !== void 0) {
      let data1 = data.kind;
      if ("Catalog" !== data1) {
        const err4 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/const", keyword: "const", params: { allowedValue: "Catalog" }, message: "must be equal to constant", schema: "Catalog", parentSchema: schema31.properties.kind, data: data1 };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.platform !== void 0) {
      let data2 = data.platform;
      if (Array.isArray(data2)) {
        const len0 = data2.length;
        for (let i0 = 0; i0 < len0; i0++) {
          if (!validate21(data2[i0], { instancePath: instancePath + "/platform/" + i0, parentData: data2, parentDataProperty: i0, rootData, dynamicAnchors })) {
            vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err5 = { instancePath: instancePath + "/platform", schemaPath: "#/properties/platform/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema31.properties.platform.type, parentSchema: schema31.properties.platform, data: data2 };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.suites !== void 0) {
      let data4 = data.suites;
      if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
        for (const key1 in data4) {
          const _errs9 = errors;
          const _errs12 = errors;
          const _errs13 = errors;
          if (!(key1 === "constructor" || key1 === "prototype")) {
            const err6 = {};
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
          var valid5 = _errs13 === errors;
          if (valid5) {
            const err7 = { instancePath: instancePath + "/suites", schemaPath: "common.schema.json#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: key1, propertyName: key1 };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          } else {
            errors = _errs12;
            if (vErrors !== null) {
              if (_errs12) {
                vErrors.length = _errs12;
              } else {
                vErrors = null;
              }
            }
          }
          if (typeof key1 === "string") {
            if (!pattern4.test(key1)) {
              const err8 = { instancePath: instancePath + "/suites", schemaPath: "common.schema.json#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: key1, propertyName: key1 };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
          } else {
            const err9 = { instancePath: instancePath + "/suites", schemaPath: "common.schema.json#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: key1, propertyName: key1 };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
          var valid3 = _errs9 === errors;
          if (!valid3) {
            const err10 = { instancePath: instancePath + "/suites", schemaPath: "#/properties/suites/propertyNames", keyword: "propertyNames", params: { propertyName: key1 }, message: "property name must be valid", schema: schema31.properties.suites.propertyNames, parentSchema: schema31.properties.suites, data: data4 };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
        for (const key2 in data4) {
          let data5 = data4[key2];
          if (Array.isArray(data5)) {
            const len1 = data5.length;
            for (let i1 = 0; i1 < len1; i1++) {
              if (!validate26(data5[i1], { instancePath: instancePath + "/suites/" + key2.replace(/~/g, "~0").replace(/\//g, "~1") + "/" + i1, parentData: data5, parentDataProperty: i1, rootData, dynamicAnchors })) {
                vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
                errors = vErrors.length;
              }
            }
          } else {
            const err11 = { instancePath: instancePath + "/suites/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/suites/additionalProperties/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema31.properties.suites.additionalProperties.type, parentSchema: schema31.properties.suites.additionalProperties, data: data5 };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
      } else {
        const err12 = { instancePath: instancePath + "/suites", schemaPath: "#/properties/suites/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.suites.type, parentSchema: schema31.properties.suites, data: data4 };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.capabilities !== void 0) {
      let data7 = data.capabilities;
      if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
        for (const key3 in data7) {
          const _errs20 = errors;
          const _errs23 = errors;
          const _errs24 = errors;
          if (!(key3 === "constructor" || key3 === "prototype")) {
            const err13 = {};
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
          var valid11 = _errs24 === errors;
          if (valid11) {
            const err14 = { instancePath: instancePath + "/capabilities", schemaPath: "common.schema.json#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: key3, propertyName: key3 };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          } else {
            errors = _errs23;
            if (vErrors !== null) {
              if (_errs23) {
                vErrors.length = _errs23;
              } else {
                vErrors = null;
              }
            }
          }
          if (typeof key3 === "string") {
            if (!pattern4.test(key3)) {
              const err15 = { instancePath: instancePath + "/capabilities", schemaPath: "common.schema.json#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: key3, propertyName: key3 };
              if (vErrors === null) {
                vErrors = [err15];
              } else {
                vErrors.push(err15);
              }
              errors++;
            }
          } else {
            const err16 = { instancePath: instancePath + "/capabilities", schemaPath: "common.schema.json#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: key3, propertyName: key3 };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
          var valid9 = _errs20 === errors;
          if (!valid9) {
            const err17 = { instancePath: instancePath + "/capabilities", schemaPath: "#/properties/capabilities/propertyNames", keyword: "propertyNames", params: { propertyName: key3 }, message: "property name must be valid", schema: schema31.properties.capabilities.propertyNames, parentSchema: schema31.properties.capabilities, data: data7 };
            if (vErrors === null) {
              vErrors = [err17];
            } else {
              vErrors.push(err17);
            }
            errors++;
          }
        }
        for (const key4 in data7) {
          let data8 = data7[key4];
          if (Array.isArray(data8)) {
            const len2 = data8.length;
            for (let i2 = 0; i2 < len2; i2++) {
              if (!validate29(data8[i2], { instancePath: instancePath + "/capabilities/" + key4.replace(/~/g, "~0").replace(/\//g, "~1") + "/" + i2, parentData: data8, parentDataProperty: i2, rootData, dynamicAnchors })) {
                vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
                errors = vErrors.length;
              }
            }
          } else {
            const err18 = { instancePath: instancePath + "/capabilities/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/properties/capabilities/additionalProperties/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema31.properties.capabilities.additionalProperties.type, parentSchema: schema31.properties.capabilities.additionalProperties, data: data8 };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          }
        }
      } else {
        const err19 = { instancePath: instancePath + "/capabilities", schemaPath: "#/properties/capabilities/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.properties.capabilities.type, parentSchema: schema31.properties.capabilities, data: data7 };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
    }
    if (data.advisories !== void 0) {
      let data10 = data.advisories;
      if (Array.isArray(data10)) {
        const len3 = data10.length;
        for (let i3 = 0; i3 < len3; i3++) {
          if (!validate31(data10[i3], { instancePath: instancePath + "/advisories/" + i3, parentData: data10, parentDataProperty: i3, rootData, dynamicAnchors })) {
            vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err20 = { instancePath: instancePath + "/advisories", schemaPath: "#/properties/advisories/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema31.properties.advisories.type, parentSchema: schema31.properties.advisories, data: data10 };
        if (vErrors === null) {
          vErrors = [err20];
        } else {
          vErrors.push(err20);
        }
        errors++;
      }
    }
  } else {
    const err21 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema31.type, parentSchema: schema31, data };
    if (vErrors === null) {
      vErrors = [err21];
    } else {
      vErrors.push(err21);
    }
    errors++;
  }
  validate20.errors = vErrors;
  return errors === 0;
}
validate20.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
var environment = validate33;
var schema50 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://lockstep.dev/schemas/environment.schema.json", "title": "Environment", "description": "The desired state of one environment: update channel, pins, approvals, freezes, security policy and deploy target. The file is environments/<name>.yaml.", "type": "object", "additionalProperties": false, "required": ["apiVersion", "kind", "name", "channel"], "properties": { "apiVersion": { "description": "Format version; always lockstep/v1.", "const": "lockstep/v1" }, "kind": { "description": "Document kind; always Environment.", "const": "Environment" }, "name": { "$ref": "common.schema.json#/$defs/name", "description": "The environment name; equals the file name without .yaml." }, "channel": { "$ref": "common.schema.json#/$defs/channel", "description": "The update channel." }, "pins": { "description": "Version constraints, as semver ranges; an exact version is a hard pin.", "type": "object", "additionalProperties": false, "properties": { "platform": { "$ref": "common.schema.json#/$defs/range", "description": "Range for the platform release." }, "suites": { "$ref": "common.schema.json#/$defs/rangeMap", "description": "Suite name -> range." }, "capabilities": { "$ref": "common.schema.json#/$defs/rangeMap", "description": "Capability name -> range." } } }, "approvals": { "description": "Who must approve a change on the manual-approval channel (and a rollback while frozen).", "type": "object", "additionalProperties": false, "required": ["required"], "properties": { "required": { "description": "How many distinct approvers must approve.", "type": "integer", "minimum": 0, "maximum": 20 }, "approvers": { "description": "GitHub logins, or @org/team entries meaning the team's members.", "type": "array", "uniqueItems": true, "items": { "type": "string", "pattern": "^(@[A-Za-z0-9-]+/[A-Za-z0-9._-]+|[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$" } } } }, "freeze": { "description": "Windows in which the environment behaves as frozen.", "type": "array", "items": { "type": "object", "description": "One freeze window, from (inclusive) until (exclusive).", "additionalProperties": false, "required": ["from", "until"], "properties": { "from": { "$ref": "common.schema.json#/$defs/dateTime", "description": "Start of the window (inclusive)." }, "until": { "$ref": "common.schema.json#/$defs/dateTime", "description": "End of the window (exclusive)." }, "reason": { "description": "Why the environment is frozen.", "type": "string", "maxLength": 500 } } } }, "security": { "description": "Security policy.", "type": "object", "additionalProperties": false, "properties": { "enforce": { "$ref": "common.schema.json#/$defs/severity", "description": "The lowest severity enforced regardless of channel and pins.", "default": "critical" }, "waivers": { "description": "Advisories accepted for a time.", "type": "array", "items": { "type": "object", "description": "One waiver; in force through its until date (UTC).", "additionalProperties": false, "required": ["advisory", "until", "reason", "approvedBy"], "properties": { "advisory": { "description": "The advisory id waived.", "type": "string", "minLength": 1, "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$" }, "until": { "$ref": "common.schema.json#/$defs/date", "description": "Last day the waiver is in force (UTC)." }, "reason": { "description": "Why the risk is accepted.", "type": "string", "minLength": 1, "maxLength": 500 }, "approvedBy": { "description": "Who accepted the risk.", "type": "string", "minLength": 1 } } } } } }, "deploy": { "description": "The deploy target.", "type": "object", "additionalProperties": false, "properties": { "driver": { "description": "directory (default) writes the manifest under .lockstep/ in the repository; command runs a program; webhook POSTs the manifest.", "type": "string", "enum": ["directory", "command", "webhook"], "default": "directory" }, "command": { "description": "command driver: the program and its arguments (no shell). The manifest path is passed in LOCKSTEP_MANIFEST.", "type": "array", "minItems": 1, "items": { "type": "string", "minLength": 1 } }, "url": { "description": "webhook driver: the URL the manifest is POSTed to.", "type": "string", "format": "uri" }, "secretEnv": { "description": "webhook driver: the environment variable holding the HMAC-SHA256 secret (default LOCKSTEP_WEBHOOK_SECRET).", "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$", "default": "LOCKSTEP_WEBHOOK_SECRET" }, "timeoutSeconds": { "description": "command and webhook drivers: how long one attempt may take.", "type": "integer", "minimum": 1, "maximum": 3600 }, "retries": { "description": "webhook driver: retries on 5xx and network errors, with backoff.", "type": "integer", "minimum": 0, "maximum": 10 }, "healthCheck": { "description": "Checked after a successful deploy: exactly one of command or url, retried with backoff until healthy; a failing check fails the deploy.", "type": "object", "additionalProperties": false, "properties": { "command": { "description": "The program and its arguments (no shell); healthy when it exits 0. Gets LOCKSTEP_ENVIRONMENT, LOCKSTEP_DIGEST and LOCKSTEP_TAG in its environment.", "type": "array", "minItems": 1, "items": { "type": "string", "minLength": 1 } }, "url": { "description": "Healthy when a GET of this URL answers 2xx.", "type": "string", "format": "uri" }, "retries": { "description": "How many times a failed check is retried before the deploy fails (default 5).", "type": "integer", "minimum": 0, "maximum": 20 }, "intervalSeconds": { "description": "Wait before the first retry (default 5); it doubles after each failed attempt, up to 5 minutes or intervalSeconds when larger.", "type": "integer", "minimum": 1, "maximum": 600 }, "timeoutSeconds": { "description": "How long one attempt may take (default 30).", "type": "integer", "minimum": 1, "maximum": 600 } }, "if": { "required": ["command"] }, "then": { "not": { "required": ["url"] } }, "else": { "required": ["url"] } } }, "allOf": [{ "if": { "required": ["driver"], "properties": { "driver": { "const": "command" } } }, "then": { "required": ["command"] } }, { "if": { "required": ["driver"], "properties": { "driver": { "const": "webhook" } } }, "then": { "required": ["url"] } }] }, "hold": { "description": "Set by a rollback, removed by a person: the environment behaves as frozen (enforced security patches still apply).", "type": "object", "additionalProperties": false, "required": ["reason", "since"], "properties": { "reason": { "description": "Why it is held, for example the rollback it came from.", "type": "string", "minLength": 1 }, "since": { "$ref": "common.schema.json#/$defs/date", "description": "When the hold was set." } } } } };
var schema52 = { "description": "Update channel: auto-update deploys any change, manual-approval needs PR approvals, frozen allows only enforced security patches and rollbacks.", "type": "string", "enum": ["auto-update", "manual-approval", "frozen"] };
var schema57 = { "description": "An RFC 3339 date and time with a zone, for example 2026-12-20T00:00:00Z.", "type": "string", "format": "date-time" };
var pattern13 = new RegExp("^(@[A-Za-z0-9-]+/[A-Za-z0-9._-]+|[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$", "u");
var pattern15 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
var formats18 = formats["date-time"];
function validate34(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate34.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    for (const key0 in data) {
      const _errs1 = errors;
      const _errs4 = errors;
      const _errs5 = errors;
      if (!(key0 === "constructor" || key0 === "prototype")) {
        const err0 = {};
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
      var valid2 = _errs5 === errors;
      if (valid2) {
        const err1 = { instancePath, schemaPath: "#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: key0, propertyName: key0 };
        if (vErrors === null) {
          vErrors = [err1];
        } else {
          vErrors.push(err1);
        }
        errors++;
      } else {
        errors = _errs4;
        if (vErrors !== null) {
          if (_errs4) {
            vErrors.length = _errs4;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof key0 === "string") {
        if (!pattern4.test(key0)) {
          const err2 = { instancePath, schemaPath: "#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: key0, propertyName: key0 };
          if (vErrors === null) {
            vErrors = [err2];
          } else {
            vErrors.push(err2);
          }
          errors++;
        }
      } else {
        const err3 = { instancePath, schemaPath: "#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: key0, propertyName: key0 };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
      var valid0 = _errs1 === errors;
      if (!valid0) {
        const err4 = { instancePath, schemaPath: "#/propertyNames", keyword: "propertyNames", params: { propertyName: key0 }, message: "property name must be valid", schema: schema35.propertyNames, parentSchema: schema35, data };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    for (const key1 in data) {
      let data0 = data[key1];
      if (typeof data0 === "string") {
        if (!formats2.validate(data0)) {
          const err5 = { instancePath: instancePath + "/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/range/format", keyword: "format", params: { format: "semver-range" }, message: 'must match format "semver-range"', schema: "semver-range", parentSchema: schema37, data: data0 };
          if (vErrors === null) {
            vErrors = [err5];
          } else {
            vErrors.push(err5);
          }
          errors++;
        }
      } else {
        const err6 = { instancePath: instancePath + "/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "#/$defs/range/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema37.type, parentSchema: schema37, data: data0 };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
  } else {
    const err7 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema35.type, parentSchema: schema35, data };
    if (vErrors === null) {
      vErrors = [err7];
    } else {
      vErrors.push(err7);
    }
    errors++;
  }
  validate34.errors = vErrors;
  return errors === 0;
}
validate34.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
function validate33(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate33.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.apiVersion === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "apiVersion" }, message: "must have required property 'apiVersion'", schema: schema50.required, parentSchema: schema50, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.kind === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "kind" }, message: "must have required property 'kind'", schema: schema50.required, parentSchema: schema50, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.name === void 0) {
      const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "name" }, message: "must have required property 'name'", schema: schema50.required, parentSchema: schema50, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.channel === void 0) {
      const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "channel" }, message: "must have required property 'channel'", schema: schema50.required, parentSchema: schema50, data };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func3.call(schema50.properties, key0)) {
        const err4 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema50, data };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.apiVersion !== void 0) {
      let data0 = data.apiVersion;
      if ("lockstep/v1" !== data0) {
        const err5 = { instancePath: instancePath + "/apiVersion", schemaPath: "#/properties/apiVersion/const", keyword: "const", params: { allowedValue: "lockstep/v1" }, message: "must be equal to constant", schema: "lockstep/v1", parentSchema: schema50.properties.apiVersion, data: data0 };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.kind !== void 0) {
      let data1 = data.kind;
      if ("Environment" !== data1) {
        const err6 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/const", keyword: "const", params: { allowedValue: "Environment" }, message: "must be equal to constant", schema: "Environment", parentSchema: schema50.properties.kind, data: data1 };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.name !== void 0) {
      let data2 = data.name;
      const _errs7 = errors;
      const _errs8 = errors;
      if (!(data2 === "constructor" || data2 === "prototype")) {
        const err7 = {};
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
      var valid2 = _errs8 === errors;
      if (valid2) {
        const err8 = { instancePath: instancePath + "/name", schemaPath: "common.schema.json#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: data2 };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      } else {
        errors = _errs7;
        if (vErrors !== null) {
          if (_errs7) {
            vErrors.length = _errs7;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data2 === "string") {
        if (!pattern4.test(data2)) {
          const err9 = { instancePath: instancePath + "/name", schemaPath: "common.schema.json#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: data2 };
          if (vErrors === null) {
            vErrors = [err9];
          } else {
            vErrors.push(err9);
          }
          errors++;
        }
      } else {
        const err10 = { instancePath: instancePath + "/name", schemaPath: "common.schema.json#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data2 };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.channel !== void 0) {
      let data3 = data.channel;
      if (typeof data3 !== "string") {
        const err11 = { instancePath: instancePath + "/channel", schemaPath: "common.schema.json#/$defs/channel/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema52.type, parentSchema: schema52, data: data3 };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
      if (!(data3 === "auto-update" || data3 === "manual-approval" || data3 === "frozen")) {
        const err12 = { instancePath: instancePath + "/channel", schemaPath: "common.schema.json#/$defs/channel/enum", keyword: "enum", params: { allowedValues: schema52.enum }, message: "must be equal to one of the allowed values", schema: schema52.enum, parentSchema: schema52, data: data3 };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
    if (data.pins !== void 0) {
      let data4 = data.pins;
      if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
        for (const key1 in data4) {
          if (!(key1 === "platform" || key1 === "suites" || key1 === "capabilities")) {
            const err13 = { instancePath: instancePath + "/pins", schemaPath: "#/properties/pins/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: false, parentSchema: schema50.properties.pins, data: data4 };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
        if (data4.platform !== void 0) {
          let data5 = data4.platform;
          if (typeof data5 === "string") {
            if (!formats2.validate(data5)) {
              const err14 = { instancePath: instancePath + "/pins/platform", schemaPath: "common.schema.json#/$defs/range/format", keyword: "format", params: { format: "semver-range" }, message: 'must match format "semver-range"', schema: "semver-range", parentSchema: schema37, data: data5 };
              if (vErrors === null) {
                vErrors = [err14];
              } else {
                vErrors.push(err14);
              }
              errors++;
            }
          } else {
            const err15 = { instancePath: instancePath + "/pins/platform", schemaPath: "common.schema.json#/$defs/range/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema37.type, parentSchema: schema37, data: data5 };
            if (vErrors === null) {
              vErrors = [err15];
            } else {
              vErrors.push(err15);
            }
            errors++;
          }
        }
        if (data4.suites !== void 0) {
          if (!validate34(data4.suites, { instancePath: instancePath + "/pins/suites", parentData: data4, parentDataProperty: "suites", rootData, dynamicAnchors })) {
            vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
            errors = vErrors.length;
          }
        }
        if (data4.capabilities !== void 0) {
          if (!validate34(data4.capabilities, { instancePath: instancePath + "/pins/capabilities", parentData: data4, parentDataProperty: "capabilities", rootData, dynamicAnchors })) {
            vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err16 = { instancePath: instancePath + "/pins", schemaPath: "#/properties/pins/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.pins.type, parentSchema: schema50.properties.pins, data: data4 };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
    }
    if (data.approvals !== void 0) {
      let data8 = data.approvals;
      if (data8 && typeof data8 == "object" && !Array.isArray(data8)) {
        if (data8.required === void 0) {
          const err17 = { instancePath: instancePath + "/approvals", schemaPath: "#/properties/approvals/required", keyword: "required", params: { missingProperty: "required" }, message: "must have required property 'required'", schema: schema50.properties.approvals.required, parentSchema: schema50.properties.approvals, data: data8 };
          if (vErrors === null) {
            vErrors = [err17];
          } else {
            vErrors.push(err17);
          }
          errors++;
        }
        for (const key2 in data8) {
          if (!(key2 === "required" || key2 === "approvers")) {
            const err18 = { instancePath: instancePath + "/approvals", schemaPath: "#/properties/approvals/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: false, parentSchema: schema50.properties.approvals, data: data8 };
            if (vErrors === null) {
              vErrors = [err18];
            } else {
              vErrors.push(err18);
            }
            errors++;
          }
        }
        if (data8.required !== void 0) {
          let data9 = data8.required;
          if (!(typeof data9 == "number" && (!(data9 % 1) && !isNaN(data9)) && isFinite(data9))) {
            const err19 = { instancePath: instancePath + "/approvals/required", schemaPath: "#/properties/approvals/properties/required/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema50.properties.approvals.properties.required.type, parentSchema: schema50.properties.approvals.properties.required, data: data9 };
            if (vErrors === null) {
              vErrors = [err19];
            } else {
              vErrors.push(err19);
            }
            errors++;
          }
          if (typeof data9 == "number" && isFinite(data9)) {
            if (data9 > 20 || isNaN(data9)) {
              const err20 = { instancePath: instancePath + "/approvals/required", schemaPath: "#/properties/approvals/properties/required/maximum", keyword: "maximum", params: { comparison: "<=", limit: 20 }, message: "must be <= 20", schema: 20, parentSchema: schema50.properties.approvals.properties.required, data: data9 };
              if (vErrors === null) {
                vErrors = [err20];
              } else {
                vErrors.push(err20);
              }
              errors++;
            }
            if (data9 < 0 || isNaN(data9)) {
              const err21 = { instancePath: instancePath + "/approvals/required", schemaPath: "#/properties/approvals/properties/required/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema50.properties.approvals.properties.required, data: data9 };
              if (vErrors === null) {
                vErrors = [err21];
              } else {
                vErrors.push(err21);
              }
              errors++;
            }
          }
        }
        if (data8.approvers !== void 0) {
          let data10 = data8.approvers;
          if (Array.isArray(data10)) {
            const len0 = data10.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data11 = data10[i0];
              if (typeof data11 === "string") {
                if (!pattern13.test(data11)) {
                  const err22 = { instancePath: instancePath + "/approvals/approvers/" + i0, schemaPath: "#/properties/approvals/properties/approvers/items/pattern", keyword: "pattern", params: { pattern: "^(@[A-Za-z0-9-]+/[A-Za-z0-9._-]+|[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$" }, message: 'must match pattern "^(@[A-Za-z0-9-]+/[A-Za-z0-9._-]+|[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$"', schema: "^(@[A-Za-z0-9-]+/[A-Za-z0-9._-]+|[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$", parentSchema: schema50.properties.approvals.properties.approvers.items, data: data11 };
                  if (vErrors === null) {
                    vErrors = [err22];
                  } else {
                    vErrors.push(err22);
                  }
                  errors++;
                }
              } else {
                const err23 = { instancePath: instancePath + "/approvals/approvers/" + i0, schemaPath: "#/properties/approvals/properties/approvers/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.approvals.properties.approvers.items.type, parentSchema: schema50.properties.approvals.properties.approvers.items, data: data11 };
                if (vErrors === null) {
                  vErrors = [err23];
                } else {
                  vErrors.push(err23);
                }
                errors++;
              }
            }
            let i1 = data10.length;
            let j0;
            if (i1 > 1) {
              const indices0 = {};
              for (; i1--; ) {
                let item0 = data10[i1];
                if (typeof item0 !== "string") {
                  continue;
                }
                if (typeof indices0[item0] == "number") {
                  j0 = indices0[item0];
                  const err24 = { instancePath: instancePath + "/approvals/approvers", schemaPath: "#/properties/approvals/properties/approvers/uniqueItems", keyword: "uniqueItems", params: { i: i1, j: j0 }, message: "must NOT have duplicate items (items ## " + j0 + " and " + i1 + " are identical)", schema: true, parentSchema: schema50.properties.approvals.properties.approvers, data: data10 };
                  if (vErrors === null) {
                    vErrors = [err24];
                  } else {
                    vErrors.push(err24);
                  }
                  errors++;
                  break;
                }
                indices0[item0] = i1;
              }
            }
          } else {
            const err25 = { instancePath: instancePath + "/approvals/approvers", schemaPath: "#/properties/approvals/properties/approvers/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema50.properties.approvals.properties.approvers.type, parentSchema: schema50.properties.approvals.properties.approvers, data: data10 };
            if (vErrors === null) {
              vErrors = [err25];
            } else {
              vErrors.push(err25);
            }
            errors++;
          }
        }
      } else {
        const err26 = { instancePath: instancePath + "/approvals", schemaPath: "#/properties/approvals/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.approvals.type, parentSchema: schema50.properties.approvals, data: data8 };
        if (vErrors === null) {
          vErrors = [err26];
        } else {
          vErrors.push(err26);
        }
        errors++;
      }
    }
    if (data.freeze !== void 0) {
      let data12 = data.freeze;
      if (Array.isArray(data12)) {
        const len1 = data12.length;
        for (let i2 = 0; i2 < len1; i2++) {
          let data13 = data12[i2];
          if (data13 && typeof data13 == "object" && !Array.isArray(data13)) {
            if (data13.from === void 0) {
              const err27 = { instancePath: instancePath + "/freeze/" + i2, schemaPath: "#/properties/freeze/items/required", keyword: "required", params: { missingProperty: "from" }, message: "must have required property 'from'", schema: schema50.properties.freeze.items.required, parentSchema: schema50.properties.freeze.items, data: data13 };
              if (vErrors === null) {
                vErrors = [err27];
              } else {
                vErrors.push(err27);
              }
              errors++;
            }
            if (data13.until === void 0) {
              const err28 = { instancePath: instancePath + "/freeze/" + i2, schemaPath: "#/properties/freeze/items/required", keyword: "required", params: { missingProperty: "until" }, message: "must have required property 'until'", schema: schema50.properties.freeze.items.required, parentSchema: schema50.properties.freeze.items, data: data13 };
              if (vErrors === null) {
                vErrors = [err28];
              } else {
                vErrors.push(err28);
              }
              errors++;
            }
            for (const key3 in data13) {
              if (!(key3 === "from" || key3 === "until" || key3 === "reason")) {
                const err29 = { instancePath: instancePath + "/freeze/" + i2, schemaPath: "#/properties/freeze/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key3 }, message: "must NOT have additional properties", schema: false, parentSchema: schema50.properties.freeze.items, data: data13 };
                if (vErrors === null) {
                  vErrors = [err29];
                } else {
                  vErrors.push(err29);
                }
                errors++;
              }
            }
            if (data13.from !== void 0) {
              let data14 = data13.from;
              if (typeof data14 === "string") {
                if (!formats18.validate(data14)) {
                  const err30 = { instancePath: instancePath + "/freeze/" + i2 + "/from", schemaPath: "common.schema.json#/$defs/dateTime/format", keyword: "format", params: { format: "date-time" }, message: 'must match format "date-time"', schema: "date-time", parentSchema: schema57, data: data14 };
                  if (vErrors === null) {
                    vErrors = [err30];
                  } else {
                    vErrors.push(err30);
                  }
                  errors++;
                }
              } else {
                const err31 = { instancePath: instancePath + "/freeze/" + i2 + "/from", schemaPath: "common.schema.json#/$defs/dateTime/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema57.type, parentSchema: schema57, data: data14 };
                if (vErrors === null) {
                  vErrors = [err31];
                } else {
                  vErrors.push(err31);
                }
                errors++;
              }
            }
            if (data13.until !== void 0) {
              let data15 = data13.until;
              if (typeof data15 === "string") {
                if (!formats18.validate(data15)) {
                  const err32 = { instancePath: instancePath + "/freeze/" + i2 + "/until", schemaPath: "common.schema.json#/$defs/dateTime/format", keyword: "format", params: { format: "date-time" }, message: 'must match format "date-time"', schema: "date-time", parentSchema: schema57, data: data15 };
                  if (vErrors === null) {
                    vErrors = [err32];
                  } else {
                    vErrors.push(err32);
                  }
                  errors++;
                }
              } else {
                const err33 = { instancePath: instancePath + "/freeze/" + i2 + "/until", schemaPath: "common.schema.json#/$defs/dateTime/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema57.type, parentSchema: schema57, data: data15 };
                if (vErrors === null) {
                  vErrors = [err33];
                } else {
                  vErrors.push(err33);
                }
                errors++;
              }
            }
            if (data13.reason !== void 0) {
              let data16 = data13.reason;
              if (typeof data16 === "string") {
                if (func1(data16) > 500) {
                  const err34 = { instancePath: instancePath + "/freeze/" + i2 + "/reason", schemaPath: "#/properties/freeze/items/properties/reason/maxLength", keyword: "maxLength", params: { limit: 500 }, message: "must NOT have more than 500 characters", schema: 500, parentSchema: schema50.properties.freeze.items.properties.reason, data: data16 };
                  if (vErrors === null) {
                    vErrors = [err34];
                  } else {
                    vErrors.push(err34);
                  }
                  errors++;
                }
              } else {
                const err35 = { instancePath: instancePath + "/freeze/" + i2 + "/reason", schemaPath: "#/properties/freeze/items/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.freeze.items.properties.reason.type, parentSchema: schema50.properties.freeze.items.properties.reason, data: data16 };
                if (vErrors === null) {
                  vErrors = [err35];
                } else {
                  vErrors.push(err35);
                }
                errors++;
              }
            }
          } else {
            const err36 = { instancePath: instancePath + "/freeze/" + i2, schemaPath: "#/properties/freeze/items/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.freeze.items.type, parentSchema: schema50.properties.freeze.items, data: data13 };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
            }
            errors++;
          }
        }
      } else {
        const err37 = { instancePath: instancePath + "/freeze", schemaPath: "#/properties/freeze/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema50.properties.freeze.type, parentSchema: schema50.properties.freeze, data: data12 };
        if (vErrors === null) {
          vErrors = [err37];
        } else {
          vErrors.push(err37);
        }
        errors++;
      }
    }
    if (data.security !== void 0) {
      let data17 = data.security;
      if (data17 && typeof data17 == "object" && !Array.isArray(data17)) {
        for (const key4 in data17) {
          if (!(key4 === "enforce" || key4 === "waivers")) {
            const err38 = { instancePath: instancePath + "/security", schemaPath: "#/properties/security/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key4 }, message: "must NOT have additional properties", schema: false, parentSchema: schema50.properties.security, data: data17 };
            if (vErrors === null) {
              vErrors = [err38];
            } else {
              vErrors.push(err38);
            }
            errors++;
          }
        }
        if (data17.enforce !== void 0) {
          let data18 = data17.enforce;
          if (typeof data18 !== "string") {
            const err39 = { instancePath: instancePath + "/security/enforce", schemaPath: "common.schema.json#/$defs/severity/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema45.type, parentSchema: schema45, data: data18 };
            if (vErrors === null) {
              vErrors = [err39];
            } else {
              vErrors.push(err39);
            }
            errors++;
          }
          if (!(data18 === "low" || data18 === "moderate" || data18 === "high" || data18 === "critical")) {
            const err40 = { instancePath: instancePath + "/security/enforce", schemaPath: "common.schema.json#/$defs/severity/enum", keyword: "enum", params: { allowedValues: schema45.enum }, message: "must be equal to one of the allowed values", schema: schema45.enum, parentSchema: schema45, data: data18 };
            if (vErrors === null) {
              vErrors = [err40];
            } else {
              vErrors.push(err40);
            }
            errors++;
          }
        }
        if (data17.waivers !== void 0) {
          let data19 = data17.waivers;
          if (Array.isArray(data19)) {
            const len2 = data19.length;
            for (let i3 = 0; i3 < len2; i3++) {
              let data20 = data19[i3];
              if (data20 && typeof data20 == "object" && !Array.isArray(data20)) {
                if (data20.advisory === void 0) {
                  const err41 = { instancePath: instancePath + "/security/waivers/" + i3, schemaPath: "#/properties/security/properties/waivers/items/required", keyword: "required", params: { missingProperty: "advisory" }, message: "must have required property 'advisory'", schema: schema50.properties.security.properties.waivers.items.required, parentSchema: schema50.properties.security.properties.waivers.items, data: data20 };
                  if (vErrors === null) {
                    vErrors = [err41];
                  } else {
                    vErrors.push(err41);
                  }
                  errors++;
                }
                if (data20.until === void 0) {
                  const err42 = { instancePath: instancePath + "/security/waivers/" + i3, schemaPath: "#/properties/security/properties/waivers/items/required", keyword: "required", params: { missingProperty: "until" }, message: "must have required property 'until'", schema: schema50.properties.security.properties.waivers.items.required, parentSchema: schema50.properties.security.properties.waivers.items, data: data20 };
                  if (vErrors === null) {
                    vErrors = [err42];
                  } else {
                    vErrors.push(err42);
                  }
                  errors++;
                }
                if (data20.reason === void 0) {
                  const err43 = { instancePath: instancePath + "/security/waivers/" + i3, schemaPath: "#/properties/security/properties/waivers/items/required", keyword: "required", params: { missingProperty: "reason" }, message: "must have required property 'reason'", schema: schema50.properties.security.properties.waivers.items.required, parentSchema: schema50.properties.security.properties.waivers.items, data: data20 };
                  if (vErrors === null) {
                    vErrors = [err43];
                  } else {
                    vErrors.push(err43);
                  }
                  errors++;
                }
                if (data20.approvedBy === void 0) {
                  const err44 = { instancePath: instancePath + "/security/waivers/" + i3, schemaPath: "#/properties/security/properties/waivers/items/required", keyword: "required", params: { missingProperty: "approvedBy" }, message: "must have required property 'approvedBy'", schema: schema50.properties.security.properties.waivers.items.required, parentSchema: schema50.properties.security.properties.waivers.items, data: data20 };
                  if (vErrors === null) {
                    vErrors = [err44];
                  } else {
                    vErrors.push(err44);
                  }
                  errors++;
                }
                for (const key5 in data20) {
                  if (!(key5 === "advisory" || key5 === "until" || key5 === "reason" || key5 === "approvedBy")) {
                    const err45 = { instancePath: instancePath + "/security/waivers/" + i3, schemaPath: "#/properties/security/properties/waivers/items/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties", schema: false, parentSchema: schema50.properties.security.properties.waivers.items, data: data20 };
                    if (vErrors === null) {
                      vErrors = [err45];
                    } else {
                      vErrors.push(err45);
                    }
                    errors++;
                  }
                }
                if (data20.advisory !== void 0) {
                  let data21 = data20.advisory;
                  if (typeof data21 === "string") {
                    if (func1(data21) < 1) {
                      const err46 = { instancePath: instancePath + "/security/waivers/" + i3 + "/advisory", schemaPath: "#/properties/security/properties/waivers/items/properties/advisory/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema50.properties.security.properties.waivers.items.properties.advisory, data: data21 };
                      if (vErrors === null) {
                        vErrors = [err46];
                      } else {
                        vErrors.push(err46);
                      }
                      errors++;
                    }
                    if (!pattern8.test(data21)) {
                      const err47 = { instancePath: instancePath + "/security/waivers/" + i3 + "/advisory", schemaPath: "#/properties/security/properties/waivers/items/properties/advisory/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$"', schema: "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$", parentSchema: schema50.properties.security.properties.waivers.items.properties.advisory, data: data21 };
                      if (vErrors === null) {
                        vErrors = [err47];
                      } else {
                        vErrors.push(err47);
                      }
                      errors++;
                    }
                  } else {
                    const err48 = { instancePath: instancePath + "/security/waivers/" + i3 + "/advisory", schemaPath: "#/properties/security/properties/waivers/items/properties/advisory/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.security.properties.waivers.items.properties.advisory.type, parentSchema: schema50.properties.security.properties.waivers.items.properties.advisory, data: data21 };
                    if (vErrors === null) {
                      vErrors = [err48];
                    } else {
                      vErrors.push(err48);
                    }
                    errors++;
                  }
                }
                if (data20.until !== void 0) {
                  let data22 = data20.until;
                  if (typeof data22 === "string") {
                    if (!formats10.validate(data22)) {
                      const err49 = { instancePath: instancePath + "/security/waivers/" + i3 + "/until", schemaPath: "common.schema.json#/$defs/date/format", keyword: "format", params: { format: "date" }, message: 'must match format "date"', schema: "date", parentSchema: schema49, data: data22 };
                      if (vErrors === null) {
                        vErrors = [err49];
                      } else {
                        vErrors.push(err49);
                      }
                      errors++;
                    }
                  } else {
                    const err50 = { instancePath: instancePath + "/security/waivers/" + i3 + "/until", schemaPath: "common.schema.json#/$defs/date/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema49.type, parentSchema: schema49, data: data22 };
                    if (vErrors === null) {
                      vErrors = [err50];
                    } else {
                      vErrors.push(err50);
                    }
                    errors++;
                  }
                }
                if (data20.reason !== void 0) {
                  let data23 = data20.reason;
                  if (typeof data23 === "string") {
                    if (func1(data23) > 500) {
                      const err51 = { instancePath: instancePath + "/security/waivers/" + i3 + "/reason", schemaPath: "#/properties/security/properties/waivers/items/properties/reason/maxLength", keyword: "maxLength", params: { limit: 500 }, message: "must NOT have more than 500 characters", schema: 500, parentSchema: schema50.properties.security.properties.waivers.items.properties.reason, data: data23 };
                      if (vErrors === null) {
                        vErrors = [err51];
                      } else {
                        vErrors.push(err51);
                      }
                      errors++;
                    }
                    if (func1(data23) < 1) {
                      const err52 = { instancePath: instancePath + "/security/waivers/" + i3 + "/reason", schemaPath: "#/properties/security/properties/waivers/items/properties/reason/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema50.properties.security.properties.waivers.items.properties.reason, data: data23 };
                      if (vErrors === null) {
                        vErrors = [err52];
                      } else {
                        vErrors.push(err52);
                      }
                      errors++;
                    }
                  } else {
                    const err53 = { instancePath: instancePath + "/security/waivers/" + i3 + "/reason", schemaPath: "#/properties/security/properties/waivers/items/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.security.properties.waivers.items.properties.reason.type, parentSchema: schema50.properties.security.properties.waivers.items.properties.reason, data: data23 };
                    if (vErrors === null) {
                      vErrors = [err53];
                    } else {
                      vErrors.push(err53);
                    }
                    errors++;
                  }
                }
                if (data20.approvedBy !== void 0) {
                  let data24 = data20.approvedBy;
                  if (typeof data24 === "string") {
                    if (func1(data24) < 1) {
                      const err54 = { instancePath: instancePath + "/security/waivers/" + i3 + "/approvedBy", schemaPath: "#/properties/security/properties/waivers/items/properties/approvedBy/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema50.properties.security.properties.waivers.items.properties.approvedBy, data: data24 };
                      if (vErrors === null) {
                        vErrors = [err54];
                      } else {
                        vErrors.push(err54);
                      }
                      errors++;
                    }
                  } else {
                    const err55 = { instancePath: instancePath + "/security/waivers/" + i3 + "/approvedBy", schemaPath: "#/properties/security/properties/waivers/items/properties/approvedBy/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.security.properties.waivers.items.properties.approvedBy.type, parentSchema: schema50.properties.security.properties.waivers.items.properties.approvedBy, data: data24 };
                    if (vErrors === null) {
                      vErrors = [err55];
                    } else {
                      vErrors.push(err55);
                    }
                    errors++;
                  }
                }
              } else {
                const err56 = { instancePath: instancePath + "/security/waivers/" + i3, schemaPath: "#/properties/security/properties/waivers/items/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.security.properties.waivers.items.type, parentSchema: schema50.properties.security.properties.waivers.items, data: data20 };
                if (vErrors === null) {
                  vErrors = [err56];
                } else {
                  vErrors.push(err56);
                }
                errors++;
              }
            }
          } else {
            const err57 = { instancePath: instancePath + "/security/waivers", schemaPath: "#/properties/security/properties/waivers/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema50.properties.security.properties.waivers.type, parentSchema: schema50.properties.security.properties.waivers, data: data19 };
            if (vErrors === null) {
              vErrors = [err57];
            } else {
              vErrors.push(err57);
            }
            errors++;
          }
        }
      } else {
        const err58 = { instancePath: instancePath + "/security", schemaPath: "#/properties/security/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.security.type, parentSchema: schema50.properties.security, data: data17 };
        if (vErrors === null) {
          vErrors = [err58];
        } else {
          vErrors.push(err58);
        }
        errors++;
      }
    }
    if (data.deploy !== void 0) {
      let data25 = data.deploy;
      const _errs65 = errors;
      let valid22 = true;
      const _errs66 = errors;
      if (data25 && typeof data25 == "object" && !Array.isArray(data25)) {
        let missing0;
        if (data25.driver === void 0 && (missing0 = "driver")) {
          const err59 = {};
          if (vErrors === null) {
            vErrors = [err59];
          } else {
            vErrors.push(err59);
          }
          errors++;
        } else {
          if (data25.driver !== void 0) {
            if ("command" !== data25.driver) {
              const err60 = {};
              if (vErrors === null) {
                vErrors = [err60];
              } else {
                vErrors.push(err60);
              }
              errors++;
            }
          }
        }
      }
      var _valid0 = _errs66 === errors;
      errors = _errs65;
      if (vErrors !== null) {
        if (_errs65) {
          vErrors.length = _errs65;
        } else {
          vErrors = null;
        }
      }
      if (_valid0) {
        const _errs68 = errors;
        if (data25 && typeof data25 == "object" && !Array.isArray(data25)) {
          if (data25.command === void 0) {
            const err61 = { instancePath: instancePath + "/deploy", schemaPath: "#/properties/deploy/allOf/0/then/required", keyword: "required", params: { missingProperty: "command" }, message: "must have required property 'command'", schema: schema50.properties.deploy.allOf[0].then.required, parentSchema: schema50.properties.deploy.allOf[0].then, data: data25 };
            if (vErrors === null) {
              vErrors = [err61];
            } else {
              vErrors.push(err61);
            }
            errors++;
          }
        }
        var _valid0 = _errs68 === errors;
        valid22 = _valid0;
      }
      if (!valid22) {
        const err62 = { instancePath: instancePath + "/deploy", schemaPath: "#/properties/deploy/allOf/0/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema', schema: schema50.properties.deploy.allOf[0].if, parentSchema: schema50.properties.deploy.allOf[0], data: data25 };
        if (vErrors === null) {
          vErrors = [err62];
        } else {
          vErrors.push(err62);
        }
        errors++;
      }
      const _errs70 = errors;
      let valid24 = true;
      const _errs71 = errors;
      if (data25 && typeof data25 == "object" && !Array.isArray(data25)) {
        let missing1;
        if (data25.driver === void 0 && (missing1 = "driver")) {
          const err63 = {};
          if (vErrors === null) {
            vErrors = [err63];
          } else {
            vErrors.push(err63);
          }
          errors++;
        } else {
          if (data25.driver !== void 0) {
            if ("webhook" !== data25.driver) {
              const err64 = {};
              if (vErrors === null) {
                vErrors = [err64];
              } else {
                vErrors.push(err64);
              }
              errors++;
            }
          }
        }
      }
      var _valid1 = _errs71 === errors;
      errors = _errs70;
      if (vErrors !== null) {
        if (_errs70) {
          vErrors.length = _errs70;
        } else {
          vErrors = null;
        }
      }
      if (_valid1) {
        const _errs73 = errors;
        if (data25 && typeof data25 == "object" && !Array.isArray(data25)) {
          if (data25.url === void 0) {
            const err65 = { instancePath: instancePath + "/deploy", schemaPath: "#/properties/deploy/allOf/1/then/required", keyword: "required", params: { missingProperty: "url" }, message: "must have required property 'url'", schema: schema50.properties.deploy.allOf[1].then.required, parentSchema: schema50.properties.deploy.allOf[1].then, data: data25 };
            if (vErrors === null) {
              vErrors = [err65];
            } else {
              vErrors.push(err65);
            }
            errors++;
          }
        }
        var _valid1 = _errs73 === errors;
        valid24 = _valid1;
      }
      if (!valid24) {
        const err66 = { instancePath: instancePath + "/deploy", schemaPath: "#/properties/deploy/allOf/1/if", keyword: "if", params: { failingKeyword: "then" }, message: 'must match "then" schema', schema: schema50.properties.deploy.allOf[1].if, parentSchema: schema50.properties.deploy.allOf[1], data: data25 };
        if (vErrors === null) {
          vErrors = [err66];
        } else {
          vErrors.push(err66);
        }
        errors++;
      }
      if (data25 && typeof data25 == "object" && !Array.isArray(data25)) {
        for (const key6 in data25) {
          if (!(key6 === "driver" || key6 === "command" || key6 === "url" || key6 === "secretEnv" || key6 === "timeoutSeconds" || key6 === "retries" || key6 === "healthCheck")) {
            const err67 = { instancePath: instancePath + "/deploy", schemaPath: "#/properties/deploy/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key6 }, message: "must NOT have additional properties", schema: false, parentSchema: schema50.properties.deploy, data: data25 };
            if (vErrors === null) {
              vErrors = [err67];
            } else {
              vErrors.push(err67);
            }
            errors++;
          }
        }
        if (data25.driver !== void 0) {
          let data28 = data25.driver;
          if (typeof data28 !== "string") {
            const err68 = { instancePath: instancePath + "/deploy/driver", schemaPath: "#/properties/deploy/properties/driver/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.deploy.properties.driver.type, parentSchema: schema50.properties.deploy.properties.driver, data: data28 };
            if (vErrors === null) {
              vErrors = [err68];
            } else {
              vErrors.push(err68);
            }
            errors++;
          }
          if (!(data28 === "directory" || data28 === "command" || data28 === "webhook")) {
            const err69 = { instancePath: instancePath + "/deploy/driver", schemaPath: "#/properties/deploy/properties/driver/enum", keyword: "enum", params: { allowedValues: schema50.properties.deploy.properties.driver.enum }, message: "must be equal to one of the allowed values", schema: schema50.properties.deploy.properties.driver.enum, parentSchema: schema50.properties.deploy.properties.driver, data: data28 };
            if (vErrors === null) {
              vErrors = [err69];
            } else {
              vErrors.push(err69);
            }
            errors++;
          }
        }
        if (data25.command !== void 0) {
          let data29 = data25.command;
          if (Array.isArray(data29)) {
            if (data29.length < 1) {
              const err70 = { instancePath: instancePath + "/deploy/command", schemaPath: "#/properties/deploy/properties/command/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema50.properties.deploy.properties.command, data: data29 };
              if (vErrors === null) {
                vErrors = [err70];
              } else {
                vErrors.push(err70);
              }
              errors++;
            }
            const len3 = data29.length;
            for (let i4 = 0; i4 < len3; i4++) {
              let data30 = data29[i4];
              if (typeof data30 === "string") {
                if (func1(data30) < 1) {
                  const err71 = { instancePath: instancePath + "/deploy/command/" + i4, schemaPath: "#/properties/deploy/properties/command/items/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema50.properties.deploy.properties.command.items, data: data30 };
                  if (vErrors === null) {
                    vErrors = [err71];
                  } else {
                    vErrors.push(err71);
                  }
                  errors++;
                }
              } else {
                const err72 = { instancePath: instancePath + "/deploy/command/" + i4, schemaPath: "#/properties/deploy/properties/command/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.deploy.properties.command.items.type, parentSchema: schema50.properties.deploy.properties.command.items, data: data30 };
                if (vErrors === null) {
                  vErrors = [err72];
                } else {
                  vErrors.push(err72);
                }
                errors++;
              }
            }
          } else {
            const err73 = { instancePath: instancePath + "/deploy/command", schemaPath: "#/properties/deploy/properties/command/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema50.properties.deploy.properties.command.type, parentSchema: schema50.properties.deploy.properties.command, data: data29 };
            if (vErrors === null) {
              vErrors = [err73];
            } else {
              vErrors.push(err73);
            }
            errors++;
          }
        }
        if (data25.url !== void 0) {
          let data31 = data25.url;
          if (typeof data31 === "string") {
            if (!formats12(data31)) {
              const err74 = { instancePath: instancePath + "/deploy/url", schemaPath: "#/properties/deploy/properties/url/format", keyword: "format", params: { format: "uri" }, message: 'must match format "uri"', schema: "uri", parentSchema: schema50.properties.deploy.properties.url, data: data31 };
              if (vErrors === null) {
                vErrors = [err74];
              } else {
                vErrors.push(err74);
              }
              errors++;
            }
          } else {
            const err75 = { instancePath: instancePath + "/deploy/url", schemaPath: "#/properties/deploy/properties/url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.deploy.properties.url.type, parentSchema: schema50.properties.deploy.properties.url, data: data31 };
            if (vErrors === null) {
              vErrors = [err75];
            } else {
              vErrors.push(err75);
            }
            errors++;
          }
        }
        if (data25.secretEnv !== void 0) {
          let data32 = data25.secretEnv;
          if (typeof data32 === "string") {
            if (!pattern15.test(data32)) {
              const err76 = { instancePath: instancePath + "/deploy/secretEnv", schemaPath: "#/properties/deploy/properties/secretEnv/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }, message: 'must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"', schema: "^[A-Za-z_][A-Za-z0-9_]*$", parentSchema: schema50.properties.deploy.properties.secretEnv, data: data32 };
              if (vErrors === null) {
                vErrors = [err76];
              } else {
                vErrors.push(err76);
              }
              errors++;
            }
          } else {
            const err77 = { instancePath: instancePath + "/deploy/secretEnv", schemaPath: "#/properties/deploy/properties/secretEnv/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.deploy.properties.secretEnv.type, parentSchema: schema50.properties.deploy.properties.secretEnv, data: data32 };
            if (vErrors === null) {
              vErrors = [err77];
            } else {
              vErrors.push(err77);
            }
            errors++;
          }
        }
        if (data25.timeoutSeconds !== void 0) {
          let data33 = data25.timeoutSeconds;
          if (!(typeof data33 == "number" && (!(data33 % 1) && !isNaN(data33)) && isFinite(data33))) {
            const err78 = { instancePath: instancePath + "/deploy/timeoutSeconds", schemaPath: "#/properties/deploy/properties/timeoutSeconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema50.properties.deploy.properties.timeoutSeconds.type, parentSchema: schema50.properties.deploy.properties.timeoutSeconds, data: data33 };
            if (vErrors === null) {
              vErrors = [err78];
            } else {
              vErrors.push(err78);
            }
            errors++;
          }
          if (typeof data33 == "number" && isFinite(data33)) {
            if (data33 > 3600 || isNaN(data33)) {
              const err79 = { instancePath: instancePath + "/deploy/timeoutSeconds", schemaPath: "#/properties/deploy/properties/timeoutSeconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 3600 }, message: "must be <= 3600", schema: 3600, parentSchema: schema50.properties.deploy.properties.timeoutSeconds, data: data33 };
              if (vErrors === null) {
                vErrors = [err79];
              } else {
                vErrors.push(err79);
              }
              errors++;
            }
            if (data33 < 1 || isNaN(data33)) {
              const err80 = { instancePath: instancePath + "/deploy/timeoutSeconds", schemaPath: "#/properties/deploy/properties/timeoutSeconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema50.properties.deploy.properties.timeoutSeconds, data: data33 };
              if (vErrors === null) {
                vErrors = [err80];
              } else {
                vErrors.push(err80);
              }
              errors++;
            }
          }
        }
        if (data25.retries !== void 0) {
          let data34 = data25.retries;
          if (!(typeof data34 == "number" && (!(data34 % 1) && !isNaN(data34)) && isFinite(data34))) {
            const err81 = { instancePath: instancePath + "/deploy/retries", schemaPath: "#/properties/deploy/properties/retries/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema50.properties.deploy.properties.retries.type, parentSchema: schema50.properties.deploy.properties.retries, data: data34 };
            if (vErrors === null) {
              vErrors = [err81];
            } else {
              vErrors.push(err81);
            }
            errors++;
          }
          if (typeof data34 == "number" && isFinite(data34)) {
            if (data34 > 10 || isNaN(data34)) {
              const err82 = { instancePath: instancePath + "/deploy/retries", schemaPath: "#/properties/deploy/properties/retries/maximum", keyword: "maximum", params: { comparison: "<=", limit: 10 }, message: "must be <= 10", schema: 10, parentSchema: schema50.properties.deploy.properties.retries, data: data34 };
              if (vErrors === null) {
                vErrors = [err82];
              } else {
                vErrors.push(err82);
              }
              errors++;
            }
            if (data34 < 0 || isNaN(data34)) {
              const err83 = { instancePath: instancePath + "/deploy/retries", schemaPath: "#/properties/deploy/properties/retries/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema50.properties.deploy.properties.retries, data: data34 };
              if (vErrors === null) {
                vErrors = [err83];
              } else {
                vErrors.push(err83);
              }
              errors++;
            }
          }
        }
        if (data25.healthCheck !== void 0) {
          let data35 = data25.healthCheck;
          const _errs91 = errors;
          let valid29 = true;
          const _errs92 = errors;
          if (data35 && typeof data35 == "object" && !Array.isArray(data35)) {
            let missing2;
            if (data35.command === void 0 && (missing2 = "command")) {
              const err84 = {};
              if (vErrors === null) {
                vErrors = [err84];
              } else {
                vErrors.push(err84);
              }
              errors++;
            }
          }
          var _valid2 = _errs92 === errors;
          errors = _errs91;
          if (vErrors !== null) {
            if (_errs91) {
              vErrors.length = _errs91;
            } else {
              vErrors = null;
            }
          }
          let ifClause0;
          if (_valid2) {
            const _errs93 = errors;
            const _errs94 = errors;
            const _errs95 = errors;
            if (data35 && typeof data35 == "object" && !Array.isArray(data35)) {
              let missing3;
              if (data35.url === void 0 && (missing3 = "url")) {
                const err85 = {};
                if (vErrors === null) {
                  vErrors = [err85];
                } else {
                  vErrors.push(err85);
                }
                errors++;
              }
            }
            var valid30 = _errs95 === errors;
            if (valid30) {
              const err86 = { instancePath: instancePath + "/deploy/healthCheck", schemaPath: "#/properties/deploy/properties/healthCheck/then/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema50.properties.deploy.properties.healthCheck.then.not, parentSchema: schema50.properties.deploy.properties.healthCheck.then, data: data35 };
              if (vErrors === null) {
                vErrors = [err86];
              } else {
                vErrors.push(err86);
              }
              errors++;
            } else {
              errors = _errs94;
              if (vErrors !== null) {
                if (_errs94) {
                  vErrors.length = _errs94;
                } else {
                  vErrors = null;
                }
              }
            }
            var _valid2 = _errs93 === errors;
            valid29 = _valid2;
            ifClause0 = "then";
          } else {
            const _errs96 = errors;
            if (data35 && typeof data35 == "object" && !Array.isArray(data35)) {
              if (data35.url === void 0) {
                const err87 = { instancePath: instancePath + "/deploy/healthCheck", schemaPath: "#/properties/deploy/properties/healthCheck/else/required", keyword: "required", params: { missingProperty: "url" }, message: "must have required property 'url'", schema: schema50.properties.deploy.properties.healthCheck.else.required, parentSchema: schema50.properties.deploy.properties.healthCheck.else, data: data35 };
                if (vErrors === null) {
                  vErrors = [err87];
                } else {
                  vErrors.push(err87);
                }
                errors++;
              }
            }
            var _valid2 = _errs96 === errors;
            valid29 = _valid2;
            ifClause0 = "else";
          }
          if (!valid29) {
            const err88 = { instancePath: instancePath + "/deploy/healthCheck", schemaPath: "#/properties/deploy/properties/healthCheck/if", keyword: "if", params: { failingKeyword: ifClause0 }, message: 'must match "' + ifClause0 + '" schema', schema: schema50.properties.deploy.properties.healthCheck.if, parentSchema: schema50.properties.deploy.properties.healthCheck, data: data35 };
            if (vErrors === null) {
              vErrors = [err88];
            } else {
              vErrors.push(err88);
            }
            errors++;
          }
          if (data35 && typeof data35 == "object" && !Array.isArray(data35)) {
            for (const key7 in data35) {
              if (!(key7 === "command" || key7 === "url" || key7 === "retries" || key7 === "intervalSeconds" || key7 === "timeoutSeconds")) {
                const err89 = { instancePath: instancePath + "/deploy/healthCheck", schemaPath: "#/properties/deploy/properties/healthCheck/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key7 }, message: "must NOT have additional properties", schema: false, parentSchema: schema50.properties.deploy.properties.healthCheck, data: data35 };
                if (vErrors === null) {
                  vErrors = [err89];
                } else {
                  vErrors.push(err89);
                }
                errors++;
              }
            }
            if (data35.command !== void 0) {
              let data36 = data35.command;
              if (Array.isArray(data36)) {
                if (data36.length < 1) {
                  const err90 = { instancePath: instancePath + "/deploy/healthCheck/command", schemaPath: "#/properties/deploy/properties/healthCheck/properties/command/minItems", keyword: "minItems", params: { limit: 1 }, message: "must NOT have fewer than 1 items", schema: 1, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.command, data: data36 };
                  if (vErrors === null) {
                    vErrors = [err90];
                  } else {
                    vErrors.push(err90);
                  }
                  errors++;
                }
                const len4 = data36.length;
                for (let i5 = 0; i5 < len4; i5++) {
                  let data37 = data36[i5];
                  if (typeof data37 === "string") {
                    if (func1(data37) < 1) {
                      const err91 = { instancePath: instancePath + "/deploy/healthCheck/command/" + i5, schemaPath: "#/properties/deploy/properties/healthCheck/properties/command/items/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.command.items, data: data37 };
                      if (vErrors === null) {
                        vErrors = [err91];
                      } else {
                        vErrors.push(err91);
                      }
                      errors++;
                    }
                  } else {
                    const err92 = { instancePath: instancePath + "/deploy/healthCheck/command/" + i5, schemaPath: "#/properties/deploy/properties/healthCheck/properties/command/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.deploy.properties.healthCheck.properties.command.items.type, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.command.items, data: data37 };
                    if (vErrors === null) {
                      vErrors = [err92];
                    } else {
                      vErrors.push(err92);
                    }
                    errors++;
                  }
                }
              } else {
                const err93 = { instancePath: instancePath + "/deploy/healthCheck/command", schemaPath: "#/properties/deploy/properties/healthCheck/properties/command/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema50.properties.deploy.properties.healthCheck.properties.command.type, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.command, data: data36 };
                if (vErrors === null) {
                  vErrors = [err93];
                } else {
                  vErrors.push(err93);
                }
                errors++;
              }
            }
            if (data35.url !== void 0) {
              let data38 = data35.url;
              if (typeof data38 === "string") {
                if (!formats12(data38)) {
                  const err94 = { instancePath: instancePath + "/deploy/healthCheck/url", schemaPath: "#/properties/deploy/properties/healthCheck/properties/url/format", keyword: "format", params: { format: "uri" }, message: 'must match format "uri"', schema: "uri", parentSchema: schema50.properties.deploy.properties.healthCheck.properties.url, data: data38 };
                  if (vErrors === null) {
                    vErrors = [err94];
                  } else {
                    vErrors.push(err94);
                  }
                  errors++;
                }
              } else {
                const err95 = { instancePath: instancePath + "/deploy/healthCheck/url", schemaPath: "#/properties/deploy/properties/healthCheck/properties/url/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.deploy.properties.healthCheck.properties.url.type, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.url, data: data38 };
                if (vErrors === null) {
                  vErrors = [err95];
                } else {
                  vErrors.push(err95);
                }
                errors++;
              }
            }
            if (data35.retries !== void 0) {
              let data39 = data35.retries;
              if (!(typeof data39 == "number" && (!(data39 % 1) && !isNaN(data39)) && isFinite(data39))) {
                const err96 = { instancePath: instancePath + "/deploy/healthCheck/retries", schemaPath: "#/properties/deploy/properties/healthCheck/properties/retries/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema50.properties.deploy.properties.healthCheck.properties.retries.type, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.retries, data: data39 };
                if (vErrors === null) {
                  vErrors = [err96];
                } else {
                  vErrors.push(err96);
                }
                errors++;
              }
              if (typeof data39 == "number" && isFinite(data39)) {
                if (data39 > 20 || isNaN(data39)) {
                  const err97 = { instancePath: instancePath + "/deploy/healthCheck/retries", schemaPath: "#/properties/deploy/properties/healthCheck/properties/retries/maximum", keyword: "maximum", params: { comparison: "<=", limit: 20 }, message: "must be <= 20", schema: 20, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.retries, data: data39 };
                  if (vErrors === null) {
                    vErrors = [err97];
                  } else {
                    vErrors.push(err97);
                  }
                  errors++;
                }
                if (data39 < 0 || isNaN(data39)) {
                  const err98 = { instancePath: instancePath + "/deploy/healthCheck/retries", schemaPath: "#/properties/deploy/properties/healthCheck/properties/retries/minimum", keyword: "minimum", params: { comparison: ">=", limit: 0 }, message: "must be >= 0", schema: 0, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.retries, data: data39 };
                  if (vErrors === null) {
                    vErrors = [err98];
                  } else {
                    vErrors.push(err98);
                  }
                  errors++;
                }
              }
            }
            if (data35.intervalSeconds !== void 0) {
              let data40 = data35.intervalSeconds;
              if (!(typeof data40 == "number" && (!(data40 % 1) && !isNaN(data40)) && isFinite(data40))) {
                const err99 = { instancePath: instancePath + "/deploy/healthCheck/intervalSeconds", schemaPath: "#/properties/deploy/properties/healthCheck/properties/intervalSeconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema50.properties.deploy.properties.healthCheck.properties.intervalSeconds.type, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.intervalSeconds, data: data40 };
                if (vErrors === null) {
                  vErrors = [err99];
                } else {
                  vErrors.push(err99);
                }
                errors++;
              }
              if (typeof data40 == "number" && isFinite(data40)) {
                if (data40 > 600 || isNaN(data40)) {
                  const err100 = { instancePath: instancePath + "/deploy/healthCheck/intervalSeconds", schemaPath: "#/properties/deploy/properties/healthCheck/properties/intervalSeconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 600 }, message: "must be <= 600", schema: 600, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.intervalSeconds, data: data40 };
                  if (vErrors === null) {
                    vErrors = [err100];
                  } else {
                    vErrors.push(err100);
                  }
                  errors++;
                }
                if (data40 < 1 || isNaN(data40)) {
                  const err101 = { instancePath: instancePath + "/deploy/healthCheck/intervalSeconds", schemaPath: "#/properties/deploy/properties/healthCheck/properties/intervalSeconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.intervalSeconds, data: data40 };
                  if (vErrors === null) {
                    vErrors = [err101];
                  } else {
                    vErrors.push(err101);
                  }
                  errors++;
                }
              }
            }
            if (data35.timeoutSeconds !== void 0) {
              let data41 = data35.timeoutSeconds;
              if (!(typeof data41 == "number" && (!(data41 % 1) && !isNaN(data41)) && isFinite(data41))) {
                const err102 = { instancePath: instancePath + "/deploy/healthCheck/timeoutSeconds", schemaPath: "#/properties/deploy/properties/healthCheck/properties/timeoutSeconds/type", keyword: "type", params: { type: "integer" }, message: "must be integer", schema: schema50.properties.deploy.properties.healthCheck.properties.timeoutSeconds.type, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.timeoutSeconds, data: data41 };
                if (vErrors === null) {
                  vErrors = [err102];
                } else {
                  vErrors.push(err102);
                }
                errors++;
              }
              if (typeof data41 == "number" && isFinite(data41)) {
                if (data41 > 600 || isNaN(data41)) {
                  const err103 = { instancePath: instancePath + "/deploy/healthCheck/timeoutSeconds", schemaPath: "#/properties/deploy/properties/healthCheck/properties/timeoutSeconds/maximum", keyword: "maximum", params: { comparison: "<=", limit: 600 }, message: "must be <= 600", schema: 600, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.timeoutSeconds, data: data41 };
                  if (vErrors === null) {
                    vErrors = [err103];
                  } else {
                    vErrors.push(err103);
                  }
                  errors++;
                }
                if (data41 < 1 || isNaN(data41)) {
                  const err104 = { instancePath: instancePath + "/deploy/healthCheck/timeoutSeconds", schemaPath: "#/properties/deploy/properties/healthCheck/properties/timeoutSeconds/minimum", keyword: "minimum", params: { comparison: ">=", limit: 1 }, message: "must be >= 1", schema: 1, parentSchema: schema50.properties.deploy.properties.healthCheck.properties.timeoutSeconds, data: data41 };
                  if (vErrors === null) {
                    vErrors = [err104];
                  } else {
                    vErrors.push(err104);
                  }
                  errors++;
                }
              }
            }
          } else {
            const err105 = { instancePath: instancePath + "/deploy/healthCheck", schemaPath: "#/properties/deploy/properties/healthCheck/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.deploy.properties.healthCheck.type, parentSchema: schema50.properties.deploy.properties.healthCheck, data: data35 };
            if (vErrors === null) {
              vErrors = [err105];
            } else {
              vErrors.push(err105);
            }
            errors++;
          }
        }
      } else {
        const err106 = { instancePath: instancePath + "/deploy", schemaPath: "#/properties/deploy/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.deploy.type, parentSchema: schema50.properties.deploy, data: data25 };
        if (vErrors === null) {
          vErrors = [err106];
        } else {
          vErrors.push(err106);
        }
        errors++;
      }
    }
    if (data.hold !== void 0) {
      let data42 = data.hold;
      if (data42 && typeof data42 == "object" && !Array.isArray(data42)) {
        if (data42.reason === void 0) {
          const err107 = { instancePath: instancePath + "/hold", schemaPath: "#/properties/hold/required", keyword: "required", params: { missingProperty: "reason" }, message: "must have required property 'reason'", schema: schema50.properties.hold.required, parentSchema: schema50.properties.hold, data: data42 };
          if (vErrors === null) {
            vErrors = [err107];
          } else {
            vErrors.push(err107);
          }
          errors++;
        }
        if (data42.since === void 0) {
          const err108 = { instancePath: instancePath + "/hold", schemaPath: "#/properties/hold/required", keyword: "required", params: { missingProperty: "since" }, message: "must have required property 'since'", schema: schema50.properties.hold.required, parentSchema: schema50.properties.hold, data: data42 };
          if (vErrors === null) {
            vErrors = [err108];
          } else {
            vErrors.push(err108);
          }
          errors++;
        }
        for (const key8 in data42) {
          if (!(key8 === "reason" || key8 === "since")) {
            const err109 = { instancePath: instancePath + "/hold", schemaPath: "#/properties/hold/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key8 }, message: "must NOT have additional properties", schema: false, parentSchema: schema50.properties.hold, data: data42 };
            if (vErrors === null) {
              vErrors = [err109];
            } else {
              vErrors.push(err109);
            }
            errors++;
          }
        }
        if (data42.reason !== void 0) {
          let data43 = data42.reason;
          if (typeof data43 === "string") {
            if (func1(data43) < 1) {
              const err110 = { instancePath: instancePath + "/hold/reason", schemaPath: "#/properties/hold/properties/reason/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema50.properties.hold.properties.reason, data: data43 };
              if (vErrors === null) {
                vErrors = [err110];
              } else {
                vErrors.push(err110);
              }
              errors++;
            }
          } else {
            const err111 = { instancePath: instancePath + "/hold/reason", schemaPath: "#/properties/hold/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema50.properties.hold.properties.reason.type, parentSchema: schema50.properties.hold.properties.reason, data: data43 };
            if (vErrors === null) {
              vErrors = [err111];
            } else {
              vErrors.push(err111);
            }
            errors++;
          }
        }
        if (data42.since !== void 0) {
          let data44 = data42.since;
          if (typeof data44 === "string") {
            if (!formats10.validate(data44)) {
              const err112 = { instancePath: instancePath + "/hold/since", schemaPath: "common.schema.json#/$defs/date/format", keyword: "format", params: { format: "date" }, message: 'must match format "date"', schema: "date", parentSchema: schema49, data: data44 };
              if (vErrors === null) {
                vErrors = [err112];
              } else {
                vErrors.push(err112);
              }
              errors++;
            }
          } else {
            const err113 = { instancePath: instancePath + "/hold/since", schemaPath: "common.schema.json#/$defs/date/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema49.type, parentSchema: schema49, data: data44 };
            if (vErrors === null) {
              vErrors = [err113];
            } else {
              vErrors.push(err113);
            }
            errors++;
          }
        }
      } else {
        const err114 = { instancePath: instancePath + "/hold", schemaPath: "#/properties/hold/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.properties.hold.type, parentSchema: schema50.properties.hold, data: data42 };
        if (vErrors === null) {
          vErrors = [err114];
        } else {
          vErrors.push(err114);
        }
        errors++;
      }
    }
  } else {
    const err115 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema50.type, parentSchema: schema50, data };
    if (vErrors === null) {
      vErrors = [err115];
    } else {
      vErrors.push(err115);
    }
    errors++;
  }
  validate33.errors = vErrors;
  return errors === 0;
}
validate33.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
var manifest = validate37;
var schema62 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://lockstep.dev/schemas/manifest.schema.json", "title": "Manifest", "description": "The compiled, locked deployment of one environment: environments/<name>.manifest.json. Canonical JSON; written by lockstep compile, never by hand.", "type": "object", "additionalProperties": false, "required": ["apiVersion", "kind", "environment", "channel", "platform", "suites", "capabilities", "security", "digest"], "properties": { "apiVersion": { "description": "Format version; always lockstep/v1.", "const": "lockstep/v1" }, "kind": { "description": "Document kind; always Manifest.", "const": "Manifest" }, "environment": { "$ref": "common.schema.json#/$defs/name", "description": "The environment this manifest deploys." }, "channel": { "$ref": "common.schema.json#/$defs/channel", "description": "The environment's channel when compiled." }, "platform": { "$ref": "common.schema.json#/$defs/version", "description": "The platform version." }, "suites": { "description": "Suite name -> version.", "type": "object", "propertyNames": { "$ref": "common.schema.json#/$defs/name" }, "additionalProperties": { "$ref": "common.schema.json#/$defs/version" } }, "capabilities": { "description": "Capability name -> what is deployed.", "type": "object", "propertyNames": { "$ref": "common.schema.json#/$defs/name" }, "additionalProperties": { "$ref": "#/$defs/capability" } }, "security": { "description": "Enforced patches and waivers in force.", "type": "object", "additionalProperties": false, "required": ["patches", "waivers"], "properties": { "patches": { "description": "Every item changed because of an enforced advisory.", "type": "array", "items": { "$ref": "#/$defs/patch" } }, "waivers": { "description": "Waivers in force at compile time.", "type": "array", "items": { "$ref": "#/$defs/waiver" } } } }, "digest": { "description": "sha256: of the canonical JSON of this manifest without digest.", "type": "string", "pattern": "^sha256:[a-f0-9]{64}$" } }, "$defs": { "capability": { "description": "One deployed capability.", "type": "object", "additionalProperties": false, "required": ["version", "requiredBy", "artifact"], "properties": { "version": { "$ref": "common.schema.json#/$defs/version", "description": "The capability version." }, "requiredBy": { "description": "The suites that require it, sorted.", "type": "array", "items": { "$ref": "common.schema.json#/$defs/name" } }, "artifact": { "description": "The artifact handed to the driver.", "type": "string" }, "digest": { "description": "The artifact digest, when the catalog gives one.", "type": "string" } } }, "patch": { "description": "One item changed by an enforced advisory.", "type": "object", "additionalProperties": false, "required": ["advisory", "severity", "item", "from", "to", "overrides"], "properties": { "advisory": { "description": "The advisory id that forced the change.", "type": "string" }, "severity": { "$ref": "common.schema.json#/$defs/severity", "description": "The advisory's severity." }, "item": { "description": "What changed: platform, suite:<name> or capability:<name>.", "type": "string", "pattern": "^(platform|suite:[a-z0-9._-]+|capability:[a-z0-9._-]+)$" }, "from": { "description": "The version before the patch (null: the item was added).", "anyOf": [{ "$ref": "common.schema.json#/$defs/version" }, { "type": "null" }] }, "to": { "description": "The version after the patch (null: the item was removed).", "anyOf": [{ "$ref": "common.schema.json#/$defs/version" }, { "type": "null" }] }, "overrides": { "description": "What the patch overrode: pins, the channel, a freeze window or a hold.", "type": "array", "items": { "type": "string" } }, "reason": { "description": "Why this item changed when it is not itself affected (a parent raised to admit a fix, or a child following its parent).", "type": "string" } } }, "waiver": { "description": "A waiver in force.", "type": "object", "additionalProperties": false, "required": ["advisory", "until", "reason", "approvedBy"], "properties": { "advisory": { "description": "The advisory id waived.", "type": "string" }, "until": { "$ref": "common.schema.json#/$defs/date", "description": "Last day in force." }, "reason": { "description": "Why.", "type": "string" }, "approvedBy": { "description": "Who accepted the risk.", "type": "string" } } } } };
var pattern21 = new RegExp("^sha256:[a-f0-9]{64}$", "u");
var schema69 = { "description": "One deployed capability.", "type": "object", "additionalProperties": false, "required": ["version", "requiredBy", "artifact"], "properties": { "version": { "$ref": "common.schema.json#/$defs/version", "description": "The capability version." }, "requiredBy": { "description": "The suites that require it, sorted.", "type": "array", "items": { "$ref": "common.schema.json#/$defs/name" } }, "artifact": { "description": "The artifact handed to the driver.", "type": "string" }, "digest": { "description": "The artifact digest, when the catalog gives one.", "type": "string" } } };
function validate38(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate38.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.version === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "version" }, message: "must have required property 'version'", schema: schema69.required, parentSchema: schema69, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.requiredBy === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "requiredBy" }, message: "must have required property 'requiredBy'", schema: schema69.required, parentSchema: schema69, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.artifact === void 0) {
      const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "artifact" }, message: "must have required property 'artifact'", schema: schema69.required, parentSchema: schema69, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "version" || key0 === "requiredBy" || key0 === "artifact" || key0 === "digest")) {
        const err3 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema69, data };
        if (vErrors === null) {
          vErrors = [err3];
        } else {
          vErrors.push(err3);
        }
        errors++;
      }
    }
    if (data.version !== void 0) {
      let data0 = data.version;
      if (typeof data0 === "string") {
        if (!formats0.validate(data0)) {
          const err4 = { instancePath: instancePath + "/version", schemaPath: "common.schema.json#/$defs/version/format", keyword: "format", params: { format: "semver" }, message: 'must match format "semver"', schema: "semver", parentSchema: schema34, data: data0 };
          if (vErrors === null) {
            vErrors = [err4];
          } else {
            vErrors.push(err4);
          }
          errors++;
        }
      } else {
        const err5 = { instancePath: instancePath + "/version", schemaPath: "common.schema.json#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data0 };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.requiredBy !== void 0) {
      let data1 = data.requiredBy;
      if (Array.isArray(data1)) {
        const len0 = data1.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data2 = data1[i0];
          const _errs10 = errors;
          const _errs11 = errors;
          if (!(data2 === "constructor" || data2 === "prototype")) {
            const err6 = {};
            if (vErrors === null) {
              vErrors = [err6];
            } else {
              vErrors.push(err6);
            }
            errors++;
          }
          var valid5 = _errs11 === errors;
          if (valid5) {
            const err7 = { instancePath: instancePath + "/requiredBy/" + i0, schemaPath: "common.schema.json#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: data2 };
            if (vErrors === null) {
              vErrors = [err7];
            } else {
              vErrors.push(err7);
            }
            errors++;
          } else {
            errors = _errs10;
            if (vErrors !== null) {
              if (_errs10) {
                vErrors.length = _errs10;
              } else {
                vErrors = null;
              }
            }
          }
          if (typeof data2 === "string") {
            if (!pattern4.test(data2)) {
              const err8 = { instancePath: instancePath + "/requiredBy/" + i0, schemaPath: "common.schema.json#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: data2 };
              if (vErrors === null) {
                vErrors = [err8];
              } else {
                vErrors.push(err8);
              }
              errors++;
            }
          } else {
            const err9 = { instancePath: instancePath + "/requiredBy/" + i0, schemaPath: "common.schema.json#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data2 };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
      } else {
        const err10 = { instancePath: instancePath + "/requiredBy", schemaPath: "#/properties/requiredBy/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema69.properties.requiredBy.type, parentSchema: schema69.properties.requiredBy, data: data1 };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.artifact !== void 0) {
      let data3 = data.artifact;
      if (typeof data3 !== "string") {
        const err11 = { instancePath: instancePath + "/artifact", schemaPath: "#/properties/artifact/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.artifact.type, parentSchema: schema69.properties.artifact, data: data3 };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.digest !== void 0) {
      let data4 = data.digest;
      if (typeof data4 !== "string") {
        const err12 = { instancePath: instancePath + "/digest", schemaPath: "#/properties/digest/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema69.properties.digest.type, parentSchema: schema69.properties.digest, data: data4 };
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
    }
  } else {
    const err13 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema69.type, parentSchema: schema69, data };
    if (vErrors === null) {
      vErrors = [err13];
    } else {
      vErrors.push(err13);
    }
    errors++;
  }
  validate38.errors = vErrors;
  return errors === 0;
}
validate38.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
var schema72 = { "description": "One item changed by an enforced advisory.", "type": "object", "additionalProperties": false, "required": ["advisory", "severity", "item", "from", "to", "overrides"], "properties": { "advisory": { "description": "The advisory id that forced the change.", "type": "string" }, "severity": { "$ref": "common.schema.json#/$defs/severity", "description": "The advisory's severity." }, "item": { "description": "What changed: platform, suite:<name> or capability:<name>.", "type": "string", "pattern": "^(platform|suite:[a-z0-9._-]+|capability:[a-z0-9._-]+)$" }, "from": { "description": "The version before the patch (null: the item was added).", "anyOf": [{ "$ref": "common.schema.json#/$defs/version" }, { "type": "null" }] }, "to": { "description": "The version after the patch (null: the item was removed).", "anyOf": [{ "$ref": "common.schema.json#/$defs/version" }, { "type": "null" }] }, "overrides": { "description": "What the patch overrode: pins, the channel, a freeze window or a hold.", "type": "array", "items": { "type": "string" } }, "reason": { "description": "Why this item changed when it is not itself affected (a parent raised to admit a fix, or a child following its parent).", "type": "string" } } };
var pattern20 = new RegExp("^(platform|suite:[a-z0-9._-]+|capability:[a-z0-9._-]+)$", "u");
function validate40(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate40.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.advisory === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "advisory" }, message: "must have required property 'advisory'", schema: schema72.required, parentSchema: schema72, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.severity === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "severity" }, message: "must have required property 'severity'", schema: schema72.required, parentSchema: schema72, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.item === void 0) {
      const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "item" }, message: "must have required property 'item'", schema: schema72.required, parentSchema: schema72, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.from === void 0) {
      const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "from" }, message: "must have required property 'from'", schema: schema72.required, parentSchema: schema72, data };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    if (data.to === void 0) {
      const err4 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "to" }, message: "must have required property 'to'", schema: schema72.required, parentSchema: schema72, data };
      if (vErrors === null) {
        vErrors = [err4];
      } else {
        vErrors.push(err4);
      }
      errors++;
    }
    if (data.overrides === void 0) {
      const err5 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "overrides" }, message: "must have required property 'overrides'", schema: schema72.required, parentSchema: schema72, data };
      if (vErrors === null) {
        vErrors = [err5];
      } else {
        vErrors.push(err5);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "advisory" || key0 === "severity" || key0 === "item" || key0 === "from" || key0 === "to" || key0 === "overrides" || key0 === "reason")) {
        const err6 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema72, data };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.advisory !== void 0) {
      let data0 = data.advisory;
      if (typeof data0 !== "string") {
        const err7 = { instancePath: instancePath + "/advisory", schemaPath: "#/properties/advisory/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema72.properties.advisory.type, parentSchema: schema72.properties.advisory, data: data0 };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.severity !== void 0) {
      let data1 = data.severity;
      if (typeof data1 !== "string") {
        const err8 = { instancePath: instancePath + "/severity", schemaPath: "common.schema.json#/$defs/severity/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema45.type, parentSchema: schema45, data: data1 };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
      if (!(data1 === "low" || data1 === "moderate" || data1 === "high" || data1 === "critical")) {
        const err9 = { instancePath: instancePath + "/severity", schemaPath: "common.schema.json#/$defs/severity/enum", keyword: "enum", params: { allowedValues: schema45.enum }, message: "must be equal to one of the allowed values", schema: schema45.enum, parentSchema: schema45, data: data1 };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.item !== void 0) {
      let data2 = data.item;
      if (typeof data2 === "string") {
        if (!pattern20.test(data2)) {
          const err10 = { instancePath: instancePath + "/item", schemaPath: "#/properties/item/pattern", keyword: "pattern", params: { pattern: "^(platform|suite:[a-z0-9._-]+|capability:[a-z0-9._-]+)$" }, message: 'must match pattern "^(platform|suite:[a-z0-9._-]+|capability:[a-z0-9._-]+)$"', schema: "^(platform|suite:[a-z0-9._-]+|capability:[a-z0-9._-]+)$", parentSchema: schema72.properties.item, data: data2 };
          if (vErrors === null) {
            vErrors = [err10];
          } else {
            vErrors.push(err10);
          }
          errors++;
        }
      } else {
        const err11 = { instancePath: instancePath + "/item", schemaPath: "#/properties/item/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema72.properties.item.type, parentSchema: schema72.properties.item, data: data2 };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.from !== void 0) {
      let data3 = data.from;
      const _errs10 = errors;
      let valid2 = false;
      const _errs11 = errors;
      if (typeof data3 === "string") {
        if (!formats0.validate(data3)) {
          const err12 = { instancePath: instancePath + "/from", schemaPath: "common.schema.json#/$defs/version/format", keyword: "format", params: { format: "semver" }, message: 'must match format "semver"', schema: "semver", parentSchema: schema34, data: data3 };
          if (vErrors === null) {
            vErrors = [err12];
          } else {
            vErrors.push(err12);
          }
          errors++;
        }
      } else {
        const err13 = { instancePath: instancePath + "/from", schemaPath: "common.schema.json#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data3 };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      }
      var _valid0 = _errs11 === errors;
      valid2 = valid2 || _valid0;
      const _errs14 = errors;
      if (data3 !== null) {
        const err14 = { instancePath: instancePath + "/from", schemaPath: "#/properties/from/anyOf/1/type", keyword: "type", params: { type: "null" }, message: "must be null", schema: schema72.properties.from.anyOf[1].type, parentSchema: schema72.properties.from.anyOf[1], data: data3 };
        if (vErrors === null) {
          vErrors = [err14];
        } else {
          vErrors.push(err14);
        }
        errors++;
      }
      var _valid0 = _errs14 === errors;
      valid2 = valid2 || _valid0;
      if (!valid2) {
        const err15 = { instancePath: instancePath + "/from", schemaPath: "#/properties/from/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf", schema: schema72.properties.from.anyOf, parentSchema: schema72.properties.from, data: data3 };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      } else {
        errors = _errs10;
        if (vErrors !== null) {
          if (_errs10) {
            vErrors.length = _errs10;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.to !== void 0) {
      let data4 = data.to;
      const _errs17 = errors;
      let valid4 = false;
      const _errs18 = errors;
      if (typeof data4 === "string") {
        if (!formats0.validate(data4)) {
          const err16 = { instancePath: instancePath + "/to", schemaPath: "common.schema.json#/$defs/version/format", keyword: "format", params: { format: "semver" }, message: 'must match format "semver"', schema: "semver", parentSchema: schema34, data: data4 };
          if (vErrors === null) {
            vErrors = [err16];
          } else {
            vErrors.push(err16);
          }
          errors++;
        }
      } else {
        const err17 = { instancePath: instancePath + "/to", schemaPath: "common.schema.json#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data4 };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
      var _valid1 = _errs18 === errors;
      valid4 = valid4 || _valid1;
      const _errs21 = errors;
      if (data4 !== null) {
        const err18 = { instancePath: instancePath + "/to", schemaPath: "#/properties/to/anyOf/1/type", keyword: "type", params: { type: "null" }, message: "must be null", schema: schema72.properties.to.anyOf[1].type, parentSchema: schema72.properties.to.anyOf[1], data: data4 };
        if (vErrors === null) {
          vErrors = [err18];
        } else {
          vErrors.push(err18);
        }
        errors++;
      }
      var _valid1 = _errs21 === errors;
      valid4 = valid4 || _valid1;
      if (!valid4) {
        const err19 = { instancePath: instancePath + "/to", schemaPath: "#/properties/to/anyOf", keyword: "anyOf", params: {}, message: "must match a schema in anyOf", schema: schema72.properties.to.anyOf, parentSchema: schema72.properties.to, data: data4 };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      } else {
        errors = _errs17;
        if (vErrors !== null) {
          if (_errs17) {
            vErrors.length = _errs17;
          } else {
            vErrors = null;
          }
        }
      }
    }
    if (data.overrides !== void 0) {
      let data5 = data.overrides;
      if (Array.isArray(data5)) {
        const len0 = data5.length;
        for (let i0 = 0; i0 < len0; i0++) {
          let data6 = data5[i0];
          if (typeof data6 !== "string") {
            const err20 = { instancePath: instancePath + "/overrides/" + i0, schemaPath: "#/properties/overrides/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema72.properties.overrides.items.type, parentSchema: schema72.properties.overrides.items, data: data6 };
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
        }
      } else {
        const err21 = { instancePath: instancePath + "/overrides", schemaPath: "#/properties/overrides/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema72.properties.overrides.type, parentSchema: schema72.properties.overrides, data: data5 };
        if (vErrors === null) {
          vErrors = [err21];
        } else {
          vErrors.push(err21);
        }
        errors++;
      }
    }
    if (data.reason !== void 0) {
      let data7 = data.reason;
      if (typeof data7 !== "string") {
        const err22 = { instancePath: instancePath + "/reason", schemaPath: "#/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema72.properties.reason.type, parentSchema: schema72.properties.reason, data: data7 };
        if (vErrors === null) {
          vErrors = [err22];
        } else {
          vErrors.push(err22);
        }
        errors++;
      }
    }
  } else {
    const err23 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema72.type, parentSchema: schema72, data };
    if (vErrors === null) {
      vErrors = [err23];
    } else {
      vErrors.push(err23);
    }
    errors++;
  }
  validate40.errors = vErrors;
  return errors === 0;
}
validate40.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
var schema76 = { "description": "A waiver in force.", "type": "object", "additionalProperties": false, "required": ["advisory", "until", "reason", "approvedBy"], "properties": { "advisory": { "description": "The advisory id waived.", "type": "string" }, "until": { "$ref": "common.schema.json#/$defs/date", "description": "Last day in force." }, "reason": { "description": "Why.", "type": "string" }, "approvedBy": { "description": "Who accepted the risk.", "type": "string" } } };
function validate42(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate42.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.advisory === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "advisory" }, message: "must have required property 'advisory'", schema: schema76.required, parentSchema: schema76, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.until === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "until" }, message: "must have required property 'until'", schema: schema76.required, parentSchema: schema76, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.reason === void 0) {
      const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "reason" }, message: "must have required property 'reason'", schema: schema76.required, parentSchema: schema76, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.approvedBy === void 0) {
      const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "approvedBy" }, message: "must have required property 'approvedBy'", schema: schema76.required, parentSchema: schema76, data };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!(key0 === "advisory" || key0 === "until" || key0 === "reason" || key0 === "approvedBy")) {
        const err4 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema76, data };
        if (vErrors === null) {
          vErrors = [err4];
        } else {
          vErrors.push(err4);
        }
        errors++;
      }
    }
    if (data.advisory !== void 0) {
      let data0 = data.advisory;
      if (typeof data0 !== "string") {
        const err5 = { instancePath: instancePath + "/advisory", schemaPath: "#/properties/advisory/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema76.properties.advisory.type, parentSchema: schema76.properties.advisory, data: data0 };
        if (vErrors === null) {
          vErrors = [err5];
        } else {
          vErrors.push(err5);
        }
        errors++;
      }
    }
    if (data.until !== void 0) {
      let data1 = data.until;
      if (typeof data1 === "string") {
        if (!formats10.validate(data1)) {
          const err6 = { instancePath: instancePath + "/until", schemaPath: "common.schema.json#/$defs/date/format", keyword: "format", params: { format: "date" }, message: 'must match format "date"', schema: "date", parentSchema: schema49, data: data1 };
          if (vErrors === null) {
            vErrors = [err6];
          } else {
            vErrors.push(err6);
          }
          errors++;
        }
      } else {
        const err7 = { instancePath: instancePath + "/until", schemaPath: "common.schema.json#/$defs/date/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema49.type, parentSchema: schema49, data: data1 };
        if (vErrors === null) {
          vErrors = [err7];
        } else {
          vErrors.push(err7);
        }
        errors++;
      }
    }
    if (data.reason !== void 0) {
      let data2 = data.reason;
      if (typeof data2 !== "string") {
        const err8 = { instancePath: instancePath + "/reason", schemaPath: "#/properties/reason/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema76.properties.reason.type, parentSchema: schema76.properties.reason, data: data2 };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.approvedBy !== void 0) {
      let data3 = data.approvedBy;
      if (typeof data3 !== "string") {
        const err9 = { instancePath: instancePath + "/approvedBy", schemaPath: "#/properties/approvedBy/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema76.properties.approvedBy.type, parentSchema: schema76.properties.approvedBy, data: data3 };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
  } else {
    const err10 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema76.type, parentSchema: schema76, data };
    if (vErrors === null) {
      vErrors = [err10];
    } else {
      vErrors.push(err10);
    }
    errors++;
  }
  validate42.errors = vErrors;
  return errors === 0;
}
validate42.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
function validate37(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate37.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    if (data.apiVersion === void 0) {
      const err0 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "apiVersion" }, message: "must have required property 'apiVersion'", schema: schema62.required, parentSchema: schema62, data };
      if (vErrors === null) {
        vErrors = [err0];
      } else {
        vErrors.push(err0);
      }
      errors++;
    }
    if (data.kind === void 0) {
      const err1 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "kind" }, message: "must have required property 'kind'", schema: schema62.required, parentSchema: schema62, data };
      if (vErrors === null) {
        vErrors = [err1];
      } else {
        vErrors.push(err1);
      }
      errors++;
    }
    if (data.environment === void 0) {
      const err2 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "environment" }, message: "must have required property 'environment'", schema: schema62.required, parentSchema: schema62, data };
      if (vErrors === null) {
        vErrors = [err2];
      } else {
        vErrors.push(err2);
      }
      errors++;
    }
    if (data.channel === void 0) {
      const err3 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "channel" }, message: "must have required property 'channel'", schema: schema62.required, parentSchema: schema62, data };
      if (vErrors === null) {
        vErrors = [err3];
      } else {
        vErrors.push(err3);
      }
      errors++;
    }
    if (data.platform === void 0) {
      const err4 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "platform" }, message: "must have required property 'platform'", schema: schema62.required, parentSchema: schema62, data };
      if (vErrors === null) {
        vErrors = [err4];
      } else {
        vErrors.push(err4);
      }
      errors++;
    }
    if (data.suites === void 0) {
      const err5 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "suites" }, message: "must have required property 'suites'", schema: schema62.required, parentSchema: schema62, data };
      if (vErrors === null) {
        vErrors = [err5];
      } else {
        vErrors.push(err5);
      }
      errors++;
    }
    if (data.capabilities === void 0) {
      const err6 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "capabilities" }, message: "must have required property 'capabilities'", schema: schema62.required, parentSchema: schema62, data };
      if (vErrors === null) {
        vErrors = [err6];
      } else {
        vErrors.push(err6);
      }
      errors++;
    }
    if (data.security === void 0) {
      const err7 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "security" }, message: "must have required property 'security'", schema: schema62.required, parentSchema: schema62, data };
      if (vErrors === null) {
        vErrors = [err7];
      } else {
        vErrors.push(err7);
      }
      errors++;
    }
    if (data.digest === void 0) {
      const err8 = { instancePath, schemaPath: "#/required", keyword: "required", params: { missingProperty: "digest" }, message: "must have required property 'digest'", schema: schema62.required, parentSchema: schema62, data };
      if (vErrors === null) {
        vErrors = [err8];
      } else {
        vErrors.push(err8);
      }
      errors++;
    }
    for (const key0 in data) {
      if (!func3.call(schema62.properties, key0)) {
        const err9 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema62, data };
        if (vErrors === null) {
          vErrors = [err9];
        } else {
          vErrors.push(err9);
        }
        errors++;
      }
    }
    if (data.apiVersion !== void 0) {
      let data0 = data.apiVersion;
      if ("lockstep/v1" !== data0) {
        const err10 = { instancePath: instancePath + "/apiVersion", schemaPath: "#/properties/apiVersion/const", keyword: "const", params: { allowedValue: "lockstep/v1" }, message: "must be equal to constant", schema: "lockstep/v1", parentSchema: schema62.properties.apiVersion, data: data0 };
        if (vErrors === null) {
          vErrors = [err10];
        } else {
          vErrors.push(err10);
        }
        errors++;
      }
    }
    if (data.kind !== void 0) {
      let data1 = data.kind;
      if ("Manifest" !== data1) {
        const err11 = { instancePath: instancePath + "/kind", schemaPath: "#/properties/kind/const", keyword: "const", params: { allowedValue: "Manifest" }, message: "must be equal to constant", schema: "Manifest", parentSchema: schema62.properties.kind, data: data1 };
        if (vErrors === null) {
          vErrors = [err11];
        } else {
          vErrors.push(err11);
        }
        errors++;
      }
    }
    if (data.environment !== void 0) {
      let data2 = data.environment;
      const _errs7 = errors;
      const _errs8 = errors;
      if (!(data2 === "constructor" || data2 === "prototype")) {
        const err12 = {};
        if (vErrors === null) {
          vErrors = [err12];
        } else {
          vErrors.push(err12);
        }
        errors++;
      }
      var valid2 = _errs8 === errors;
      if (valid2) {
        const err13 = { instancePath: instancePath + "/environment", schemaPath: "common.schema.json#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: data2 };
        if (vErrors === null) {
          vErrors = [err13];
        } else {
          vErrors.push(err13);
        }
        errors++;
      } else {
        errors = _errs7;
        if (vErrors !== null) {
          if (_errs7) {
            vErrors.length = _errs7;
          } else {
            vErrors = null;
          }
        }
      }
      if (typeof data2 === "string") {
        if (!pattern4.test(data2)) {
          const err14 = { instancePath: instancePath + "/environment", schemaPath: "common.schema.json#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: data2 };
          if (vErrors === null) {
            vErrors = [err14];
          } else {
            vErrors.push(err14);
          }
          errors++;
        }
      } else {
        const err15 = { instancePath: instancePath + "/environment", schemaPath: "common.schema.json#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: data2 };
        if (vErrors === null) {
          vErrors = [err15];
        } else {
          vErrors.push(err15);
        }
        errors++;
      }
    }
    if (data.channel !== void 0) {
      let data3 = data.channel;
      if (typeof data3 !== "string") {
        const err16 = { instancePath: instancePath + "/channel", schemaPath: "common.schema.json#/$defs/channel/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema52.type, parentSchema: schema52, data: data3 };
        if (vErrors === null) {
          vErrors = [err16];
        } else {
          vErrors.push(err16);
        }
        errors++;
      }
      if (!(data3 === "auto-update" || data3 === "manual-approval" || data3 === "frozen")) {
        const err17 = { instancePath: instancePath + "/channel", schemaPath: "common.schema.json#/$defs/channel/enum", keyword: "enum", params: { allowedValues: schema52.enum }, message: "must be equal to one of the allowed values", schema: schema52.enum, parentSchema: schema52, data: data3 };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
    if (data.platform !== void 0) {
      let data4 = data.platform;
      if (typeof data4 === "string") {
        if (!formats0.validate(data4)) {
          const err18 = { instancePath: instancePath + "/platform", schemaPath: "common.schema.json#/$defs/version/format", keyword: "format", params: { format: "semver" }, message: 'must match format "semver"', schema: "semver", parentSchema: schema34, data: data4 };
          if (vErrors === null) {
            vErrors = [err18];
          } else {
            vErrors.push(err18);
          }
          errors++;
        }
      } else {
        const err19 = { instancePath: instancePath + "/platform", schemaPath: "common.schema.json#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data4 };
        if (vErrors === null) {
          vErrors = [err19];
        } else {
          vErrors.push(err19);
        }
        errors++;
      }
    }
    if (data.suites !== void 0) {
      let data5 = data.suites;
      if (data5 && typeof data5 == "object" && !Array.isArray(data5)) {
        for (const key1 in data5) {
          const _errs17 = errors;
          const _errs20 = errors;
          const _errs21 = errors;
          if (!(key1 === "constructor" || key1 === "prototype")) {
            const err20 = {};
            if (vErrors === null) {
              vErrors = [err20];
            } else {
              vErrors.push(err20);
            }
            errors++;
          }
          var valid7 = _errs21 === errors;
          if (valid7) {
            const err21 = { instancePath: instancePath + "/suites", schemaPath: "common.schema.json#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: key1, propertyName: key1 };
            if (vErrors === null) {
              vErrors = [err21];
            } else {
              vErrors.push(err21);
            }
            errors++;
          } else {
            errors = _errs20;
            if (vErrors !== null) {
              if (_errs20) {
                vErrors.length = _errs20;
              } else {
                vErrors = null;
              }
            }
          }
          if (typeof key1 === "string") {
            if (!pattern4.test(key1)) {
              const err22 = { instancePath: instancePath + "/suites", schemaPath: "common.schema.json#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: key1, propertyName: key1 };
              if (vErrors === null) {
                vErrors = [err22];
              } else {
                vErrors.push(err22);
              }
              errors++;
            }
          } else {
            const err23 = { instancePath: instancePath + "/suites", schemaPath: "common.schema.json#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: key1, propertyName: key1 };
            if (vErrors === null) {
              vErrors = [err23];
            } else {
              vErrors.push(err23);
            }
            errors++;
          }
          var valid5 = _errs17 === errors;
          if (!valid5) {
            const err24 = { instancePath: instancePath + "/suites", schemaPath: "#/properties/suites/propertyNames", keyword: "propertyNames", params: { propertyName: key1 }, message: "property name must be valid", schema: schema62.properties.suites.propertyNames, parentSchema: schema62.properties.suites, data: data5 };
            if (vErrors === null) {
              vErrors = [err24];
            } else {
              vErrors.push(err24);
            }
            errors++;
          }
        }
        for (const key2 in data5) {
          let data6 = data5[key2];
          if (typeof data6 === "string") {
            if (!formats0.validate(data6)) {
              const err25 = { instancePath: instancePath + "/suites/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "common.schema.json#/$defs/version/format", keyword: "format", params: { format: "semver" }, message: 'must match format "semver"', schema: "semver", parentSchema: schema34, data: data6 };
              if (vErrors === null) {
                vErrors = [err25];
              } else {
                vErrors.push(err25);
              }
              errors++;
            }
          } else {
            const err26 = { instancePath: instancePath + "/suites/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"), schemaPath: "common.schema.json#/$defs/version/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema34.type, parentSchema: schema34, data: data6 };
            if (vErrors === null) {
              vErrors = [err26];
            } else {
              vErrors.push(err26);
            }
            errors++;
          }
        }
      } else {
        const err27 = { instancePath: instancePath + "/suites", schemaPath: "#/properties/suites/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema62.properties.suites.type, parentSchema: schema62.properties.suites, data: data5 };
        if (vErrors === null) {
          vErrors = [err27];
        } else {
          vErrors.push(err27);
        }
        errors++;
      }
    }
    if (data.capabilities !== void 0) {
      let data7 = data.capabilities;
      if (data7 && typeof data7 == "object" && !Array.isArray(data7)) {
        for (const key3 in data7) {
          const _errs28 = errors;
          const _errs31 = errors;
          const _errs32 = errors;
          if (!(key3 === "constructor" || key3 === "prototype")) {
            const err28 = {};
            if (vErrors === null) {
              vErrors = [err28];
            } else {
              vErrors.push(err28);
            }
            errors++;
          }
          var valid12 = _errs32 === errors;
          if (valid12) {
            const err29 = { instancePath: instancePath + "/capabilities", schemaPath: "common.schema.json#/$defs/name/not", keyword: "not", params: {}, message: "must NOT be valid", schema: schema36.not, parentSchema: schema36, data: key3, propertyName: key3 };
            if (vErrors === null) {
              vErrors = [err29];
            } else {
              vErrors.push(err29);
            }
            errors++;
          } else {
            errors = _errs31;
            if (vErrors !== null) {
              if (_errs31) {
                vErrors.length = _errs31;
              } else {
                vErrors = null;
              }
            }
          }
          if (typeof key3 === "string") {
            if (!pattern4.test(key3)) {
              const err30 = { instancePath: instancePath + "/capabilities", schemaPath: "common.schema.json#/$defs/name/pattern", keyword: "pattern", params: { pattern: "^[a-z0-9][a-z0-9._-]{0,62}$" }, message: 'must match pattern "^[a-z0-9][a-z0-9._-]{0,62}$"', schema: "^[a-z0-9][a-z0-9._-]{0,62}$", parentSchema: schema36, data: key3, propertyName: key3 };
              if (vErrors === null) {
                vErrors = [err30];
              } else {
                vErrors.push(err30);
              }
              errors++;
            }
          } else {
            const err31 = { instancePath: instancePath + "/capabilities", schemaPath: "common.schema.json#/$defs/name/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema36.type, parentSchema: schema36, data: key3, propertyName: key3 };
            if (vErrors === null) {
              vErrors = [err31];
            } else {
              vErrors.push(err31);
            }
            errors++;
          }
          var valid10 = _errs28 === errors;
          if (!valid10) {
            const err32 = { instancePath: instancePath + "/capabilities", schemaPath: "#/properties/capabilities/propertyNames", keyword: "propertyNames", params: { propertyName: key3 }, message: "property name must be valid", schema: schema62.properties.capabilities.propertyNames, parentSchema: schema62.properties.capabilities, data: data7 };
            if (vErrors === null) {
              vErrors = [err32];
            } else {
              vErrors.push(err32);
            }
            errors++;
          }
        }
        for (const key4 in data7) {
          if (!validate38(data7[key4], { instancePath: instancePath + "/capabilities/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"), parentData: data7, parentDataProperty: key4, rootData, dynamicAnchors })) {
            vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
            errors = vErrors.length;
          }
        }
      } else {
        const err33 = { instancePath: instancePath + "/capabilities", schemaPath: "#/properties/capabilities/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema62.properties.capabilities.type, parentSchema: schema62.properties.capabilities, data: data7 };
        if (vErrors === null) {
          vErrors = [err33];
        } else {
          vErrors.push(err33);
        }
        errors++;
      }
    }
    if (data.security !== void 0) {
      let data9 = data.security;
      if (data9 && typeof data9 == "object" && !Array.isArray(data9)) {
        if (data9.patches === void 0) {
          const err34 = { instancePath: instancePath + "/security", schemaPath: "#/properties/security/required", keyword: "required", params: { missingProperty: "patches" }, message: "must have required property 'patches'", schema: schema62.properties.security.required, parentSchema: schema62.properties.security, data: data9 };
          if (vErrors === null) {
            vErrors = [err34];
          } else {
            vErrors.push(err34);
          }
          errors++;
        }
        if (data9.waivers === void 0) {
          const err35 = { instancePath: instancePath + "/security", schemaPath: "#/properties/security/required", keyword: "required", params: { missingProperty: "waivers" }, message: "must have required property 'waivers'", schema: schema62.properties.security.required, parentSchema: schema62.properties.security, data: data9 };
          if (vErrors === null) {
            vErrors = [err35];
          } else {
            vErrors.push(err35);
          }
          errors++;
        }
        for (const key5 in data9) {
          if (!(key5 === "patches" || key5 === "waivers")) {
            const err36 = { instancePath: instancePath + "/security", schemaPath: "#/properties/security/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key5 }, message: "must NOT have additional properties", schema: false, parentSchema: schema62.properties.security, data: data9 };
            if (vErrors === null) {
              vErrors = [err36];
            } else {
              vErrors.push(err36);
            }
            errors++;
          }
        }
        if (data9.patches !== void 0) {
          let data10 = data9.patches;
          if (Array.isArray(data10)) {
            const len0 = data10.length;
            for (let i0 = 0; i0 < len0; i0++) {
              if (!validate40(data10[i0], { instancePath: instancePath + "/security/patches/" + i0, parentData: data10, parentDataProperty: i0, rootData, dynamicAnchors })) {
                vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
                errors = vErrors.length;
              }
            }
          } else {
            const err37 = { instancePath: instancePath + "/security/patches", schemaPath: "#/properties/security/properties/patches/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema62.properties.security.properties.patches.type, parentSchema: schema62.properties.security.properties.patches, data: data10 };
            if (vErrors === null) {
              vErrors = [err37];
            } else {
              vErrors.push(err37);
            }
            errors++;
          }
        }
        if (data9.waivers !== void 0) {
          let data12 = data9.waivers;
          if (Array.isArray(data12)) {
            const len1 = data12.length;
            for (let i1 = 0; i1 < len1; i1++) {
              if (!validate42(data12[i1], { instancePath: instancePath + "/security/waivers/" + i1, parentData: data12, parentDataProperty: i1, rootData, dynamicAnchors })) {
                vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
                errors = vErrors.length;
              }
            }
          } else {
            const err38 = { instancePath: instancePath + "/security/waivers", schemaPath: "#/properties/security/properties/waivers/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema62.properties.security.properties.waivers.type, parentSchema: schema62.properties.security.properties.waivers, data: data12 };
            if (vErrors === null) {
              vErrors = [err38];
            } else {
              vErrors.push(err38);
            }
            errors++;
          }
        }
      } else {
        const err39 = { instancePath: instancePath + "/security", schemaPath: "#/properties/security/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema62.properties.security.type, parentSchema: schema62.properties.security, data: data9 };
        if (vErrors === null) {
          vErrors = [err39];
        } else {
          vErrors.push(err39);
        }
        errors++;
      }
    }
    if (data.digest !== void 0) {
      let data14 = data.digest;
      if (typeof data14 === "string") {
        if (!pattern21.test(data14)) {
          const err40 = { instancePath: instancePath + "/digest", schemaPath: "#/properties/digest/pattern", keyword: "pattern", params: { pattern: "^sha256:[a-f0-9]{64}$" }, message: 'must match pattern "^sha256:[a-f0-9]{64}$"', schema: "^sha256:[a-f0-9]{64}$", parentSchema: schema62.properties.digest, data: data14 };
          if (vErrors === null) {
            vErrors = [err40];
          } else {
            vErrors.push(err40);
          }
          errors++;
        }
      } else {
        const err41 = { instancePath: instancePath + "/digest", schemaPath: "#/properties/digest/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema62.properties.digest.type, parentSchema: schema62.properties.digest, data: data14 };
        if (vErrors === null) {
          vErrors = [err41];
        } else {
          vErrors.push(err41);
        }
        errors++;
      }
    }
  } else {
    const err42 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema62.type, parentSchema: schema62, data };
    if (vErrors === null) {
      vErrors = [err42];
    } else {
      vErrors.push(err42);
    }
    errors++;
  }
  validate37.errors = vErrors;
  return errors === 0;
}
validate37.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };
var settings = validate44;
var schema78 = { "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://lockstep.dev/schemas/settings.schema.json", "title": "Settings", "description": "Optional repository settings in .github/lockstep.yml.", "type": "object", "additionalProperties": false, "properties": { "paths": { "description": "Where Lockstep finds its files, relative to the repository root.", "type": "object", "additionalProperties": false, "properties": { "catalog": { "description": "Folder of catalog files (default catalog).", "type": "string", "minLength": 1, "default": "catalog" }, "environments": { "description": "Folder of environment configs and manifests (default environments).", "type": "string", "minLength": 1, "default": "environments" } } }, "tagPrefix": { "description": "Prefix of deploy tags: <prefix>/<env>/<n> (default deploy).", "type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$", "default": "deploy" }, "bot": { "description": "Behaviour of the Lockstep GitHub App.", "type": "object", "additionalProperties": false, "properties": { "planComment": { "description": "Post one plan comment per pull request (default true).", "type": "boolean", "default": true }, "rollbackOnFailure": { "description": "Open a rollback PR when a deployment fails (default false).", "type": "boolean", "default": false }, "securityMerge": { "description": "How security PRs merge: auto-merge (GitHub auto-merge), when-green (the bot merges when checks pass) or manual.", "type": "string", "enum": ["auto-merge", "when-green", "manual"], "default": "when-green" }, "dashboard": { "description": "Keep a Deployment Dashboard issue (default true).", "type": "boolean", "default": true }, "commanders": { "description": "Who may use /lockstep commands besides users with write access: logins or @org/team entries.", "type": "array", "items": { "type": "string" } } } } } };
var pattern22 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]*$", "u");
function validate44(data, { instancePath = "", parentData, parentDataProperty, rootData = data, dynamicAnchors = {} } = {}) {
  ;
  let vErrors = null;
  let errors = 0;
  const evaluated0 = validate44.evaluated;
  if (evaluated0.dynamicProps) {
    evaluated0.props = void 0;
  }
  if (evaluated0.dynamicItems) {
    evaluated0.items = void 0;
  }
  if (data && typeof data == "object" && !Array.isArray(data)) {
    for (const key0 in data) {
      if (!(key0 === "paths" || key0 === "tagPrefix" || key0 === "bot")) {
        const err0 = { instancePath, schemaPath: "#/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key0 }, message: "must NOT have additional properties", schema: false, parentSchema: schema78, data };
        if (vErrors === null) {
          vErrors = [err0];
        } else {
          vErrors.push(err0);
        }
        errors++;
      }
    }
    if (data.paths !== void 0) {
      let data0 = data.paths;
      if (data0 && typeof data0 == "object" && !Array.isArray(data0)) {
        for (const key1 in data0) {
          if (!(key1 === "catalog" || key1 === "environments")) {
            const err1 = { instancePath: instancePath + "/paths", schemaPath: "#/properties/paths/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key1 }, message: "must NOT have additional properties", schema: false, parentSchema: schema78.properties.paths, data: data0 };
            if (vErrors === null) {
              vErrors = [err1];
            } else {
              vErrors.push(err1);
            }
            errors++;
          }
        }
        if (data0.catalog !== void 0) {
          let data1 = data0.catalog;
          if (typeof data1 === "string") {
            if (func1(data1) < 1) {
              const err2 = { instancePath: instancePath + "/paths/catalog", schemaPath: "#/properties/paths/properties/catalog/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema78.properties.paths.properties.catalog, data: data1 };
              if (vErrors === null) {
                vErrors = [err2];
              } else {
                vErrors.push(err2);
              }
              errors++;
            }
          } else {
            const err3 = { instancePath: instancePath + "/paths/catalog", schemaPath: "#/properties/paths/properties/catalog/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema78.properties.paths.properties.catalog.type, parentSchema: schema78.properties.paths.properties.catalog, data: data1 };
            if (vErrors === null) {
              vErrors = [err3];
            } else {
              vErrors.push(err3);
            }
            errors++;
          }
        }
        if (data0.environments !== void 0) {
          let data2 = data0.environments;
          if (typeof data2 === "string") {
            if (func1(data2) < 1) {
              const err4 = { instancePath: instancePath + "/paths/environments", schemaPath: "#/properties/paths/properties/environments/minLength", keyword: "minLength", params: { limit: 1 }, message: "must NOT have fewer than 1 characters", schema: 1, parentSchema: schema78.properties.paths.properties.environments, data: data2 };
              if (vErrors === null) {
                vErrors = [err4];
              } else {
                vErrors.push(err4);
              }
              errors++;
            }
          } else {
            const err5 = { instancePath: instancePath + "/paths/environments", schemaPath: "#/properties/paths/properties/environments/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema78.properties.paths.properties.environments.type, parentSchema: schema78.properties.paths.properties.environments, data: data2 };
            if (vErrors === null) {
              vErrors = [err5];
            } else {
              vErrors.push(err5);
            }
            errors++;
          }
        }
      } else {
        const err6 = { instancePath: instancePath + "/paths", schemaPath: "#/properties/paths/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema78.properties.paths.type, parentSchema: schema78.properties.paths, data: data0 };
        if (vErrors === null) {
          vErrors = [err6];
        } else {
          vErrors.push(err6);
        }
        errors++;
      }
    }
    if (data.tagPrefix !== void 0) {
      let data3 = data.tagPrefix;
      if (typeof data3 === "string") {
        if (!pattern22.test(data3)) {
          const err7 = { instancePath: instancePath + "/tagPrefix", schemaPath: "#/properties/tagPrefix/pattern", keyword: "pattern", params: { pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" }, message: 'must match pattern "^[A-Za-z0-9][A-Za-z0-9._-]*$"', schema: "^[A-Za-z0-9][A-Za-z0-9._-]*$", parentSchema: schema78.properties.tagPrefix, data: data3 };
          if (vErrors === null) {
            vErrors = [err7];
          } else {
            vErrors.push(err7);
          }
          errors++;
        }
      } else {
        const err8 = { instancePath: instancePath + "/tagPrefix", schemaPath: "#/properties/tagPrefix/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema78.properties.tagPrefix.type, parentSchema: schema78.properties.tagPrefix, data: data3 };
        if (vErrors === null) {
          vErrors = [err8];
        } else {
          vErrors.push(err8);
        }
        errors++;
      }
    }
    if (data.bot !== void 0) {
      let data4 = data.bot;
      if (data4 && typeof data4 == "object" && !Array.isArray(data4)) {
        for (const key2 in data4) {
          if (!(key2 === "planComment" || key2 === "rollbackOnFailure" || key2 === "securityMerge" || key2 === "dashboard" || key2 === "commanders")) {
            const err9 = { instancePath: instancePath + "/bot", schemaPath: "#/properties/bot/additionalProperties", keyword: "additionalProperties", params: { additionalProperty: key2 }, message: "must NOT have additional properties", schema: false, parentSchema: schema78.properties.bot, data: data4 };
            if (vErrors === null) {
              vErrors = [err9];
            } else {
              vErrors.push(err9);
            }
            errors++;
          }
        }
        if (data4.planComment !== void 0) {
          let data5 = data4.planComment;
          if (typeof data5 !== "boolean") {
            const err10 = { instancePath: instancePath + "/bot/planComment", schemaPath: "#/properties/bot/properties/planComment/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema78.properties.bot.properties.planComment.type, parentSchema: schema78.properties.bot.properties.planComment, data: data5 };
            if (vErrors === null) {
              vErrors = [err10];
            } else {
              vErrors.push(err10);
            }
            errors++;
          }
        }
        if (data4.rollbackOnFailure !== void 0) {
          let data6 = data4.rollbackOnFailure;
          if (typeof data6 !== "boolean") {
            const err11 = { instancePath: instancePath + "/bot/rollbackOnFailure", schemaPath: "#/properties/bot/properties/rollbackOnFailure/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema78.properties.bot.properties.rollbackOnFailure.type, parentSchema: schema78.properties.bot.properties.rollbackOnFailure, data: data6 };
            if (vErrors === null) {
              vErrors = [err11];
            } else {
              vErrors.push(err11);
            }
            errors++;
          }
        }
        if (data4.securityMerge !== void 0) {
          let data7 = data4.securityMerge;
          if (typeof data7 !== "string") {
            const err12 = { instancePath: instancePath + "/bot/securityMerge", schemaPath: "#/properties/bot/properties/securityMerge/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema78.properties.bot.properties.securityMerge.type, parentSchema: schema78.properties.bot.properties.securityMerge, data: data7 };
            if (vErrors === null) {
              vErrors = [err12];
            } else {
              vErrors.push(err12);
            }
            errors++;
          }
          if (!(data7 === "auto-merge" || data7 === "when-green" || data7 === "manual")) {
            const err13 = { instancePath: instancePath + "/bot/securityMerge", schemaPath: "#/properties/bot/properties/securityMerge/enum", keyword: "enum", params: { allowedValues: schema78.properties.bot.properties.securityMerge.enum }, message: "must be equal to one of the allowed values", schema: schema78.properties.bot.properties.securityMerge.enum, parentSchema: schema78.properties.bot.properties.securityMerge, data: data7 };
            if (vErrors === null) {
              vErrors = [err13];
            } else {
              vErrors.push(err13);
            }
            errors++;
          }
        }
        if (data4.dashboard !== void 0) {
          let data8 = data4.dashboard;
          if (typeof data8 !== "boolean") {
            const err14 = { instancePath: instancePath + "/bot/dashboard", schemaPath: "#/properties/bot/properties/dashboard/type", keyword: "type", params: { type: "boolean" }, message: "must be boolean", schema: schema78.properties.bot.properties.dashboard.type, parentSchema: schema78.properties.bot.properties.dashboard, data: data8 };
            if (vErrors === null) {
              vErrors = [err14];
            } else {
              vErrors.push(err14);
            }
            errors++;
          }
        }
        if (data4.commanders !== void 0) {
          let data9 = data4.commanders;
          if (Array.isArray(data9)) {
            const len0 = data9.length;
            for (let i0 = 0; i0 < len0; i0++) {
              let data10 = data9[i0];
              if (typeof data10 !== "string") {
                const err15 = { instancePath: instancePath + "/bot/commanders/" + i0, schemaPath: "#/properties/bot/properties/commanders/items/type", keyword: "type", params: { type: "string" }, message: "must be string", schema: schema78.properties.bot.properties.commanders.items.type, parentSchema: schema78.properties.bot.properties.commanders.items, data: data10 };
                if (vErrors === null) {
                  vErrors = [err15];
                } else {
                  vErrors.push(err15);
                }
                errors++;
              }
            }
          } else {
            const err16 = { instancePath: instancePath + "/bot/commanders", schemaPath: "#/properties/bot/properties/commanders/type", keyword: "type", params: { type: "array" }, message: "must be array", schema: schema78.properties.bot.properties.commanders.type, parentSchema: schema78.properties.bot.properties.commanders, data: data9 };
            if (vErrors === null) {
              vErrors = [err16];
            } else {
              vErrors.push(err16);
            }
            errors++;
          }
        }
      } else {
        const err17 = { instancePath: instancePath + "/bot", schemaPath: "#/properties/bot/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema78.properties.bot.type, parentSchema: schema78.properties.bot, data: data4 };
        if (vErrors === null) {
          vErrors = [err17];
        } else {
          vErrors.push(err17);
        }
        errors++;
      }
    }
  } else {
    const err18 = { instancePath, schemaPath: "#/type", keyword: "type", params: { type: "object" }, message: "must be object", schema: schema78.type, parentSchema: schema78, data };
    if (vErrors === null) {
      vErrors = [err18];
    } else {
      vErrors.push(err18);
    }
    errors++;
  }
  validate44.errors = vErrors;
  return errors === 0;
}
validate44.evaluated = { "props": true, "dynamicProps": false, "dynamicItems": false };

// src/core/load/source.ts
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
function fieldName(path) {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out;
}
function locate(source, path, key = false) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.text, { lineCounter, uniqueKeys: false });
  let node = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const part = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(part)
      );
      if (!pair) break;
      const keyStart = rangeStart(pair.key);
      offset = (last && key ? keyStart : rangeStart(pair.value) ?? keyStart) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof part === "number") {
      const item = node.items[part];
      if (item === void 0) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col };
}
function rangeStart(node) {
  return node?.range?.[0];
}
function diagnosticAt(source, path, message, key = false) {
  const { line, col } = locate(source, path, key);
  return { file: source.path, line, col, field: fieldName(path), message };
}

// src/core/load/schema-check.ts
function createValidators() {
  return {
    catalog,
    environment,
    manifest,
    settings
  };
}
function checkSchema(validators, kind, value, source) {
  const validate = validators[kind];
  if (validate(value)) return [];
  return explainErrors(validate.errors ?? [], value, source);
}
function explainErrors(errors, value, source) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  const oneOfPaths = errors.filter((e) => e.keyword === "oneOf").map((e) => `${e.instancePath}|${e.schemaPath}/`);
  const explained = new Set(
    errors.filter((e) => e.keyword === "additionalProperties").map((e) => {
      const allowed = Object.keys(objectAt(e.parentSchema?.properties));
      return `${e.instancePath}|${closest(String(e.params.additionalProperty), allowed)}`;
    })
  );
  for (const error of errors) {
    if (error.keyword === "if" || error.keyword === "propertyNames") continue;
    const missing = error.params.missingProperty;
    if (error.keyword === "required" && explained.has(`${error.instancePath}|${String(missing)}`)) continue;
    if (oneOfPaths.some((p) => `${error.instancePath}|${error.schemaPath}`.startsWith(p))) continue;
    const path = toPath(error.instancePath, value);
    const { message, at, key } = describe(error, path, value, source);
    const d = diagnosticAt(source, at, message, key);
    const id = `${d.line}:${d.col}:${d.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  }
  return out;
}
function describe(error, path, root, source) {
  const field = path.length ? pathText(path) : "the document";
  const data = valueAt(root, path);
  const params = error.params;
  const propertyName = error.propertyName;
  if (propertyName !== void 0) {
    const at = [...path, propertyName];
    return { message: `${pathText(at)}: '${propertyName}' is not a valid name: ${NAME_RULE}`, at, key: true };
  }
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      const at = [...path, name];
      const allowed = Object.keys(objectAt(error.parentSchema?.properties));
      const guess = closest(name, allowed);
      const hint = guess ? `; did you mean '${guess}'?` : allowed.length ? ` (allowed: ${allowed.join(", ")})` : "";
      return { message: `${pathText(at)}: unknown field '${name}'${hint}`, at, key: true };
    }
    case "required":
      return {
        message: `${field}: missing required field '${String(params.missingProperty)}'`,
        at: path,
        key: false
      };
    case "enum":
      return {
        message: `${field}: ${show(data)} is not allowed; use one of: ${params.allowedValues.map(String).join(", ")}`,
        at: path,
        key: false
      };
    case "const":
      return {
        message: `${field}: must be ${show(params.allowedValue)}, got ${show(data)}`,
        at: path,
        key: false
      };
    case "type":
      return {
        message: `${field}: must be ${article(String(params.type))}, got ${show(data)}${quoteHint(error, data, path, source)}`,
        at: path,
        key: false
      };
    case "minimum":
    case "maximum":
      return {
        message: `${field}: must be ${error.keyword === "minimum" ? "at least" : "at most"} ${String(params.limit)}, got ${show(data)}`,
        at: path,
        key: false
      };
    case "uniqueItems": {
      const items = Array.isArray(data) ? data : [];
      return {
        message: `${field}: lists ${show(items[Number(params.j)])} twice; keep one`,
        at: [...path, Number(params.i)],
        key: false
      };
    }
    case "minItems":
      return { message: `${field}: must list at least ${String(params.limit)}`, at: path, key: false };
    case "minLength":
      return { message: `${field}: must not be empty`, at: path, key: false };
    case "maxLength":
      return {
        message: `${field}: is longer than ${String(params.limit)} characters; shorten it`,
        at: path,
        key: false
      };
    case "format":
      return {
        message: `${field}: ${show(data)} ${FORMAT_RULES[String(params.format)] ?? `is not a valid ${String(params.format)}`}`,
        at: path,
        key: false
      };
    case "pattern":
    case "not":
      return {
        message: `${field}: ${show(data)} ${isNameField(error) ? `is not a valid name: ${NAME_RULE}` : `does not match ${String(params.pattern ?? "the expected form")}`}`,
        at: path,
        key: false
      };
    case "oneOf":
      return {
        message: `${field}: an advisory names exactly one of 'capability', 'suite' or 'platform: true'`,
        at: path,
        key: false
      };
    default:
      return { message: `${field}: ${error.message ?? "is invalid"}`, at: path, key: false };
  }
}
function quoteHint(error, data, path, source) {
  if (error.params.type !== "string" || typeof data !== "number") return "";
  const { line, col } = locate(source, path);
  const raw = /^[^\s,}\]#]+/.exec(source.text.split("\n")[line - 1]?.slice(col - 1) ?? "")?.[0] ?? String(data);
  const format = error.parentSchema?.format;
  if (format === "semver") {
    const parts = raw.split(".");
    while (parts.length < 3) parts.push("0");
    return `; write the version in quotes as MAJOR.MINOR.PATCH, for example "${parts.slice(0, 3).join(".")}"`;
  }
  return ` (write it in quotes: "${raw}")`;
}
var NAME_RULE = "use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit (not 'constructor' or 'prototype')";
var FORMAT_RULES = {
  semver: "is not a semantic version; write MAJOR.MINOR.PATCH, for example 1.2.0",
  "semver-range": "is not a semver range; write for example ^1.2.0, ~1.2.0, 1.2.x or 1.2.3",
  date: "is not a date; write YYYY-MM-DD",
  "date-time": "is not a date and time; write for example 2026-12-20T00:00:00Z",
  uri: "is not a URL"
};
function isNameField(error) {
  return error.schemaPath.includes("/$defs/name/") || error.schemaPath.startsWith("common.schema.json#/$defs/name");
}
function toPath(pointer, root) {
  if (!pointer) return [];
  const out = [];
  let node = root;
  for (const raw of pointer.slice(1).split("/")) {
    const part = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const step = Array.isArray(node) ? Number(part) : part;
    out.push(step);
    node = valueAt(node, [step]);
  }
  return out;
}
function valueAt(root, path) {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, part)) return void 0;
    node = node[part];
  }
  return node;
}
function objectAt(v) {
  return v !== null && typeof v === "object" ? v : {};
}
function pathText(path) {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${part}` : part;
  return out;
}
function show(v) {
  if (v === void 0) return "nothing";
  if (typeof v === "string") return `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  if (v !== null && typeof v === "object") return Array.isArray(v) ? "a list" : "a mapping";
  return String(v);
}
function article(type) {
  return {
    object: "a mapping",
    array: "a list",
    string: "a string",
    integer: "a whole number",
    number: "a number",
    boolean: "true or false"
  }[type] ?? type;
}

// src/core/errors.ts
var LockstepError = class extends Error {
  code;
  diagnostics;
  constructor(code2, message, diagnostics = [], options) {
    super(message, options);
    this.name = "LockstepError";
    this.code = code2;
    this.diagnostics = diagnostics;
  }
};
var InputError = class extends LockstepError {
  constructor(diagnostics, options) {
    super("E_INPUT", `${diagnostics.length} input error(s)`, diagnostics, options);
    this.name = "InputError";
  }
};
var ResolveError = class extends LockstepError {
  constructor(...diagnostics) {
    super("E_RESOLVE", diagnostics.map((d) => d.message).join("\n"), diagnostics);
    this.name = "ResolveError";
  }
};
var UnpatchableError = class extends LockstepError {
  advisory;
  constructor(advisory, diagnostic) {
    super("E_UNPATCHABLE", diagnostic.message, [diagnostic]);
    this.name = "UnpatchableError";
    this.advisory = advisory;
  }
};
function formatDiagnostic(d) {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}
function sortDiagnostics(list2) {
  return [...list2].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

// src/github/request-errors.ts
function statusOf(error) {
  if (typeof error !== "object" || error === null || !("status" in error)) return void 0;
  return typeof error.status === "number" ? error.status : void 0;
}
function githubMessage(error) {
  if (typeof error === "object" && error !== null && "response" in error) {
    const data = error.response?.data;
    if (typeof data === "object" && data !== null && "message" in data && typeof data.message === "string") {
      return data.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
async function unlessNotFound(call) {
  try {
    return await call();
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
}

// src/github/record-refs.ts
async function createRecord(octokit, { owner, repo }, input) {
  const json = `${JSON.stringify(input.data, null, 2)}
`;
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    tree: [{ path: "record.json", mode: "100644", type: "blob", content: json }]
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: `${input.title}

${json}`,
    tree: tree.sha,
    parents: []
  });
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: input.ref, sha: commit.sha });
    return { created: true, record: { ref: input.ref, commit: commit.sha, data: input.data } };
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    const existing = await readRecord(octokit, { owner, repo }, input.ref);
    if (!existing) throw error;
    return { created: false, record: existing };
  }
}
async function readRecord(octokit, coordinates, ref) {
  const { owner, repo } = coordinates;
  let sha;
  try {
    const { data } = await octokit.rest.git.getRef({ owner, repo, ref: ref.replace(/^refs\//, "") });
    sha = data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
  return recordAt(octokit, coordinates, ref, sha);
}
async function listRecords(octokit, coordinates, prefix) {
  const { owner, repo } = coordinates;
  const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, {
    owner,
    repo,
    ref: prefix.replace(/^refs\//, ""),
    per_page: 100
  });
  const records2 = await Promise.all(
    refs.filter((r) => r.object.type === "commit").map((r) => recordAt(octokit, coordinates, r.ref, r.object.sha))
  );
  return records2.filter((r) => r !== void 0);
}
async function deleteRecord(octokit, { owner, repo }, ref) {
  try {
    await octokit.rest.git.deleteRef({ owner, repo, ref: ref.replace(/^refs\//, "") });
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status === 422 || status === 404) return false;
    throw error;
  }
}
async function recordAt(octokit, { owner, repo }, ref, sha) {
  const { data } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: sha });
  const parsed = parseRecordMessage(data.message);
  return parsed === void 0 ? void 0 : { ref, commit: sha, data: parsed };
}
function parseRecordMessage(message) {
  const blank = message.indexOf("\n\n");
  if (blank < 0) return void 0;
  try {
    return JSON.parse(message.slice(blank + 2));
  } catch {
    return void 0;
  }
}

// src/github/command-freeze.ts
var FREEZE_PREFIX = "refs/lockstep/freeze/";
function freezeRef(environment2) {
  return `${FREEZE_PREFIX}${environment2}`;
}
function freezeReason(freeze2) {
  return `frozen by @${freeze2.by} with /lockstep freeze since ${freeze2.since}${freeze2.reason ? `: ${freeze2.reason}` : ""}`;
}
async function listCommandFreezes(octokit, coordinates) {
  const records2 = await listRecords(octokit, coordinates, FREEZE_PREFIX);
  return new Map(records2.map((r) => [r.data.environment, r.data]));
}
async function commandFreezesIn(octokit, coordinates, snapshot) {
  const commits = snapshot.records.get(FREEZE_PREFIX);
  if (!commits) return listCommandFreezes(octokit, coordinates);
  return new Map(
    commits.flatMap((c) => {
      const data = parseRecordMessage(c.message);
      return data ? [[data.environment, data]] : [];
    })
  );
}

// src/github/deploy-tags.ts
var DIGEST_TRAILER = /^Lockstep-Digest: (sha256:[0-9a-f]{64})$/m;
var DeployTagTakenError = class extends LockstepError {
  tag;
  existingCommit;
  constructor(tag, wanted, existingCommit, options) {
    super(
      "E_STATE",
      `The deploy tag ${tag} already points at ${existingCommit.slice(0, 12)}, not at ${wanted.slice(0, 12)}: another deploy took that number; retry with the next one.`,
      [],
      options
    );
    this.name = "DeployTagTakenError";
    this.tag = tag;
    this.existingCommit = existingCommit;
  }
};
function digestTrailer(message) {
  return DIGEST_TRAILER.exec(message)?.[1];
}
async function listDeployTags(octokit, { owner, repo }, prefix, environment2) {
  const base = `${prefix}/${environment2}/`;
  const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, {
    owner,
    repo,
    ref: `tags/${base}`,
    per_page: 100
  });
  const candidates = refs.map((r) => ({ tag: r.ref.replace(/^refs\/tags\//, ""), object: r.object })).filter((r) => r.object.type === "tag" && /^[1-9][0-9]*$/.test(r.tag.slice(base.length)));
  const tags = await Promise.all(
    candidates.map(async ({ tag, object }) => {
      const { data } = await octokit.rest.git.getTag({ owner, repo, tag_sha: object.sha });
      const digest = digestTrailer(data.message);
      if (digest === void 0 || data.object.type !== "commit") return void 0;
      return { tag, environment: environment2, n: Number(tag.slice(base.length)), commit: data.object.sha, digest };
    })
  );
  return tags.filter((t) => t !== void 0).sort((a, b) => a.n - b.n);
}
async function createDeployTag(octokit, coordinates, input, tagger) {
  const { owner, repo } = coordinates;
  const { data: tagObject } = await octokit.rest.git.createTag({
    owner,
    repo,
    tag: input.tag,
    message: input.message,
    object: input.commit,
    type: "commit",
    ...tagger ? { tagger } : {}
  });
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/tags/${input.tag}`, sha: tagObject.sha });
    return { created: true };
  } catch (error) {
    if (statusOf(error) !== 422 || !/already exists/i.test(githubMessage(error))) throw error;
    const existing = await taggedCommit(octokit, coordinates, input.tag);
    if (existing === input.commit) return { created: false };
    throw new DeployTagTakenError(input.tag, input.commit, existing, { cause: error });
  }
}
async function taggedCommit(octokit, { owner, repo }, tag) {
  const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: `tags/${tag}` });
  if (ref.object.type !== "tag") return ref.object.sha;
  const { data } = await octokit.rest.git.getTag({ owner, repo, tag_sha: ref.object.sha });
  return data.object.sha;
}

// src/github/tree-reader.ts
var SHA = /^[0-9a-f]{40}$/;
function treeReader(octokit, coordinates, ref) {
  const { owner, repo } = coordinates;
  let snapshot;
  const blobs = /* @__PURE__ */ new Map();
  const load = async () => {
    const commit = SHA.test(ref) ? ref : await resolveCommit(octokit, coordinates, ref);
    const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: commit, recursive: "1" });
    const files = /* @__PURE__ */ new Map();
    for (const entry of data.tree) {
      if (entry.type === "blob" && entry.path && entry.sha) files.set(entry.path, entry.sha);
    }
    return data.truncated ? { files: /* @__PURE__ */ new Map(), partial: { commit, listed: /* @__PURE__ */ new Map() } } : { files };
  };
  const snap = () => {
    snapshot ??= load();
    return snapshot;
  };
  const listFolder = async (s, dir) => {
    const partial = s.partial;
    if (!partial) return [];
    const known = partial.listed.get(dir);
    if (known) return known;
    const data = await unlessNotFound(
      async () => (await octokit.rest.repos.getContent({ owner, repo, path: dir, ref: partial.commit })).data
    );
    const names2 = [];
    for (const entry of Array.isArray(data) ? data : []) {
      if (entry.type !== "file") continue;
      names2.push(entry.name);
      s.files.set(entry.path, entry.sha);
    }
    partial.listed.set(dir, names2);
    return names2;
  };
  const readBlob = (sha) => {
    let text = blobs.get(sha);
    if (!text) {
      text = octokit.rest.git.getBlob({ owner, repo, file_sha: sha }).then(
        ({ data }) => Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8")
      );
      blobs.set(sha, text);
    }
    return text;
  };
  return {
    async list(dir) {
      const s = await snap();
      const folder = trimSlashes(dir);
      if (s.partial) return listFolder(s, folder);
      const prefix = folder === "" ? "" : `${folder}/`;
      const names2 = [];
      for (const path of s.files.keys()) {
        if (path.startsWith(prefix) && !path.slice(prefix.length).includes("/")) {
          names2.push(path.slice(prefix.length));
        }
      }
      return names2.sort();
    },
    async read(path) {
      const s = await snap();
      const file = trimSlashes(path);
      if (s.partial && !s.files.has(file)) {
        const slash = file.lastIndexOf("/");
        await listFolder(s, slash < 0 ? "" : file.slice(0, slash));
      }
      const sha = s.files.get(file);
      return sha === void 0 ? void 0 : readBlob(sha);
    }
  };
}
async function resolveCommit(octokit, { owner, repo }, ref) {
  try {
    const { data } = await octokit.rest.repos.getCommit({ owner, repo, ref, mediaType: { format: "sha" } });
    const value = data;
    return typeof value === "string" ? value.trim() : data.sha;
  } catch (error) {
    const status = statusOf(error);
    if (status !== 404 && status !== 422) throw error;
    throw new Error(`${owner}/${repo} has no branch, tag or commit named "${ref}"`, { cause: error });
  }
}
function trimSlashes(path) {
  return path.replace(/^\/+|\/+$/g, "");
}

// src/github/upsert-release.ts
import { createHash } from "node:crypto";
async function upsertRelease(octokit, { owner, repo }, input) {
  const existing = await unlessNotFound(
    async () => (await octokit.rest.repos.getReleaseByTag({ owner, repo, tag: input.tag })).data
  );
  let release = existing;
  if (release === void 0) {
    release = (await octokit.rest.repos.createRelease({
      owner,
      repo,
      tag_name: input.tag,
      name: input.name,
      body: input.body
    })).data;
  } else if (release.name !== input.name || (release.body ?? "") !== input.body) {
    release = (await octokit.rest.repos.updateRelease({
      owner,
      repo,
      release_id: release.id,
      name: input.name,
      body: input.body
    })).data;
  }
  const uploaded = new Map(release.assets.map((a) => [a.name, a]));
  for (const asset of input.assets) {
    const bytes = Buffer.from(asset.content, "utf8");
    const current = uploaded.get(asset.name);
    if (current && await sameContent(octokit, { owner, repo }, current, asset, bytes)) continue;
    if (current) await octokit.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: current.id });
    await octokit.rest.repos.uploadReleaseAsset({
      owner,
      repo,
      release_id: release.id,
      url: release.upload_url,
      name: asset.name,
      // Octokit types `data` as a string and sends a Buffer as it is, so the bytes are exact.
      data: bytes,
      headers: { "content-type": asset.contentType, "content-length": bytes.length }
    });
  }
  return { id: release.id, url: release.html_url, created: existing === void 0 };
}
async function sameContent(octokit, { owner, repo }, current, wanted, bytes) {
  if (current.content_type !== wanted.contentType || current.size !== bytes.length) return false;
  if (current.digest) return current.digest === `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  const { data } = await octokit.rest.repos.getReleaseAsset({
    owner,
    repo,
    asset_id: current.id,
    headers: { accept: "application/octet-stream" }
  });
  const downloaded = data;
  return toBuffer(downloaded).equals(bytes);
}
function toBuffer(data) {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(typeof data === "string" ? data : JSON.stringify(data));
}

// src/github/octokit-port.ts
var DEFAULT_DEPLOYMENT_LIMIT = 5;
function createGitHubPort(octokit, coordinates, options = {}) {
  const { owner, repo } = coordinates;
  return {
    coordinates: { owner, repo },
    readerAt: (ref) => treeReader(octokit, coordinates, ref),
    deployTags: (prefix, environment2) => listDeployTags(octokit, coordinates, prefix, environment2),
    createDeployTag: (input) => createDeployTag(octokit, coordinates, input, options.tagger),
    // One call lists `refs/lockstep/freeze/`, then one per freeze (usually none).
    commandFreezes: () => listCommandFreezes(octokit, coordinates),
    // One call: GitHub lists the PRs a commit belongs to, including the one it merged.
    async pullForCommit(sha) {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
        owner,
        repo,
        commit_sha: sha,
        per_page: 100
      });
      const pull = data.find((p) => p.merged_at !== null && p.merge_commit_sha === sha) ?? (data.length === 1 ? data[0] : void 0);
      if (pull === void 0) return void 0;
      const info = {
        number: pull.number,
        author: pull.user?.login ?? "",
        headSha: pull.head.sha,
        merged: pull.merged_at !== null,
        mergeCommitSha: pull.merge_commit_sha ?? null
      };
      return info;
    },
    // One call per 100 reviews.
    async reviews(pullNumber) {
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
        owner,
        repo,
        pull_number: pullNumber,
        per_page: 100
      });
      return reviews.filter((r) => r.submitted_at !== void 0 && r.commit_id !== null).map(
        (r) => ({
          user: r.user?.login ?? "",
          state: r.state,
          commitId: r.commit_id ?? "",
          submittedAt: r.submitted_at ?? ""
        })
      );
    },
    // One call per 100 members; an unknown team (or one the token cannot see) has no members.
    async teamMembers(org, slug) {
      try {
        const members = await octokit.paginate(octokit.rest.teams.listMembersInOrg, {
          org,
          team_slug: slug,
          per_page: 100
        });
        return new Set(members.map((m) => m.login.toLowerCase()));
      } catch (error) {
        if (statusOf(error) === 404) return /* @__PURE__ */ new Set();
        throw error;
      }
    },
    // One call for the list, then (unless states: false) one per deployment for its latest status,
    // in parallel.
    async deployments(environment2, { limit = DEFAULT_DEPLOYMENT_LIMIT, sha, states = true } = {}) {
      const { data } = await octokit.rest.repos.listDeployments({
        owner,
        repo,
        environment: environment2,
        ...sha !== void 0 ? { sha } : {},
        per_page: limit
      });
      return Promise.all(
        data.slice(0, limit).map(async (d) => {
          const statuses = states ? (await octokit.rest.repos.listDeploymentStatuses({
            owner,
            repo,
            deployment_id: d.id,
            per_page: 1
          })).data : [];
          return {
            id: d.id,
            environment: d.environment,
            sha: d.sha,
            createdAt: d.created_at,
            state: statuses[0]?.state,
            payload: d.payload
          };
        })
      );
    },
    // One call. No required contexts: Lockstep's own policy gate has decided already.
    async createDeployment(input) {
      const payload = isRecord(input.payload) ? input.payload : JSON.stringify(input.payload ?? null);
      const { data } = await octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: input.sha,
        environment: input.environment,
        description: input.description,
        payload,
        auto_merge: false,
        required_contexts: []
      });
      if (!("id" in data))
        throw new Error(
          `GitHub did not create the deployment of ${input.environment}: ${data.message ?? ""}`
        );
      return data.id;
    },
    // One call.
    async setDeploymentStatus(id, input) {
      await octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: id,
        state: input.state,
        description: truncate(input.description),
        ...input.logUrl !== void 0 ? { log_url: input.logUrl } : {}
      });
    },
    // One call; per_page 1 keeps GitHub from listing the commits in between.
    async compareCommits(base, head) {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        owner,
        repo,
        basehead: `${base}...${head}`,
        per_page: 1
      });
      return data.status;
    },
    upsertRelease: (input) => upsertRelease(octokit, coordinates, input),
    // One call per 100 releases, for the whole repository (cheaper than one read per deploy tag).
    async releases() {
      const list2 = await octokit.paginate(octokit.rest.repos.listReleases, { owner, repo, per_page: 100 });
      return list2.filter((r) => !r.draft).map(
        (r) => ({
          tag: r.tag_name,
          name: r.name ?? r.tag_name,
          url: r.html_url,
          assets: r.assets.map((a) => a.name)
        })
      );
    },
    // One call.
    async setCommitStatus(sha, input) {
      await octokit.rest.repos.createCommitStatus({
        owner,
        repo,
        sha,
        context: input.context,
        state: input.state,
        description: truncate(input.description),
        ...input.targetUrl !== void 0 ? { target_url: input.targetUrl } : {}
      });
    }
  };
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function truncate(text, max = 140) {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}

// src/core/manifest/canonical-json.ts
import { createHash as createHash2 } from "node:crypto";
function canonicalJson(value) {
  return `${JSON.stringify(sortKeys(value), null, 2)}
`;
}
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out = /* @__PURE__ */ Object.create(null);
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (v !== void 0) out[key] = sortKeys(v);
  }
  return out;
}
function sha256(text) {
  return `sha256:${createHash2("sha256").update(text).digest("hex")}`;
}

// src/core/catalog/catalog-index.ts
import semver2 from "semver";
var SEVERITIES = ["low", "moderate", "high", "critical"];
var ReleaseLookup = class {
  #maps = /* @__PURE__ */ new WeakMap();
  find(releases, version) {
    if (version === void 0) return void 0;
    let map = this.#maps.get(releases);
    if (!map) {
      map = new Map(releases.map((r) => [r.version, r]));
      this.#maps.set(releases, map);
    }
    return map.get(version);
  }
};
var RangeCache = class {
  #ranges = /* @__PURE__ */ new Map();
  get(text) {
    let range = this.#ranges.get(text);
    if (!range) {
      range = new semver2.Range(text);
      this.#ranges.set(text, range);
    }
    return range;
  }
  #masks = /* @__PURE__ */ new WeakMap();
  /**
   * Does `releases[index]` satisfy the range? Environments share most ranges (those of the suite
   * releases they resolve to), so each answer is computed once: 0 not yet known, 1 yes, -1 no.
   */
  testAt(releases, index, text) {
    let byText = this.#masks.get(releases);
    if (!byText) {
      byText = /* @__PURE__ */ new Map();
      this.#masks.set(releases, byText);
    }
    let known = byText.get(text);
    if (!known) {
      known = new Int8Array(releases.length);
      byText.set(text, known);
    }
    if (known[index] === 0) known[index] = this.get(text).test(releases[index].sv) ? 1 : -1;
    return known[index] === 1;
  }
  /** Does the version satisfy the range? Prereleases match only ranges that name them, as in npm. */
  test(text, version) {
    return this.get(text).test(version);
  }
};
function releasesOf(catalog2, item) {
  if (item === "platform") return catalog2.platform;
  if (item.startsWith("suite:")) return catalog2.suites.get(item.slice(6)) ?? [];
  return catalog2.capabilities.get(item.slice(11)) ?? [];
}
function releaseAt(catalog2, item, version) {
  return catalog2.lookup.find(releasesOf(catalog2, item), version);
}
function compareDesc(a, b) {
  const ka = plainKey(a.version);
  const kb = plainKey(b.version);
  return Number.isNaN(ka) || Number.isNaN(kb) ? b.sv.compare(a.sv) : kb - ka;
}
var PLAIN = /^(\d{1,6})\.(\d{1,6})\.(\d{1,6})$/;
function plainKey(version) {
  const m = PLAIN.exec(version);
  if (!m) return Number.NaN;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return major < 2 ** 13 && minor < 2 ** 20 && patch < 2 ** 20 ? (major * 2 ** 20 + minor) * 2 ** 20 + patch : Number.NaN;
}

// src/core/catalog/catalog-release.ts
import { SemVer } from "semver";
var CatalogRelease = class {
  constructor(version, yanked, raw, source, where2) {
    this.version = version;
    this.yanked = yanked;
    this.raw = raw;
    this.source = source;
    this.where = where2;
  }
  version;
  yanked;
  raw;
  source;
  where;
  #sv;
  get sv() {
    this.#sv ??= new SemVer(this.version);
    return this.#sv;
  }
  get origin() {
    const [section, name, index] = this.where;
    return { source: this.source, path: name === void 0 ? [section, index] : [section, name, index] };
  }
};
var CatalogPlatformRelease = class extends CatalogRelease {
  suites;
  constructor(r, source, index) {
    super(r.version, r.yanked ?? false, r, source, ["platform", void 0, index]);
    this.suites = new Map(Object.entries(r.suites));
  }
};
var CatalogSuiteRelease = class extends CatalogRelease {
  capabilities;
  constructor(r, source, name, index) {
    super(r.version, r.yanked ?? false, r, source, ["suites", name, index]);
    this.capabilities = new Map(Object.entries(r.capabilities));
  }
};
var CatalogCapabilityRelease = class extends CatalogRelease {
  artifact;
  digest;
  constructor(r, source, name, index) {
    super(r.version, r.yanked ?? false, r, source, ["capabilities", name, index]);
    this.artifact = r.artifact;
    if (r.digest) this.digest = r.digest;
  }
};

// src/core/catalog/merge-catalog.ts
function mergeCatalog(documents) {
  const diagnostics = [];
  const seen = /* @__PURE__ */ new Map();
  const admit = (item, release, label) => {
    let versions = seen.get(item);
    if (!versions) {
      versions = /* @__PURE__ */ new Map();
      seen.set(item, versions);
    }
    const first = versions.get(release.version);
    if (!first) {
      versions.set(release.version, release);
      return true;
    }
    conflict2(first.raw, first.origin, release.raw, release.origin, label);
    return false;
  };
  const conflict2 = (a, aOrigin, b, bOrigin, label) => {
    if (canonicalJson(withDefaults(a)) === canonicalJson(withDefaults(b))) return;
    const at = diagnosticAt(aOrigin.source, aOrigin.path, "");
    diagnostics.push(
      diagnosticAt(
        bOrigin.source,
        bOrigin.path,
        `${label} is given again with different content (first at ${at.file}:${at.line}); keep one definition`
      )
    );
  };
  const platform = [];
  const suites = /* @__PURE__ */ new Map();
  const capabilities = /* @__PURE__ */ new Map();
  const advisories = /* @__PURE__ */ new Map();
  for (const { source, value } of documents) {
    value.platform?.forEach((r, i) => {
      const release = new CatalogPlatformRelease(r, source, i);
      if (admit("platform", release, `platform release ${r.version}`)) platform.push(release);
    });
    for (const [name, releases] of Object.entries(value.suites ?? {})) {
      const list2 = suites.get(name) ?? [];
      suites.set(name, list2);
      releases.forEach((r, i) => {
        const release = new CatalogSuiteRelease(r, source, name, i);
        if (admit(`suite:${name}`, release, `suite ${name} release ${r.version}`)) list2.push(release);
      });
    }
    for (const [name, releases] of Object.entries(value.capabilities ?? {})) {
      const list2 = capabilities.get(name) ?? [];
      capabilities.set(name, list2);
      releases.forEach((r, i) => {
        const release = new CatalogCapabilityRelease(r, source, name, i);
        if (admit(`capability:${name}`, release, `capability ${name} release ${r.version}`))
          list2.push(release);
      });
    }
    value.advisories?.forEach((a, i) => {
      const origin = { source, path: ["advisories", i] };
      const first = advisories.get(a.id);
      if (first) {
        conflict2(first.raw, first.origin, a, origin, `advisory ${a.id}`);
        return;
      }
      const item = a.capability ? `capability:${a.capability}` : a.suite ? `suite:${a.suite}` : "platform";
      advisories.set(a.id, {
        id: a.id,
        severity: a.severity,
        item,
        affected: a.affected,
        summary: a.summary,
        published: a.published,
        ...a.url ? { url: a.url } : {},
        origin,
        raw: a
      });
    });
  }
  platform.sort(compareDesc);
  for (const list2 of suites.values()) list2.sort(compareDesc);
  for (const list2 of capabilities.values()) list2.sort(compareDesc);
  const advisoryList = [...advisories.values()].map(({ raw: _raw, ...a }) => a).sort((a, b) => a.id.localeCompare(b.id));
  const advisoriesByItem = /* @__PURE__ */ new Map();
  for (const a of advisoryList) advisoriesByItem.set(a.item, [...advisoriesByItem.get(a.item) ?? [], a]);
  return {
    catalog: {
      platform,
      suites,
      capabilities,
      advisories: advisoryList,
      advisoriesByItem,
      ranges: new RangeCache(),
      lookup: new ReleaseLookup()
    },
    diagnostics
  };
}
function withDefaults(r) {
  return r !== null && typeof r === "object" && !Array.isArray(r) && "version" in r ? { yanked: false, ...r } : r;
}

// src/core/load/parse.ts
import { load as loadYaml } from "js-yaml";

// src/core/load/syntax-error.ts
import { LineCounter as LineCounter2, parseDocument as parseDocument2 } from "yaml";
function explainSyntaxError(text, findOpener = true) {
  const lineCounter = new LineCounter2();
  const doc = parseDocument2(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const error = doc.errors[0];
  if (!error) return void 0;
  let offset = error.pos[0];
  let message = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, "");
  switch (error.code) {
    case "MISSING_CHAR":
    case "BAD_INDENT": {
      const quote = /closing (["'])quote/.exec(message)?.[1];
      const opener = quote ?? (/end with a \}/.test(message) ? "{" : /end with a \]/.test(message) ? "[" : void 0);
      if (opener && findOpener) {
        offset = unclosed(text, offset, opener);
        message = quote ? `unterminated quoted string: close it with ${quote}` : `'${opener}' is not closed: add '${opener === "{" ? "}" : "]"}'`;
      }
      break;
    }
    case "DUPLICATE_KEY": {
      const key = /^\s*["']?([^"':\n]+)/.exec(text.slice(offset))?.[1]?.trim() ?? "";
      const first = firstKeyLine(text, offset, key);
      message = `duplicate key '${key}'${first ? ` (first at line ${first})` : ""}; keep one`;
      break;
    }
    case "MULTIPLE_DOCS":
      message = "a file holds one document: remove this '---' and what follows, or move it to a file of its own";
      break;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, col: pos.col, message: message.charAt(0).toLowerCase() + message.slice(1) };
}
function unclosed(text, end, opener) {
  if (opener === '"' || opener === "'") {
    const at = text.lastIndexOf(opener, end - 1);
    return at >= 0 ? at : end;
  }
  const closer = opener === "{" ? "}" : "]";
  let depth = 0;
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] === closer) depth++;
    else if (text[i] === opener) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return end;
}
function firstKeyLine(text, offset, key) {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const indent = text.slice(lineStart, offset);
  const lines = text.slice(0, lineStart).split("\n");
  const index = lines.findIndex(
    (l) => l.startsWith(`${indent}${key}:`) || l.startsWith(`${indent}"${key}":`)
  );
  return index >= 0 ? index + 1 : void 0;
}

// src/core/load/parse.ts
var MAX_FILE_BYTES = 64 * 1024 * 1024;
var MAX_ALIASES = 1e3;
var MAX_EXPANDED_NODES = 4e6;
var MAX_DEPTH = 64;
function parseSource(source) {
  const fail = (line, col, message) => ({
    ok: false,
    diagnostics: [{ file: source.path, line, col, field: "", message }]
  });
  if (utf8Length(source.text) > MAX_FILE_BYTES) {
    return fail(0, 0, `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB; split it into several files`);
  }
  const text = source.text.charCodeAt(0) === 65279 ? source.text.slice(1) : source.text;
  if (text.trim() === "") return fail(1, 1, "file is empty");
  if (source.path.endsWith(".json")) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = message.replace(/,\s*(\.\.\.)?".*$|\s+in JSON at position[\s\S]*$/s, "");
      const offset = /position (\d+)/.exec(message)?.[1];
      const where2 = offset !== void 0 ? lineCol(text, Number(offset)) : explainSyntaxError(text, false);
      return fail(where2?.line ?? 1, where2?.col ?? 1, `invalid JSON: ${reason}`);
    }
  }
  let value;
  try {
    value = loadYaml(text, { filename: source.path, maxAliases: MAX_ALIASES, maxDepth: MAX_DEPTH });
  } catch (error) {
    const e = error;
    const reason = e.reason ?? (error instanceof Error ? error.message : String(error));
    if (/maxAliases/.test(reason))
      return fail(1, 1, `more than ${MAX_ALIASES} aliases in one file; write the data out instead`);
    if (/maxDepth|nesting/.test(reason))
      return fail(
        (e.mark?.line ?? 0) + 1,
        (e.mark?.column ?? 0) + 1,
        `nested deeper than ${MAX_DEPTH} levels`
      );
    const where2 = explainSyntaxError(text);
    if (where2) return fail(where2.line, where2.col, `invalid YAML: ${where2.message}`);
    return fail((e.mark?.line ?? 0) + 1, (e.mark?.column ?? 0) + 1, `invalid YAML: ${reason}`);
  }
  if (text.includes("&") && expandedSize(value) > MAX_EXPANDED_NODES) {
    return fail(
      1,
      1,
      `YAML aliases expand to more than ${MAX_EXPANDED_NODES} nodes; write the data out instead`
    );
  }
  return { ok: true, value };
}
function lineCol(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, col: offset - before.lastIndexOf("\n") };
}
function utf8Length(text) {
  if (text.length * 3 <= MAX_FILE_BYTES) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 55296 && c < 56320;
    if (pair) i++;
    bytes += c < 128 ? 1 : c < 2048 ? 2 : pair ? 4 : 3;
  }
  return bytes;
}
function expandedSize(root) {
  const memo = /* @__PURE__ */ new Map();
  const size = (node) => {
    if (node === null || typeof node !== "object") return 1;
    const known = memo.get(node);
    if (known !== void 0) return known;
    let total = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      total += size(child);
      if (total > MAX_EXPANDED_NODES) break;
    }
    memo.set(node, total);
    return total;
  };
  return size(root);
}

// src/core/load/load-repository.ts
var SETTINGS_PATH = ".github/lockstep.yml";
var CATALOG_FILE = /\.(ya?ml|json)$/;
var ENVIRONMENT_FILE = /^(.+)\.ya?ml$/;
async function loadRepository(reader, validators, options = {}) {
  const diagnostics = [];
  const parse = (source, kind) => {
    const parsed = parseSource(source);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      return void 0;
    }
    const problems = checkSchema(validators, kind, parsed.value, source);
    diagnostics.push(...problems);
    return problems.length ? void 0 : parsed.value;
  };
  const settingsText = await reader.read(SETTINGS_PATH);
  const rawSettings = settingsText === void 0 ? {} : parse({ path: SETTINGS_PATH, text: settingsText }, "settings");
  const settings2 = resolveSettings(rawSettings ?? {});
  const catalogFiles = (await reader.list(settings2.catalogDir)).filter((f) => CATALOG_FILE.test(f)).sort();
  if (catalogFiles.length === 0) {
    diagnostics.push({
      file: settings2.catalogDir,
      line: 0,
      col: 0,
      field: "",
      message: "no catalog files (*.yaml, *.yml, *.json) found; add the catalog or set paths.catalog in .github/lockstep.yml"
    });
  }
  const documents = [];
  for (const file of catalogFiles) {
    const source = await readSource(reader, `${settings2.catalogDir}/${file}`);
    const value = parse(source, "catalog");
    if (value) documents.push({ source, value });
  }
  const merged = mergeCatalog(documents);
  diagnostics.push(...merged.diagnostics);
  const available = /* @__PURE__ */ new Map();
  for (const file of (await reader.list(settings2.environmentsDir)).sort()) {
    const m = ENVIRONMENT_FILE.exec(file);
    if (m?.[1] && !available.has(m[1])) available.set(m[1], file);
  }
  const wanted = options.environments?.length ? options.environments : [...available.keys()];
  const unknown = wanted.filter((name) => !available.has(name));
  if (unknown.length) {
    const known = [...available.keys()].join(", ") || "none";
    throw new LockstepError(
      "E_USAGE",
      `unknown environment ${unknown.map((n) => `'${n}'`).join(", ")} (known: ${known})`
    );
  }
  const environments = /* @__PURE__ */ new Map();
  for (const name of wanted) {
    const source = await readSource(reader, `${settings2.environmentsDir}/${available.get(name)}`);
    const config = parse(source, "environment");
    const manifestPath = `${settings2.environmentsDir}/${name}.manifest.json`;
    const manifestText = await reader.read(manifestPath);
    const manifestSource = manifestText === void 0 ? void 0 : { path: manifestPath, text: manifestText };
    const manifest2 = manifestSource && parse(manifestSource, "manifest");
    if (!config) continue;
    if (config.name !== name) {
      diagnostics.push(
        diagnosticAt(
          source,
          ["name"],
          `name: '${config.name}' must equal the file name '${name}'; rename the file or the environment`
        )
      );
      continue;
    }
    if (manifest2 && manifest2.environment !== name) {
      diagnostics.push(
        diagnosticAt(
          manifestSource,
          ["environment"],
          `environment: '${manifest2.environment}' belongs in another file; run lockstep compile ${name}`
        )
      );
    }
    environments.set(name, {
      name,
      config,
      source,
      manifestPath,
      ...manifest2 && manifestSource ? { manifest: manifest2, manifestSource } : {}
    });
  }
  if (diagnostics.length) throw new InputError(diagnostics);
  return { settings: settings2, catalog: merged.catalog, environments };
}
async function readSource(reader, path) {
  return { path, text: await reader.read(path) ?? "" };
}
function resolveSettings(s) {
  return {
    catalogDir: trimSlashes2(s.paths?.catalog ?? "catalog"),
    environmentsDir: trimSlashes2(s.paths?.environments ?? "environments"),
    tagPrefix: s.tagPrefix ?? "deploy",
    bot: {
      planComment: s.bot?.planComment ?? true,
      rollbackOnFailure: s.bot?.rollbackOnFailure ?? false,
      securityMerge: s.bot?.securityMerge ?? "when-green",
      dashboard: s.bot?.dashboard ?? true,
      commanders: s.bot?.commanders ?? []
    }
  };
}
function trimSlashes2(p) {
  return p.replace(/^\.\/+/, "").replace(/\/+$/, "");
}

// bot/settings.ts
async function readBotSettings(read, validators) {
  const raw = await read() ?? {};
  const problems = checkSchema(validators, "settings", raw, { path: SETTINGS_PATH, text: "" });
  if (problems.length) throw new InputError(problems.map(withoutPosition));
  return resolveSettings(raw);
}
function withoutPosition(d) {
  return { ...d, line: 0, col: 0 };
}

// bot/bot-context.ts
async function createBotContext(facts, deps) {
  const settings2 = await readBotSettings(facts.readConfig, deps.validators);
  return {
    octokit: facts.octokit,
    coordinates: facts.coordinates,
    port: createGitHubPort(facts.octokit, facts.coordinates),
    defaultBranch: facts.defaultBranch,
    settings: settings2,
    validators: deps.validators,
    now: deps.clock(),
    sender: facts.sender,
    log: facts.log
  };
}

// src/core/resolve/requirements.ts
function platformRelease(catalog2, version) {
  return catalog2.lookup.find(catalog2.platform, version);
}
function suiteRelease(catalog2, name, version) {
  return catalog2.lookup.find(catalog2.suites.get(name) ?? [], version);
}
function capabilityRelease(catalog2, name, version) {
  return catalog2.lookup.find(catalog2.capabilities.get(name) ?? [], version);
}
function suiteRequirements(catalog2, platformVersion) {
  const release = platformRelease(catalog2, platformVersion);
  const out = /* @__PURE__ */ new Map();
  if (!release) return out;
  for (const [suite, range] of release.suites)
    out.set(suite, { by: "platform", byVersion: platformVersion, range, release });
  return out;
}
function capabilityRequirements(catalog2, suites) {
  const out = /* @__PURE__ */ new Map();
  for (const name of [...suites.keys()].sort()) {
    const version = suites.get(name);
    const release = suiteRelease(catalog2, name, version);
    if (!release) continue;
    for (const [cap, range] of release.capabilities) {
      const list2 = out.get(cap) ?? [];
      list2.push({ by: name, byVersion: version, range, release });
      out.set(cap, list2);
    }
  }
  return out;
}
function requiredBy(catalog2, v) {
  const out = /* @__PURE__ */ new Map();
  for (const [cap, reqs] of capabilityRequirements(catalog2, v.suites))
    out.set(
      cap,
      reqs.map((r) => r.by)
    );
  return out;
}

// src/core/manifest/build-manifest.ts
function buildManifest(config, catalog2, versions, patches, waivers) {
  const needs = requiredBy(catalog2, versions);
  const capabilities = {};
  for (const name of [...versions.capabilities.keys()].sort()) {
    const version = versions.capabilities.get(name);
    const release = capabilityRelease(catalog2, name, version);
    capabilities[name] = {
      artifact: release?.artifact ?? "",
      ...release?.digest ? { digest: release.digest } : {},
      requiredBy: [...needs.get(name) ?? []].sort(),
      version
    };
  }
  const suites = {};
  for (const name of [...versions.suites.keys()].sort()) suites[name] = versions.suites.get(name);
  const placeholder = `sha256:${"0".repeat(64)}`;
  const draft = {
    apiVersion: "lockstep/v1",
    capabilities,
    channel: config.channel,
    digest: placeholder,
    environment: config.name,
    kind: "Manifest",
    platform: versions.platform,
    security: {
      patches: patches.map((p) => ({
        advisory: p.advisory,
        from: p.from,
        item: p.item,
        overrides: p.overrides,
        ...p.reason ? { reason: p.reason } : {},
        severity: p.severity,
        to: p.to
      })),
      waivers: [...waivers].map((w) => ({ advisory: w.advisory, approvedBy: w.approvedBy, reason: w.reason, until: w.until })).sort(
        (a, b) => [a.advisory, a.until, a.reason, a.approvedBy].join("\0").localeCompare([b.advisory, b.until, b.reason, b.approvedBy].join("\0"))
      )
    },
    suites
  };
  const text = `${JSON.stringify(draft, null, 2)}
`;
  const line = `
  "digest": "${placeholder}",
`;
  const digest = sha256(text.replace(line, "\n"));
  return { manifest: { ...draft, digest }, text: text.replace(line, `
  "digest": "${digest}",
`) };
}
function manifestDigest(manifest2) {
  const { digest: _ignored, ...body } = manifest2;
  return sha256(canonicalJson(body));
}
function manifestVersions(m) {
  return {
    platform: m.platform,
    suites: new Map(Object.entries(m.suites)),
    capabilities: new Map(Object.entries(m.capabilities).map(([name, c]) => [name, c.version]))
  };
}

// src/core/resolve/versions.ts
function cloneVersions(v) {
  return { platform: v.platform, suites: new Map(v.suites), capabilities: new Map(v.capabilities) };
}
function listItems(v) {
  const out = [["platform", v.platform]];
  for (const name of [...v.suites.keys()].sort()) out.push([`suite:${name}`, v.suites.get(name)]);
  for (const name of [...v.capabilities.keys()].sort())
    out.push([`capability:${name}`, v.capabilities.get(name)]);
  return out;
}
function versionOf(v, item) {
  if (item === "platform") return v.platform;
  if (item.startsWith("suite:")) return v.suites.get(item.slice(6));
  return v.capabilities.get(item.slice(11));
}
function setVersion(v, item, version) {
  if (item === "platform") {
    if (version) v.platform = version;
    return;
  }
  const map = item.startsWith("suite:") ? v.suites : v.capabilities;
  const name = item.slice(item.indexOf(":") + 1);
  if (version === null) map.delete(name);
  else map.set(name, version);
}

// src/core/resolve/patch-records.ts
function patchRecords(input, start, end, attribution) {
  const items = new Set([...listItems(start), ...listItems(end)].map(([i]) => i));
  const out = [];
  for (const item of [...items].sort(itemOrder)) {
    const from = versionOf(start, item) ?? null;
    const to = versionOf(end, item) ?? null;
    const a = attribution.get(item);
    if (from === to || !a) continue;
    out.push({
      advisory: a.advisory.id,
      severity: a.advisory.severity,
      item,
      from,
      to,
      overrides: overrides(input, item, to),
      ...a.reason ? { reason: a.reason } : {}
    });
  }
  return out;
}
function overrides({ config, freeze: freeze2, catalog: catalog2 }, item, to) {
  const out = [];
  const pins = config.pins ?? {};
  const name = item.slice(item.indexOf(":") + 1);
  const [pin, field] = item === "platform" ? [pins.platform, "pins.platform"] : item.startsWith("suite:") ? [pins.suites?.[name], `pins.suites.${name}`] : [pins.capabilities?.[name], `pins.capabilities.${name}`];
  const release = to ? releaseAt(catalog2, item, to) : void 0;
  if (pin && release && !catalog2.ranges.test(pin, release.sv)) out.push(`${field} '${pin}'`);
  if (freeze2.frozen) out.push(...freeze2.reasons);
  else if (config.channel === "manual-approval")
    out.push("channel manual-approval (no approval needed for an enforced patch)");
  return out;
}
function itemOrder(a, b) {
  const rank = (i) => i === "platform" ? 0 : i.startsWith("suite:") ? 1 : 2;
  return rank(a) - rank(b) || a.localeCompare(b);
}

// src/core/resolve/apply-security.ts
function applySecurity(input, start) {
  const ctx = new Step6(input);
  const state = cloneVersions(start);
  const attribution = /* @__PURE__ */ new Map();
  for (let round = 0; round < 1e4; round++) {
    const hit = ctx.firstAffected(state);
    if (!hit) break;
    const next = ctx.fix(state, hit.item, hit.advisory);
    if (!next)
      return {
        unpatchable: { advisory: hit.advisory, item: hit.item, version: versionOf(state, hit.item) }
      };
    for (const [item] of listItems(next)) {
      if (versionOf(next, item) !== versionOf(state, item) && !attribution.has(item)) {
        attribution.set(item, {
          advisory: hit.advisory,
          ...item === hit.item ? {} : { reason: reasonFor(item, hit.item) }
        });
      }
    }
    for (const item of removedItems(state, next)) {
      if (!attribution.has(item))
        attribution.set(item, {
          advisory: hit.advisory,
          reason: `no longer required after the fix of ${hit.item}`
        });
    }
    Object.assign(state, next);
  }
  return { versions: state, patches: patchRecords(input, start, state, attribution) };
}
function reasonFor(item, hit) {
  const hitIsBelow = item === "platform" && hit !== "platform" || item.startsWith("suite:") && hit.startsWith("capability:");
  return hitIsBelow ? `raised so that ${hit} can reach a fixed release` : `follows the parent raised for ${hit}`;
}
function removedItems(before, after) {
  return listItems(before).map(([item]) => item).filter((item) => versionOf(after, item) === void 0);
}
var Step6 = class {
  #in;
  #enforced;
  #advised;
  constructor(input) {
    this.#in = input;
    this.#enforced = new Set(input.policy.enforced);
    this.#advised = [...new Set(input.policy.enforced.map((a) => a.item))].sort(itemOrder);
  }
  /** Enforced advisories affecting a release of an item. */
  affecting(item, release) {
    const advisories = this.#in.catalog.advisoriesByItem.get(item) ?? [];
    return advisories.filter(
      (a) => this.#enforced.has(a) && this.#in.catalog.ranges.test(a.affected, release.sv)
    );
  }
  firstAffected(state) {
    for (const item of this.#advised) {
      const release = releaseAt(this.#in.catalog, item, versionOf(state, item));
      const advisory = release && this.affecting(item, release)[0];
      if (advisory) return { item, advisory };
    }
    return void 0;
  }
  /** A new state in which `item` no longer carries `advisory`, or undefined when nothing fits. */
  fix(state, item, advisory) {
    const below = this.fixBelowPlatform(state, item, advisory);
    if (below || item === "platform") return below;
    const raised = this.raise(
      state,
      "platform",
      (s) => this.isFixed(s, item, advisory) || this.fixBelowPlatform(s, item, advisory) !== void 0
    );
    return raised && (this.isFixed(raised, item, advisory) ? raised : this.fixBelowPlatform(raised, item, advisory));
  }
  /** The item itself; for a capability, then one requiring suite, then every blocking suite together. */
  fixBelowPlatform(state, item, advisory) {
    const direct = this.raise(state, item);
    if (direct || !item.startsWith("capability:")) return direct;
    const name = item.slice(11);
    const done = (s) => this.isFixed(s, item, advisory) ? s : this.raise(s, item);
    const parents = capabilityRequirements(this.#in.catalog, state.suites).get(name) ?? [];
    for (const parent of parents) {
      const raised = this.raise(state, `suite:${parent.by}`, (s) => done(s) !== void 0);
      if (raised) return done(raised);
    }
    const together = cloneVersions(state);
    let moved = false;
    for (const parent of parents) {
      if (this.admitsFix(together, parent.by, name)) continue;
      const suite = `suite:${parent.by}`;
      const current = releaseAt(this.#in.catalog, suite, parent.byVersion);
      const next = [...releasesOf(this.#in.catalog, suite)].reverse().find((r) => {
        if (r.yanked || current && r.sv.compare(current.sv) <= 0 || this.affecting(suite, r).length)
          return false;
        if (!this.fitsParents(together, suite, r)) return false;
        const trial = cloneVersions(together);
        setVersion(trial, suite, r.version);
        return this.admitsFix(trial, parent.by, name);
      });
      if (!next) return void 0;
      setVersion(together, suite, next.version);
      moved = true;
    }
    if (!moved || !this.alignChildren(together)) return void 0;
    return done(together);
  }
  isFixed(state, item, advisory) {
    const version = versionOf(state, item);
    if (version === void 0) return true;
    const r = releaseAt(this.#in.catalog, item, version);
    return r !== void 0 && !this.affecting(item, r).includes(advisory);
  }
  /** Does suite `suite`'s range for capability `name` admit a release above the current one that no enforced advisory affects? */
  admitsFix(state, suite, name) {
    const { catalog: catalog2 } = this.#in;
    const range = suiteRelease(catalog2, suite, state.suites.get(suite) ?? "")?.capabilities.get(name);
    if (range === void 0) return true;
    const item = `capability:${name}`;
    const current = releaseAt(catalog2, item, versionOf(state, item));
    return releasesOf(catalog2, item).some(
      (r) => !r.yanked && (!current || r.sv.compare(current.sv) > 0) && catalog2.ranges.test(range, r.sv) && this.affecting(item, r).length === 0
    );
  }
  /**
   * Moves `item` to its lowest non-yanked, unaffected release above the current one that fits the
   * ranges of its parents (and, when given, makes `accept` true), then brings its children in line.
   */
  raise(state, item, accept) {
    const current = releaseAt(this.#in.catalog, item, versionOf(state, item));
    if (!current) return void 0;
    const candidates = [...releasesOf(this.#in.catalog, item)].reverse();
    for (const r of candidates) {
      if (r.yanked || r.sv.compare(current.sv) <= 0) continue;
      if (item === "platform" && r.sv.prerelease.length) continue;
      if (this.affecting(item, r).length || !this.fitsParents(state, item, r)) continue;
      const next = cloneVersions(state);
      setVersion(next, item, r.version);
      if (!item.startsWith("capability:") && !this.alignChildren(next)) continue;
      if (!accept || accept(next)) return next;
    }
    return void 0;
  }
  fitsParents(state, item, r) {
    const { catalog: catalog2 } = this.#in;
    if (item === "platform") return true;
    if (item.startsWith("suite:")) {
      const range = platformRelease(catalog2, state.platform)?.suites.get(item.slice(6));
      return range !== void 0 && catalog2.ranges.test(range, r.sv);
    }
    const name = item.slice(11);
    for (const [suite, version] of state.suites) {
      const range = suiteRelease(catalog2, suite, version)?.capabilities.get(name);
      if (range !== void 0 && !catalog2.ranges.test(range, r.sv)) return false;
    }
    return true;
  }
  /**
   * After a parent moved: children keep a version that still fits, else take the lowest unaffected
   * one that fits. False when some child has no release that fits at all: the move is not possible.
   */
  alignChildren(state) {
    const { catalog: catalog2 } = this.#in;
    const suites = /* @__PURE__ */ new Map();
    for (const [name, req] of suiteRequirements(catalog2, state.platform)) {
      const version = this.align(
        `suite:${name}`,
        state.suites.get(name),
        (r) => catalog2.ranges.test(req.range, r.sv)
      );
      if (version === void 0) return false;
      suites.set(name, version);
    }
    const capabilities = /* @__PURE__ */ new Map();
    for (const [name, reqs] of capabilityRequirements(catalog2, suites)) {
      const version = this.align(
        `capability:${name}`,
        state.capabilities.get(name),
        (r) => reqs.every((q) => catalog2.ranges.test(q.range, r.sv))
      );
      if (version === void 0) return false;
      capabilities.set(name, version);
    }
    state.suites = suites;
    state.capabilities = capabilities;
    return true;
  }
  align(item, current, fits) {
    const releases = releasesOf(this.#in.catalog, item);
    const now = this.#in.catalog.lookup.find(releases, current);
    if (now && fits(now)) return now.version;
    const usable = releases.filter((r) => !r.yanked && fits(r));
    const clean = usable.filter((r) => this.affecting(item, r).length === 0);
    const pool = clean.length ? clean : usable;
    const lowestAbove = now && [...pool].reverse().find((r) => r.sv.compare(now.sv) > 0);
    return (lowestAbove ?? pool[0])?.version;
  }
};

// src/core/resolve/context.ts
function freezeState(config, now) {
  const reasons = [];
  if (config.channel === "frozen") reasons.push("channel frozen");
  if (config.hold) reasons.push(`hold since ${config.hold.since}: ${config.hold.reason}`);
  const windows = [...config.freeze ?? []].sort(
    (a, b) => Date.parse(a.from) - Date.parse(b.from) || Date.parse(a.until) - Date.parse(b.until) || (a.reason ?? "").localeCompare(b.reason ?? "")
  );
  for (const w of windows) {
    if (Date.parse(w.from) <= now.getTime() && now.getTime() < Date.parse(w.until)) {
      reasons.push(`freeze window ${w.from} until ${w.until}${w.reason ? ` (${w.reason})` : ""}`);
    }
  }
  return { frozen: reasons.length > 0, reasons };
}
function waiverInForce(waiver, now) {
  return now.getTime() < Date.parse(`${waiver.until}T00:00:00Z`) + 24 * 60 * 60 * 1e3;
}
function securityPolicy(config, catalog2, now) {
  const floor = SEVERITIES.indexOf(config.security?.enforce ?? "critical");
  const waivers = config.security?.waivers ?? [];
  const waiversInForce = waivers.filter((w) => waiverInForce(w, now));
  const expired = waivers.filter((w) => !waiverInForce(w, now));
  const enforced = [];
  const waived = [];
  for (const advisory of catalog2.advisories) {
    if (SEVERITIES.indexOf(advisory.severity) < floor) continue;
    const waiver = waiversInForce.find((w) => w.advisory === advisory.id);
    if (waiver) waived.push({ advisory, waiver });
    else enforced.push(advisory);
  }
  return { enforced, waived, waiversInForce, expired };
}

// src/core/resolve/resolve-versions.ts
function resolveVersions(entry, catalog2) {
  const pins = entry.config.pins ?? {};
  const { ranges } = catalog2;
  const platformPin = pins.platform;
  const platform = catalog2.platform.find((r) => !r.yanked && ranges.test(platformPin ?? "*", r.sv));
  if (!platform) {
    if (!platformPin)
      throw new ResolveError(catalogProblem(entry, "the catalog has no non-yanked platform release"));
    throw new ResolveError(
      diagnosticAt(
        entry.source,
        ["pins", "platform"],
        `pins.platform: '${platformPin}' leaves no platform release (non-yanked releases: ${list(catalog2.platform)})`
      )
    );
  }
  const suites = /* @__PURE__ */ new Map();
  for (const [name, req] of suiteRequirements(catalog2, platform.version)) {
    const pin = pins.suites?.[name];
    const releases = catalog2.suites.get(name) ?? [];
    const chosen = highest(releases, [req.range, pin], ranges);
    if (!chosen) throw new ResolveError(conflict(entry, catalog2, `suite:${name}`, pin, [req], releases));
    suites.set(name, chosen.version);
  }
  const capabilities = /* @__PURE__ */ new Map();
  for (const [name, reqs] of capabilityRequirements(catalog2, suites)) {
    const pin = pins.capabilities?.[name];
    const releases = catalog2.capabilities.get(name) ?? [];
    const chosen = highest(releases, [...reqs.map((q) => q.range), pin], ranges);
    if (!chosen) throw new ResolveError(conflict(entry, catalog2, `capability:${name}`, pin, reqs, releases));
    capabilities.set(name, chosen.version);
  }
  return { platform: platform.version, suites, capabilities };
}
function highest(releases, within, ranges) {
  const texts = within.filter((t) => t !== void 0);
  return releases.find((r, i) => !r.yanked && texts.every((t) => ranges.testAt(releases, i, t)));
}
function conflict(entry, catalog2, item, pin, reqs, releases) {
  const [level, name] = item.split(":");
  const rangesText = reqs.map((q) => `${q.by === "platform" ? "platform" : `suite ${q.by}`} ${q.byVersion} requires '${q.range}'`).join(", ");
  const withoutPin = highest(
    releases,
    reqs.map((q) => q.range),
    catalog2.ranges
  );
  if (pin && withoutPin) {
    const field = ["pins", level === "suite" ? "suites" : "capabilities", name];
    return diagnosticAt(
      entry.source,
      field,
      `pins.${field[1]}.${name}: '${pin}' conflicts with ${rangesText}; no release of ${level} ${name} is inside both (highest that fits the ranges: ${withoutPin.version}). Widen or remove the pin`
    );
  }
  const first = reqs[0];
  const where2 = first ? diagnosticAt(
    first.release.origin.source,
    [...first.release.origin.path, level === "suite" ? "suites" : "capabilities", name],
    ""
  ) : void 0;
  const message = releases.length ? `no non-yanked release of ${level} ${name} fits ${rangesText} (releases: ${list(releases)})` : `${level} ${name} is required (${rangesText}) but the catalog has no release of it`;
  return {
    ...where2 ?? { file: entry.source.path, line: 0, col: 0 },
    field: where2?.field ?? "",
    message: `${entry.name}: ${message}`
  };
}
function catalogProblem(entry, message) {
  return { file: entry.source.path, line: 0, col: 0, field: "", message };
}
function list(releases) {
  const shown = releases.filter((r) => !r.yanked).slice(0, 8).map((r) => r.version);
  return shown.length ? `${shown.join(", ")}${releases.length > 8 ? ", ..." : ""}` : "none";
}
function checkPinNames(entry, catalog2) {
  const pins = entry.config.pins ?? {};
  const problems = [];
  for (const [level, known] of [
    ["suites", catalog2.suites],
    ["capabilities", catalog2.capabilities]
  ]) {
    for (const name of Object.keys(pins[level] ?? {})) {
      if (known.has(name)) continue;
      const guess = closest(name, known.keys());
      const kind = level === "suites" ? "suite" : "capability";
      problems.push(
        diagnosticAt(
          entry.source,
          ["pins", level, name],
          `pins.${level}.${name}: the catalog has no ${kind} '${name}'${guess ? `; did you mean '${guess}'?` : ""}`,
          true
        )
      );
    }
  }
  const [first, ...rest] = problems;
  if (first) throw new ResolveError(first, ...rest);
}

// src/core/compile.ts
function compileEnvironment(entry, catalog2, now) {
  checkPinNames(entry, catalog2);
  const freeze2 = freezeState(entry.config, now);
  const policy = securityPolicy(entry.config, catalog2, now);
  const start = freeze2.frozen && entry.manifest ? frozenStart(entry, catalog2, entry.manifest) : resolveVersions(entry, catalog2);
  const result = applySecurity({ catalog: catalog2, config: entry.config, policy, freeze: freeze2 }, start);
  if ("unpatchable" in result) {
    const { advisory, item, version } = result.unpatchable;
    const at = diagnosticAt(advisory.origin.source, advisory.origin.path, "");
    throw new UnpatchableError(advisory.id, {
      ...at,
      message: `${entry.name}: advisory ${advisory.id} (${advisory.severity}, affects ${item} '${advisory.affected}') has no fix: no non-yanked release of ${item} above ${version}, nor of its suite or platform, is free of enforced advisories and fits the compatibility ranges. Publish a fixed release, or add a waiver to ${entry.source.path} (security.waivers)`
    });
  }
  const patches = freeze2.frozen && entry.manifest ? keepRecorded(result.patches, entry.manifest) : result.patches;
  const { manifest: manifest2, text } = buildManifest(
    entry.config,
    catalog2,
    result.versions,
    patches,
    policy.waiversInForce
  );
  return {
    environment: entry.name,
    manifest: manifest2,
    text,
    changed: entry.manifestSource?.text !== text,
    freeze: freeze2,
    policy,
    start
  };
}
function frozenStart(entry, catalog2, manifest2) {
  const start = manifestVersions(manifest2);
  const patches = manifest2.security.patches;
  for (const patch of [...patches].reverse()) setVersion(start, patch.item, patch.from);
  for (const [item, version] of listItems(start)) {
    if (!releasesOf(catalog2, item).some((r) => r.version === version)) {
      const path = item === "platform" ? ["platform"] : item.startsWith("suite:") ? ["suites", item.slice(6)] : ["capabilities", item.slice(11), "version"];
      throw new ResolveError(
        diagnosticAt(
          entry.manifestSource,
          path,
          `${item} ${version} is frozen in this manifest but is not in the catalog; restore it to the catalog, or unfreeze ${entry.name} to resolve anew`
        )
      );
    }
  }
  return start;
}
function keepRecorded(patches, manifest2) {
  const recorded = manifest2.security.patches;
  return patches.map(
    (p) => recorded.find(
      (r) => r.advisory === p.advisory && r.item === p.item && r.from === p.from && r.to === p.to
    ) ?? p
  );
}

// src/core/policy/classify.ts
import semver3 from "semver";
function classifyChange(before, after, earlier = []) {
  const old = new Map(before ? listItems(manifestVersions(before)) : []);
  const now = new Map(listItems(manifestVersions(after)));
  const patches = new Map(after.security.patches.map((p) => [p.item, p]));
  const oldPatches = new Map((before?.security.patches ?? []).map((p) => [p.item, p]));
  const changes = [];
  for (const item of [.../* @__PURE__ */ new Set([...old.keys(), ...now.keys()])].sort(itemOrder)) {
    const from = old.get(item) ?? null;
    const to = now.get(item) ?? null;
    if (from === to) continue;
    const patch = patches.get(item);
    if (patch && patch.to === to && (patch.from === from || oldPatches.get(item)?.to === from)) {
      changes.push({
        item,
        from,
        to,
        class: "security-patch",
        advisory: patch.advisory,
        why: `${patch.advisory} (${patch.severity})${patch.reason ? `: ${patch.reason}` : ""}`
      });
    } else if (from === null) {
      changes.push({ item, from, to, class: "added", why: "newly required" });
    } else if (to === null) {
      changes.push({ item, from, to, class: "removed", why: "no longer required" });
    } else {
      const up = semver3.gt(to, from);
      changes.push({
        item,
        from,
        to,
        class: up ? "upgrade" : "downgrade",
        why: up ? "newer release within pins and ranges" : "older release (pin or range changed)"
      });
    }
  }
  const restored = before && before.digest !== after.digest ? earlier.find((d) => d.digest === after.digest) : void 0;
  if (restored) {
    for (const c of changes) if (c.class !== "security-patch") c.why = `rollback to ${restored.tag}`;
  }
  return {
    changes,
    rollback: restored !== void 0,
    ...restored ? { rollbackTo: restored.tag } : {},
    initial: before === void 0
  };
}

// src/core/policy/verdict.ts
function decideVerdict(config, gate, change, previous) {
  const result = tableVerdict(config, gate, change);
  const loosened = previous && looser(gate, previous);
  const approvals = approvalsOf(config);
  if (loosened && result.verdict === "allowed" && change.changes.some((c) => c.class !== "security-patch") && approvals.approvers.length) {
    return {
      verdict: "needs-approval",
      reason: `${loosened}, with other changes: needs ${approvals.required} approval(s)`,
      approvals
    };
  }
  return result;
}
function approvalsOf(config) {
  const approvers = config.approvals?.approvers ?? [];
  return { required: config.approvals?.required ?? (approvers.length ? 1 : 0), approvers };
}
function tableVerdict(config, gate, change) {
  const others = change.changes.filter((c) => c.class !== "security-patch");
  const approvals = approvalsOf(config);
  if (change.changes.length === 0) return { verdict: "allowed", reason: "no change" };
  if (others.length === 0) return { verdict: "allowed", reason: "only enforced security patches" };
  if (gate.freeze.frozen) {
    const why = gate.freeze.reasons.join("; ");
    if (change.initial) {
      return approvals.approvers.length ? {
        verdict: "needs-approval",
        reason: `first deploy while frozen (${why}) needs approval`,
        approvals
      } : { verdict: "allowed", reason: `first deploy while frozen (${why}); no approvers listed` };
    }
    if (change.rollback) {
      return approvals.approvers.length ? {
        verdict: "needs-approval",
        reason: `rollback to ${change.rollbackTo} while frozen (${why}) needs approval`,
        approvals
      } : {
        verdict: "allowed",
        reason: `rollback to ${change.rollbackTo} while frozen (${why}); no approvers listed`
      };
    }
    return {
      verdict: "blocked",
      reason: `frozen (${why}): only enforced security patches and rollbacks may deploy; ${others.length} other change(s)`
    };
  }
  if (gate.channel === "manual-approval") {
    return {
      verdict: "needs-approval",
      reason: `channel manual-approval: ${others.length} change(s) need ${approvals.required} approval(s)`,
      approvals
    };
  }
  return { verdict: "allowed", reason: "channel auto-update" };
}
var STRICTNESS = { "auto-update": 0, "manual-approval": 1, frozen: 2 };
function looser(now, before) {
  if (before.freeze.frozen && !now.freeze.frozen)
    return `lifts the freeze (${before.freeze.reasons.join("; ")})`;
  if (STRICTNESS[now.channel] < STRICTNESS[before.channel])
    return `relaxes the channel from ${before.channel} to ${now.channel}`;
  return void 0;
}

// src/core/policy/violations.ts
function driftViolation(entry, compiledText) {
  if (entry.manifestSource?.text === compiledText) return void 0;
  const message = entry.manifestSource ? `${entry.manifestPath} differs from what compile gives (drift); run lockstep compile ${entry.name} and commit the result` : `${entry.manifestPath} is missing; run lockstep compile ${entry.name} and commit the result`;
  return {
    environment: entry.name,
    kind: "drift",
    file: entry.manifestPath,
    line: entry.manifestSource ? 1 : 0,
    col: entry.manifestSource ? 1 : 0,
    field: "",
    message
  };
}
function affectedViolations(entry, manifest2, catalog2, policy) {
  const out = [];
  const enforced = new Set(policy.enforced);
  for (const [item, version] of listItems(manifestVersions(manifest2))) {
    const release = releaseAt(catalog2, item, version);
    if (!release) continue;
    for (const a of catalog2.advisoriesByItem.get(item) ?? []) {
      if (!enforced.has(a) || !catalog2.ranges.test(a.affected, release.sv)) continue;
      const path = item === "platform" ? ["platform"] : item.startsWith("suite:") ? ["suites", item.slice(6)] : ["capabilities", item.slice(11), "version"];
      const where2 = entry.manifestSource ? diagnosticAt(entry.manifestSource, path, "") : { file: entry.manifestPath, line: 0, col: 0, field: "" };
      out.push({
        ...where2,
        environment: entry.name,
        kind: "affected",
        message: `${item} ${version} is affected by ${a.id} (${a.severity}: ${a.summary}); run lockstep compile ${entry.name} to patch it, or add a waiver`
      });
    }
  }
  return out;
}
function expiredWaiverViolations(entry, policy) {
  const waivers = entry.config.security?.waivers ?? [];
  return policy.expired.map((w) => ({
    ...diagnosticAt(entry.source, ["security", "waivers", waivers.indexOf(w), "until"], ""),
    environment: entry.name,
    kind: "expired-waiver",
    message: `security.waivers: the waiver of ${w.advisory} expired on ${w.until} and waives nothing; patch the advisory, or renew the waiver with a new until and approvedBy`
  }));
}

// src/core/evaluate.ts
function withFreezes(state, extra) {
  if (extra.length === 0) return state;
  return { frozen: true, reasons: [...state.reasons, ...extra] };
}
function evaluateEnvironment(entry, catalog2, baseline, now, target, options = {}) {
  let compiled;
  try {
    compiled = compileEnvironment(entry, catalog2, now);
  } catch (error) {
    if (!(error instanceof UnpatchableError)) throw error;
    const d = error.diagnostics[0];
    const expired = expiredWaiverViolations(entry, securityPolicy(entry.config, catalog2, now));
    return {
      environment: entry.name,
      violations: [{ ...d, environment: entry.name, kind: "unpatchable" }, ...expired]
    };
  }
  const violations = [];
  if (target === "committed") {
    const drift = driftViolation(entry, compiled.text);
    if (drift) violations.push(drift);
    if (entry.manifest)
      violations.push(...affectedViolations(entry, entry.manifest, catalog2, compiled.policy));
  }
  violations.push(...expiredWaiverViolations(entry, compiled.policy));
  const candidate = target === "committed" ? entry.manifest ?? compiled.manifest : compiled.manifest;
  const change = classifyChange(baseline.manifest, candidate, baseline.deploys);
  const extra = options.freezes ?? [];
  const gate = { channel: entry.config.channel, freeze: withFreezes(compiled.freeze, extra) };
  const previous = baseline.config && {
    channel: baseline.config.channel,
    freeze: withFreezes(freezeState(baseline.config, now), extra)
  };
  const verdict = decideVerdict(entry.config, gate, change, previous);
  if (verdict.verdict === "blocked") {
    violations.push({
      ...diagnosticAt(entry.source, ["channel"], ""),
      environment: entry.name,
      kind: "blocked",
      message: `${entry.name}: blocked: ${verdict.reason}`
    });
  }
  return { environment: entry.name, compiled, candidate, change, verdict, violations };
}

// src/github/baseline.ts
async function baselineFromGitHub(port, prefix, entry, validators, rootInRepository) {
  const tags = await port.deployTags(prefix, entry.name);
  const last = tags.at(-1);
  return baselineAt(last && port.readerAt(last.commit), tags, entry, validators, rootInRepository);
}
async function baselineAt(reader, tags, entry, validators, rootInRepository) {
  const deploys = tags.map((t) => ({ tag: t.tag, digest: t.digest }));
  const last = tags.at(-1);
  if (!last || !reader) return { ref: "none", deploys };
  const [manifestText, configText] = await Promise.all([
    reader.read(inRepository(rootInRepository, entry.manifestPath)),
    reader.read(inRepository(rootInRepository, entry.source.path))
  ]);
  const manifest2 = parseAs(validators, "manifest", entry.manifestPath, manifestText);
  const config = parseAs(validators, "environment", entry.source.path, configText);
  return {
    ref: last.tag,
    deploys,
    ...manifest2 ? { manifest: manifest2 } : {},
    ...config ? { config } : {}
  };
}
function inRepository(rootInRepository, path) {
  return rootInRepository ? `${rootInRepository}/${path}` : path;
}
function parseAs(validators, kind, path, text) {
  if (text === void 0) return void 0;
  const source = { path, text };
  const parsed = parseSource(source);
  if (!parsed.ok || checkSchema(validators, kind, parsed.value, source).length) return void 0;
  return parsed.value;
}

// src/github/graphql-files.ts
function blobText(node) {
  if (!node || !("text" in node)) return void 0;
  return node.isTruncated || node.text === null || node.text === void 0 ? null : node.text;
}
async function readFilesAt(octokit, { owner, repo }, files) {
  const out = /* @__PURE__ */ new Map();
  if (files.length === 0) return out;
  const variables = { owner, name: repo };
  const fields = files.map((f, i) => {
    variables[`e${i}`] = `${f.rev}:${f.path}`;
    return `f${i}: object(expression: $e${i}) { ... on Blob { text isTruncated } }`;
  });
  const declarations = files.map((_, i) => `$e${i}: String!`).join(", ");
  const query = `query LockstepFiles($owner: String!, $name: String!, ${declarations}) {
  repository(owner: $owner, name: $name) { ${fields.join("\n    ")} }
}`;
  const data = await octokit.graphql(query, variables);
  files.forEach((f, i) => {
    out.set(`${f.rev}:${f.path}`, blobText(data.repository[`f${i}`]));
  });
  return out;
}

// src/github/graphql-snapshot.ts
async function readSnapshot(octokit, coordinates, input) {
  const { owner, repo } = coordinates;
  const variables = {
    owner,
    name: repo,
    head: input.ref,
    settings: `${input.ref}:${input.settingsPath}`,
    tags: `refs/tags/${input.tagPrefix}/`
  };
  const dirFields = input.dirs.map((dir, i) => {
    variables[`d${i}`] = `${input.ref}:${dir}`;
    return `d${i}: object(expression: $d${i}) { ... on Tree { entries { name type object { ... on Blob { text isTruncated } } } } }`;
  });
  const recordFields = input.recordPrefixes.map((prefix, i) => {
    variables[`r${i}`] = prefix;
    return `r${i}: refs(refPrefix: $r${i}, first: 100) { pageInfo { hasNextPage } nodes { name target { oid ... on Commit { message } } } }`;
  });
  const declarations = [
    ...input.dirs.map((_, i) => `$d${i}: String!`),
    ...input.recordPrefixes.map((_, i) => `$r${i}: String!`)
  ].join(", ");
  const query = `query LockstepSnapshot($owner: String!, $name: String!, $head: String!, $settings: String!, $tags: String!${declarations ? `, ${declarations}` : ""}) {
  repository(owner: $owner, name: $name) {
    head: object(expression: $head) { oid ... on Commit { tree { oid } } }
    settings: object(expression: $settings) { ... on Blob { text isTruncated } }
    ${dirFields.join("\n    ")}
    tags: refs(refPrefix: $tags, first: 100) { pageInfo { hasNextPage } nodes { name target { oid ... on Tag { message target { oid __typename } } } } }
    ${recordFields.join("\n    ")}
  }
}`;
  const data = await octokit.graphql(query, variables);
  const r = data.repository;
  const head = r.head;
  if (!head?.oid) {
    throw new Error(`${owner}/${repo} has no branch, tag or commit named "${input.ref}"`);
  }
  const commit = head.oid;
  const files = /* @__PURE__ */ new Map();
  const listed = /* @__PURE__ */ new Map();
  files.set(input.settingsPath, blobText(r.settings));
  input.dirs.forEach((dir, i) => {
    const tree = r[`d${i}`];
    const names2 = [];
    for (const entry of tree?.entries ?? []) {
      if (entry.type !== "blob") continue;
      names2.push(entry.name);
      files.set(`${dir}/${entry.name}`, blobText(entry.object) ?? null);
    }
    listed.set(dir, names2.sort());
  });
  const records2 = /* @__PURE__ */ new Map();
  input.recordPrefixes.forEach((prefix, i) => {
    const refs = r[`r${i}`];
    records2.set(
      prefix,
      !refs || refs.pageInfo.hasNextPage ? void 0 : refs.nodes.flatMap(
        (n) => n.target?.message === void 0 ? [] : [{ name: n.name, commit: n.target.oid, message: n.target.message }]
      )
    );
  });
  return {
    commit,
    tree: head.tree?.oid ?? "",
    reader: prefetchedReader(files, listed, treeReader(octokit, coordinates, commit)),
    deployTags: deployTagsOf(r.tags, input.tagPrefix),
    records: records2
  };
}
function prefetchedReader(files, listed, fallback) {
  const trim = (p) => p.replace(/^\/+|\/+$/g, "");
  return {
    async list(dir) {
      return listed.get(trim(dir)) ?? fallback.list(dir);
    },
    async read(path) {
      const file = trim(path);
      const slash = file.lastIndexOf("/");
      const folder = slash < 0 ? "" : file.slice(0, slash);
      const text = files.get(file);
      if (typeof text === "string") return text;
      if (text === void 0 && (listed.has(folder) || files.has(file))) return void 0;
      return fallback.read(path);
    }
  };
}
function deployTagsOf(refs, prefix) {
  if (!refs || refs.pageInfo.hasNextPage) return void 0;
  const byEnv = /* @__PURE__ */ new Map();
  for (const node of refs.nodes) {
    const m = /^([^/]+)\/([1-9][0-9]*)$/.exec(node.name);
    const target = node.target;
    if (!m || !target?.message || target.target?.__typename !== "Commit") continue;
    const digest = digestTrailer(target.message);
    if (digest === void 0) continue;
    const environment2 = m[1];
    const list2 = byEnv.get(environment2) ?? [];
    list2.push({
      tag: `${prefix}/${environment2}/${m[2]}`,
      environment: environment2,
      n: Number(m[2]),
      commit: target.target.oid,
      digest
    });
    byEnv.set(environment2, list2);
  }
  for (const list2 of byEnv.values()) list2.sort((a, b) => a.n - b.n);
  return byEnv;
}

// bot/read-snapshot.ts
function readRepositorySnapshot(ctx, ref, recordPrefixes, dirs = [ctx.settings.catalogDir, ctx.settings.environmentsDir]) {
  return readSnapshot(ctx.octokit, ctx.coordinates, {
    ref,
    settingsPath: SETTINGS_PATH,
    dirs,
    tagPrefix: ctx.settings.tagPrefix,
    recordPrefixes
  });
}

// bot/evaluate-ref.ts
async function evaluateAt(ctx, ref, options = {}) {
  const snapshot = await readRepositorySnapshot(ctx, ref, [FREEZE_PREFIX]);
  const [repo, freezes] = await Promise.all([
    loadRepository(
      snapshot.reader,
      ctx.validators,
      options.environments ? { environments: options.environments } : {}
    ),
    commandFreezesIn(ctx.octokit, ctx.coordinates, snapshot)
  ]);
  const entries = [...repo.environments.values()];
  const baselines = await baselinesOf(ctx, repo, entries, snapshot.deployTags);
  const plans = /* @__PURE__ */ new Map();
  for (const entry of entries) {
    const { baseline, tags } = baselines.get(entry.name);
    const freeze2 = freezes.get(entry.name);
    const evaluation = evaluateEnvironment(
      entry,
      repo.catalog,
      baseline,
      ctx.now,
      options.target ?? "committed",
      freeze2 ? { freezes: [freezeReason(freeze2)] } : {}
    );
    plans.set(entry.name, { baseline, evaluation, tags });
  }
  return { ref, commit: snapshot.commit, repo, plans, freezes };
}
async function baselinesOf(ctx, repo, entries, prefetched) {
  const out = /* @__PURE__ */ new Map();
  if (!prefetched || repo.settings.tagPrefix !== ctx.settings.tagPrefix) {
    await Promise.all(
      entries.map(async (entry) => {
        const tags = await ctx.port.deployTags(repo.settings.tagPrefix, entry.name);
        const baseline = await baselineFromGitHub(
          ctx.port,
          repo.settings.tagPrefix,
          entry,
          ctx.validators,
          ""
        );
        out.set(entry.name, { baseline, tags });
      })
    );
    return out;
  }
  const wanted = entries.flatMap((entry) => {
    const last = prefetched.get(entry.name)?.at(-1);
    return last ? [
      { rev: last.commit, path: entry.source.path },
      { rev: last.commit, path: entry.manifestPath }
    ] : [];
  });
  const texts = await readFilesAt(ctx.octokit, ctx.coordinates, wanted);
  for (const entry of entries) {
    const tags = prefetched.get(entry.name) ?? [];
    const last = tags.at(-1);
    const reader = last && {
      list: async () => [],
      read: async (path) => {
        const text = texts.get(`${last.commit}:${path}`);
        return text === null ? ctx.port.readerAt(last.commit).read(path) : text;
      }
    };
    out.set(entry.name, { baseline: await baselineAt(reader, tags, entry, ctx.validators, ""), tags });
  }
  return out;
}
function isBlocked(plan) {
  const { verdict, violations } = plan.evaluation;
  return !verdict || verdict.verdict === "blocked" || violations.length > 0;
}

// src/core/report/overdue-critical.ts
var DEFAULT_OVERDUE_DAYS = 7;
var DAY_MS = 24 * 60 * 60 * 1e3;
function overdueCritical(input) {
  const { catalog: catalog2, now } = input;
  const days = input.days ?? DEFAULT_OVERDUE_DAYS;
  const committed = input.committed ? manifestVersions(input.committed) : void 0;
  const committedAt = new Map(committed ? listItems(committed) : []);
  const waivers = (input.config.security?.waivers ?? []).filter((w) => waiverInForce(w, now));
  const out = [];
  for (const [item, version] of listItems(manifestVersions(input.deployed))) {
    const release = releaseAt(catalog2, item, version);
    if (!release) continue;
    for (const a of catalog2.advisoriesByItem.get(item) ?? []) {
      if (a.severity !== "critical" || !catalog2.ranges.test(a.affected, release.sv)) continue;
      const published = Date.parse(`${a.published.slice(0, 10)}T00:00:00Z`);
      if (Number.isNaN(published)) continue;
      const daysOpen = Math.floor((now.getTime() - published) / DAY_MS);
      if (daysOpen <= days) continue;
      const nowVersion = committedAt.get(item);
      const nowRelease = nowVersion === void 0 ? void 0 : releaseAt(catalog2, item, nowVersion);
      const fixCommitted = committed !== void 0 && (nowVersion === void 0 || nowRelease !== void 0 && !catalog2.ranges.test(a.affected, nowRelease.sv));
      out.push({
        advisory: a.id,
        summary: a.summary,
        item,
        version,
        deployedAs: input.deployedAs,
        published: a.published.slice(0, 10),
        daysOpen,
        fixCommitted,
        waivedUntil: waivers.find((w) => w.advisory === a.id)?.until ?? null
      });
    }
  }
  return out;
}

// bot/dashboard/environment-view.ts
var WAIVER_NOTICE_DAYS = 30;
var DAY_MS2 = 24 * 60 * 60 * 1e3;
function environmentView(entry, plan, commandFreeze, catalog2, now) {
  const { baseline, evaluation } = plan;
  const last = baseline.deploys.at(-1);
  const nextWindow = upcomingWindow(entry.config, now);
  return {
    name: entry.name,
    channel: entry.config.channel,
    configPath: entry.source.path,
    freezeReasons: freezeState(entry.config, now).reasons,
    freezeShort: freezeShort(entry.config, commandFreeze, now),
    ...commandFreeze ? { commandFreeze } : {},
    ...nextWindow ? { nextWindow } : {},
    ...baseline.ref !== "none" && last ? { deployed: { tag: last.tag, digest: last.digest } } : {},
    ...pendingOf(plan),
    // The verdict already says why a change is blocked; the rest (unpatchable, expired waiver) is news.
    problems: evaluation.violations.filter((v) => v.kind !== "blocked"),
    waivers: waiverNotices(entry.config, now),
    overdue: baseline.manifest && last ? overdueCritical({
      catalog: catalog2,
      config: entry.config,
      deployed: baseline.manifest,
      deployedAs: last.tag,
      ...entry.manifest ? { committed: entry.manifest } : {},
      now
    }) : []
  };
}
function pendingOf({ evaluation }) {
  const { change, verdict, compiled } = evaluation;
  if (!change || !verdict || !compiled) return {};
  return {
    pending: {
      changes: change.changes,
      initial: change.initial,
      ...change.rollbackTo ? { rollbackTo: change.rollbackTo } : {},
      verdict: verdict.verdict,
      reason: verdict.reason,
      manifestOutdated: compiled.changed
    }
  };
}
function windowsNow(config, now) {
  const t = now.getTime();
  return (config.freeze ?? []).filter((w) => Date.parse(w.from) <= t && t < Date.parse(w.until));
}
function freezeShort(config, commandFreeze, now) {
  const out = [];
  if (config.channel === "frozen") out.push("channel frozen");
  if (config.hold) out.push("on hold");
  for (const w of windowsNow(config, now)) out.push(`window until ${w.until.slice(0, 10)}`);
  if (commandFreeze) out.push(`frozen by @${commandFreeze.by}`);
  return out;
}
function upcomingWindow(config, now) {
  const next = (config.freeze ?? []).filter((w) => Date.parse(w.from) > now.getTime()).sort((a, b) => Date.parse(a.from) - Date.parse(b.from))[0];
  if (!next) return void 0;
  return { from: next.from, until: next.until, ...next.reason ? { reason: next.reason } : {} };
}
function waiverNotices(config, now) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return (config.security?.waivers ?? []).map((w) => {
    const daysLeft = Math.round((Date.parse(`${w.until}T00:00:00Z`) - today) / DAY_MS2);
    return { ...w, daysLeft, expired: daysLeft < 0 };
  }).filter((w) => w.daysLeft <= WAIVER_NOTICE_DAYS).sort((a, b) => a.daysLeft - b.daysLeft || a.advisory.localeCompare(b.advisory));
}

// bot/dashboard/dashboard-data.ts
var BOT_BRANCH = /^lockstep\/(security|rollback)\/(.+)$/;
async function gatherDashboard(ctx) {
  const [environments, pulls] = await Promise.all([judgeEnvironments(ctx), lockstepPulls(ctx)]);
  const repoUrl = repoWebUrl(String(ctx.octokit.request.endpoint.DEFAULTS.baseUrl), ctx.coordinates);
  return { repoUrl, defaultBranch: ctx.defaultBranch, environments, pulls };
}
async function judgeEnvironments(ctx) {
  try {
    const refPlan = await evaluateAt(ctx, ctx.defaultBranch, { target: "compiled" });
    const list2 = [];
    for (const [name, plan] of refPlan.plans) {
      const entry = refPlan.repo.environments.get(name);
      if (!entry) continue;
      list2.push(environmentView(entry, plan, refPlan.freezes.get(name), refPlan.repo.catalog, ctx.now));
    }
    list2.sort((a, b) => a.name.localeCompare(b.name));
    return { ok: true, list: list2 };
  } catch (error) {
    if (!(error instanceof LockstepError) || error.code !== "E_INPUT" && error.code !== "E_RESOLVE")
      throw error;
    return { ok: false, diagnostics: sortDiagnostics(error.diagnostics) };
  }
}
async function lockstepPulls(ctx) {
  const { owner, repo } = ctx.coordinates;
  const pulls = await ctx.octokit.paginate(ctx.octokit.rest.pulls.list, {
    owner,
    repo,
    state: "open",
    per_page: 100
  });
  const fullName = `${owner}/${repo}`.toLowerCase();
  const out = [];
  for (const p of pulls) {
    const match = BOT_BRANCH.exec(p.head.ref);
    if (!match || p.head.repo?.full_name.toLowerCase() !== fullName) continue;
    out.push({
      number: p.number,
      title: p.title,
      url: p.html_url,
      kind: match[1] === "security" ? "security" : "rollback",
      environment: match[2] ?? "",
      author: p.user?.login ?? "",
      draft: p.draft ?? false
    });
  }
  return out.sort((a, b) => a.number - b.number);
}
function repoWebUrl(apiBaseUrl, { owner, repo }) {
  const api = apiBaseUrl.replace(/\/+$/, "");
  const web = api === "https://api.github.com" ? "https://github.com" : api.replace(/\/api\/v3$/, "");
  return `${web}/${owner}/${repo}`;
}

// src/cli/render.ts
function changeTableMarkdown(changes) {
  if (!changes.length) return "_No change._";
  const esc = (s) => s.replaceAll("|", "\\|");
  return [
    "| item | from | to | class | why |",
    "| --- | --- | --- | --- | --- |",
    ...changes.map(
      (c) => `| ${esc(c.item)} | ${c.from ?? "-"} | ${c.to ?? "-"} | ${c.class} | ${esc(c.why)} |`
    )
  ].join("\n");
}

// bot/dashboard/markdown-text.ts
function inline(text) {
  return unmention(
    text.replace(/\s+/g, " ").trim().replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("|", "\\|")
  );
}
function unmention(text) {
  return text.replace(/(^|[^\w`])@([A-Za-z0-9][\w-]*(?:\/[\w.-]+)?(?:\[bot\])?)/g, "$1`@$2`");
}
function who(login) {
  return `\`@${login}\``;
}
function shortDigest(digest) {
  return digest.length > 19 ? `${digest.slice(0, 19)}\u2026` : digest;
}
function utcMinute(date) {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
function releaseLink(repoUrl, tag) {
  return `[${tag}](${repoUrl}/releases/tag/${tag.split("/").map(encodeURIComponent).join("/")})`;
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// bot/dashboard/environment-section.ts
function overviewRow(env, pulls, repoUrl) {
  const frozen = env.freezeShort.length ? `**frozen**: ${env.freezeShort.map(inline).join(", ")}` : "no";
  const deployed = env.deployed ? `${releaseLink(repoUrl, env.deployed.tag)} \`${shortDigest(env.deployed.digest)}\`` : "not deployed yet";
  const prs = pulls.map((p) => `#${p.number} ${p.kind}`).join(", ") || "-";
  return `| ${env.name} | ${env.channel} | ${frozen} | ${deployed} | ${pendingCell(env)} | ${prs} |`;
}
function pendingCell(env) {
  const p = env.pending;
  if (!p) return env.problems.length ? "**cannot compile**" : "-";
  if (p.changes.length === 0) return "up to date";
  return `${plural(p.changes.length, p.initial ? "item" : "change")}: **${p.verdict}**`;
}
function environmentSection(env, pulls, repoUrl, defaultBranch, tables = true) {
  const lines = [`### ${env.name}`, "", `- **Channel**: ${env.channel} (\`${env.configPath}\`)`];
  lines.push(...freezeLines(env));
  lines.push(
    env.deployed ? `- **Deployed**: ${releaseLink(repoUrl, env.deployed.tag)}, manifest digest \`${env.deployed.digest}\`` : "- **Deployed**: not yet (no deploy tag)"
  );
  lines.push(...pendingLines(env, defaultBranch, tables));
  for (const p of pulls) {
    const what = p.kind === "security" ? "Security PR" : "Rollback PR";
    lines.push(`- **${what}**: [#${p.number} ${inline(p.title)}](${p.url})${p.draft ? " (draft)" : ""}`);
  }
  lines.push(...env.waivers.map((w) => waiverLine(w, env.configPath)));
  for (const o of env.overdue) {
    const state = o.waivedUntil ? `waived until ${o.waivedUntil}` : o.fixCommitted ? "the fix is committed and waits for a deploy" : "no fix committed yet";
    lines.push(
      `- **Overdue critical patch**: ${o.advisory} (${inline(o.summary)}) affects ${o.item} ${o.version} deployed as ${o.deployedAs}, published ${o.published} (${plural(o.daysOpen, "day")} ago): ${state}`
    );
  }
  for (const d of env.problems) lines.push(`- **Problem**: \`${inline(formatDiagnostic(d))}\``);
  return lines.join("\n");
}
function freezeLines(env) {
  const lines = [];
  if (env.freezeReasons.length === 0 && !env.commandFreeze) lines.push("- **Frozen**: no");
  for (const reason of env.freezeReasons) lines.push(`- **Frozen**: ${inline(reason)}`);
  const f = env.commandFreeze;
  if (f) {
    const why = f.reason ? `: ${inline(f.reason)}` : "";
    const where2 = f.url ? ` ([asked here](${f.url}))` : "";
    lines.push(
      `- **Frozen** with \`/lockstep freeze\` by ${who(f.by)} since ${f.since}${why}${where2}; \`/lockstep unfreeze ${env.name}\` lifts it`
    );
  }
  const w = env.nextWindow;
  if (w)
    lines.push(
      `- **Next freeze window**: ${w.from} until ${w.until}${w.reason ? ` (${inline(w.reason)})` : ""}`
    );
  return lines;
}
function pendingLines(env, branch, tables) {
  const p = env.pending;
  if (!p) return [];
  const against = env.deployed ? `against ${env.deployed.tag}` : "as a first deploy";
  const lines = [`- **Pending** at the head of \`${branch}\`, ${against}: ${pendingSummary(p)}`];
  if (tables && p.changes.length > 0) {
    lines.push(
      "",
      "<details><summary>Change table</summary>",
      "",
      changeTableMarkdown(p.changes),
      "",
      "</details>",
      ""
    );
  }
  if (p.manifestOutdated)
    lines.push(
      `- **Manifest out of date**: the committed manifest is not what compile gives now; run \`lockstep compile ${env.name}\` and commit the result`
    );
  return lines;
}
function pendingSummary(p) {
  if (p.changes.length === 0) return "no change";
  const counts = /* @__PURE__ */ new Map();
  for (const c of p.changes) counts.set(c.class, (counts.get(c.class) ?? 0) + 1);
  const kinds = [...counts].map(([kind, n]) => `${n} ${kind}`).join(", ");
  const rollback = p.rollbackTo ? `, a rollback to ${p.rollbackTo}` : "";
  return `${plural(p.changes.length, "change")} (${kinds}${rollback}): **${p.verdict}**, ${inline(p.reason)}`;
}
function waiverLine(w, configPath) {
  const head = `- **Waiver** ${w.advisory}`;
  const tail = `approved by ${who(w.approvedBy)}: ${inline(w.reason)}`;
  if (w.expired)
    return `${head} **expired** on ${w.until}: it waives nothing and fails validate; renew or remove it in \`${configPath}\` (${tail})`;
  const left = w.daysLeft === 0 ? "its last day is today" : `${plural(w.daysLeft, "day")} left`;
  return `${head} in force through ${w.until} (${left}), ${tail}`;
}

// bot/dashboard/dashboard-markdown.ts
var DASHBOARD_MARKER = "<!-- lockstep:dashboard -->";
var FOOTER_MARKER = "<!-- lockstep:dashboard:footer -->";
function dashboardBody(view, stamp) {
  let content = dashboardText(view, true);
  if (content.length > MAX_CONTENT) content = dashboardText(view, false);
  if (content.length > MAX_CONTENT) {
    const cut = content.lastIndexOf("\n", MAX_CONTENT - 200);
    content = `${content.slice(0, cut)}

_The rest is cut: the dashboard is over GitHub's size limit for an issue._`;
  }
  return `${content}

${footer(stamp)}
`;
}
var MAX_CONTENT = 65536 - 1e3;
function dashboardText(view, tables) {
  return [
    DASHBOARD_MARKER,
    `Every environment of this repository as Lockstep sees it at the head of \`${view.defaultBranch}\`: channel, freezes and holds, the deployed tag, what would deploy next, open Lockstep pull requests and waivers about to expire. Lockstep keeps this issue up to date; edits to it are overwritten.`,
    ...tables ? [] : [
      "",
      "_Change tables are left out to fit GitHub's size limit for an issue: `lockstep plan <env>` shows them._"
    ],
    "",
    view.environments.ok ? environmentsPart(view, tables) : invalidPart(view),
    "",
    pullsPart(view.pulls)
  ].join("\n");
}
function dashboardContent(body) {
  const at = body.indexOf(FOOTER_MARKER);
  return (at < 0 ? body : body.slice(0, at)).trimEnd();
}
function environmentsPart(view, tables) {
  if (!view.environments.ok) return "";
  const list2 = view.environments.list;
  if (list2.length === 0) return "## Environments\n\nNo environment files were found.";
  const pullsOf = (env) => view.pulls.filter((p) => p.environment === env);
  const table = [
    "## Environments",
    "",
    `| Environment | Channel | Frozen or on hold | Deployed | Pending at \`${view.defaultBranch}\` | Open PRs |`,
    "| --- | --- | --- | --- | --- | --- |",
    ...list2.map((env) => overviewRow(env, pullsOf(env.name), view.repoUrl))
  ];
  const sections = list2.map(
    (env) => environmentSection(env, pullsOf(env.name), view.repoUrl, view.defaultBranch, tables)
  );
  return [...table, "", ...sections.flatMap((s) => [s, ""])].join("\n").trimEnd();
}
function invalidPart(view) {
  if (view.environments.ok) return "";
  return [
    "## Invalid repository files",
    "",
    `Lockstep cannot judge the environments at the head of \`${view.defaultBranch}\` until these are fixed; the table of environments comes back with the next update after the fix is merged:`,
    "",
    ...view.environments.diagnostics.map((d) => `- \`${inline(formatDiagnostic(d))}\``)
  ].join("\n");
}
function pullsPart(pulls) {
  const lines = ["## Open Lockstep pull requests", ""];
  if (pulls.length === 0) lines.push("None.");
  for (const p of pulls) {
    const what = p.kind === "security" ? "security patches" : "rollback";
    lines.push(
      `- [#${p.number}](${p.url}) ${inline(p.title)}: ${what} of ${p.environment}, by ${who(p.author)}` + (p.draft ? " (draft)" : "")
    );
  }
  return lines.join("\n");
}
function footer(stamp) {
  return [
    FOOTER_MARKER,
    "---",
    `<sub>Last changed ${utcMinute(stamp.now)} after ${inline(stamp.trigger)}. Lockstep rewrites this issue when what it shows changes (pushes to the default branch, deployments, \`/lockstep\` commands, scheduled ticks). To stop it, set \`bot.dashboard: false\` in \`.github/lockstep.yml\`.</sub>`
  ].join("\n");
}

// bot/dashboard/find-dashboard.ts
var DASHBOARD_LABEL = "lockstep-dashboard";
var DASHBOARD_TITLE = "Lockstep Deployment Dashboard";
async function findDashboards(octokit, { owner, repo }) {
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
    owner,
    repo,
    labels: DASHBOARD_LABEL,
    state: "all",
    sort: "created",
    direction: "asc",
    per_page: 100
  });
  return issues.filter((i) => !i.pull_request && (i.body ?? "").includes(DASHBOARD_MARKER)).map((i) => ({
    number: i.number,
    title: i.title,
    body: i.body ?? "",
    state: i.state === "closed" ? "closed" : "open",
    url: i.html_url
  })).sort((a, b) => a.number - b.number);
}

// bot/dashboard/upsert-dashboard.ts
async function upsertDashboard(octokit, coordinates, found, body) {
  const { owner, repo } = coordinates;
  const [dashboard, ...duplicates] = found;
  if (dashboard) {
    const changed = differs(dashboard, body);
    await Promise.all([
      changed ? update(octokit, coordinates, dashboard.number, body) : void 0,
      // Left by an earlier race whose clean-up failed: close them now.
      ...duplicates.map((d) => closeDuplicate(octokit, coordinates, d.number, dashboard.number))
    ]);
    return { number: dashboard.number, outcome: changed ? "updated" : "unchanged" };
  }
  const { data } = await octokit.rest.issues.create({
    owner,
    repo,
    title: DASHBOARD_TITLE,
    body,
    labels: [DASHBOARD_LABEL]
  });
  const [first] = await findDashboards(octokit, coordinates);
  if (!first || first.number === data.number) return { number: data.number, outcome: "created" };
  await Promise.all([
    closeDuplicate(octokit, coordinates, data.number, first.number),
    differs(first, body) ? update(octokit, coordinates, first.number, body) : void 0
  ]);
  return { number: first.number, outcome: "updated" };
}
function differs(issue, body) {
  return issue.title !== DASHBOARD_TITLE || dashboardContent(issue.body) !== dashboardContent(body);
}
async function update(octokit, { owner, repo }, number, body) {
  await octokit.rest.issues.update({ owner, repo, issue_number: number, title: DASHBOARD_TITLE, body });
}
async function closeDuplicate(octokit, { owner, repo }, number, dashboard) {
  await octokit.rest.issues.update({
    owner,
    repo,
    issue_number: number,
    state: "closed",
    state_reason: "duplicate",
    labels: [],
    body: `Duplicate of #${dashboard}, the Lockstep Deployment Dashboard: two events created it at the same time.`
  });
}

// bot/dashboard/update-dashboard.ts
async function updateDashboard(ctx, trigger = ctx.sender ? `an event from @${ctx.sender}` : "the scheduled tick") {
  const [view, found] = await Promise.all([
    gatherDashboard(ctx),
    findDashboards(ctx.octokit, ctx.coordinates)
  ]);
  const body = dashboardBody(view, { now: ctx.now, trigger });
  const written = await upsertDashboard(ctx.octokit, ctx.coordinates, found, body);
  ctx.log("info", `Deployment Dashboard #${written.number}: ${written.outcome} after ${trigger}`);
  return written;
}

// src/github/marked-comment.ts
async function findMarkedComments(octokit, { owner, repo }, issueNumber, marker) {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100
  });
  return comments.filter((c) => c.body?.includes(marker)).sort((a, b) => a.id - b.id).map((c) => ({ id: c.id, body: c.body ?? "", url: c.html_url }));
}
async function upsertMarkedComment(octokit, coordinates, issueNumber, marker, body, listed) {
  const { owner, repo } = coordinates;
  const text = body.includes(marker) ? body : `${marker}
${body}`;
  const [existing] = listed ?? await findMarkedComments(octokit, coordinates, issueNumber, marker);
  if (existing) {
    if (existing.body === text) return { id: existing.id, url: existing.url, created: false, changed: false };
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: text });
    return { id: existing.id, url: existing.url, created: false, changed: true };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: issueNumber,
    body: text
  });
  const all = await findMarkedComments(octokit, coordinates, issueNumber, marker);
  const first = all[0];
  if (first && first.id !== data.id) {
    try {
      await octokit.rest.issues.deleteComment({ owner, repo, comment_id: data.id });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
    if (first.body !== text)
      await octokit.rest.issues.updateComment({ owner, repo, comment_id: first.id, body: text });
    return { id: first.id, url: first.url, created: false, changed: true };
  }
  return { id: data.id, url: data.html_url, created: true, changed: true };
}

// bot/commands/reply.ts
function replyMarker(source) {
  return `<!-- lockstep:reply:${source.commentId} -->`;
}
async function reply(ctx, source, command, outcome) {
  const body = [
    replyMarker(source),
    `@${source.author} asked [\`${command}\`](${source.commentUrl}).`,
    "",
    outcome
  ].join("\n");
  return upsertMarkedComment(ctx.octokit, ctx.coordinates, source.issueNumber, replyMarker(source), body);
}

// bot/freeze/protection-memory.ts
var PROTECTION_PREFIX = "refs/lockstep/protection/";
function protectionRef(branch) {
  return `${PROTECTION_PREFIX}${branch}`;
}
async function recallProtection(ctx, branch) {
  return (await readRecord(ctx.octokit, ctx.coordinates, protectionRef(branch)))?.data;
}
async function rememberProtection(ctx, memory) {
  const { record } = await createRecord(ctx.octokit, ctx.coordinates, {
    ref: protectionRef(memory.branch),
    title: `Lockstep: protection of ${memory.branch} before the freeze (${memory.why})`,
    data: memory
  });
  return record.data;
}
async function protectionRemembered(ctx, branch) {
  try {
    await ctx.octokit.rest.git.getRef({
      ...ctx.coordinates,
      ref: protectionRef(branch).slice("refs/".length)
    });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}
function forgetProtection(ctx, branch) {
  return deleteRecord(ctx.octokit, ctx.coordinates, protectionRef(branch));
}

// bot/freeze/freeze-answers.ts
var code = (text) => `\`${text}\``;
function since(freeze2) {
  const reason = freeze2.reason ? `, reason: "${freeze2.reason}"` : "";
  return `by @${freeze2.by} at ${freeze2.since}${reason} ([command](${freeze2.url}))`;
}
function fieldOf(reason) {
  if (reason === "channel frozen") return "`channel: frozen`";
  if (reason.startsWith("hold ")) return `\`hold\` (${reason.slice(5)})`;
  if (reason.startsWith("freeze window ")) return `a \`freeze\` window (${reason.slice(14)})`;
  return reason;
}
function frozenList(frozen) {
  return frozen.map((f) => `**${f.name}** (${f.reasons.join("; ")})`).join(", ");
}
function checksText(required) {
  return required.map(code).join(" and ");
}
function protectionState(outcome) {
  const branch = code(outcome.branch);
  if (outcome.problem?.kind === "unreadable") {
    return `No environment is known to be frozen, but branch protection of ${branch} keeps Lockstep's checks while environment files do not load (${outcome.problem.message}): whether those are frozen is unknown. Fix them; the push that does restores the protection from before the freeze.`;
  }
  if (outcome.problem && outcome.frozen.length === 0) {
    return `No environment is frozen any more, but branch protection of ${branch} could not be restored: ${outcome.problem.message}. Lockstep's checks stay required until an administrator gives the Lockstep app the Administration (write) permission (the next event restores it), or restores it by hand from ${code(protectionRef(outcome.branch))}.`;
  }
  if (outcome.problem) {
    return `Branch protection of ${branch} could not be changed: ${outcome.problem.message}. The freeze still makes \`lockstep/policy\` judge changes as frozen, but GitHub will not hold merges on it until an administrator gives the Lockstep app the Administration (write) permission, or sets the protection by hand.`;
  }
  if (outcome.frozen.length === 0) {
    return `No environment is frozen any more: Lockstep requires nothing on ${branch}, whose branch protection is as it was before the freeze.`;
  }
  return `Frozen now: ${frozenList(outcome.frozen)}. Branch protection of ${branch} requires ${checksText(outcome.required)} with \`enforce_admins\` on, so administrators cannot merge past them either. The protection from before is remembered in ${code(protectionRef(outcome.branch))} and comes back exactly once no environment is frozen.`;
}
function unknownEnvironment(environment2, view, branch) {
  const known = [...view.environments.keys()].sort().map(code).join(", ") || "none";
  return `There is no environment ${code(environment2)} on ${code(branch)} (known: ${known}). Nothing was changed; check the name and ask again.`;
}
function alreadyFrozen(freeze2) {
  return `**${freeze2.environment}** is already frozen ${since(freeze2)}. Nothing was changed. To lift that freeze: ${code(`/lockstep unfreeze ${freeze2.environment}`)}.`;
}
function frozenAnswer(freeze2, outcome) {
  const env = freeze2.environment;
  return [
    `Froze **${env}** ${since(freeze2)}.`,
    `While it holds, \`lockstep/policy\` blocks every change to ${env} except enforced security patches and rollbacks (a rollback needs approval where the environment lists approvers).`,
    "",
    protectionState(outcome),
    "",
    `To lift it: ${code(`/lockstep unfreeze ${env}`)}.`
  ].join("\n");
}
function unfrozenAnswer(freeze2, facts, outcome) {
  const env = freeze2.environment;
  const lines = [`Lifted the freeze of **${env}** set ${since(freeze2)}.`];
  if (facts?.configReasons.length) lines.push("", byConfig(facts));
  lines.push("", protectionState(outcome));
  return lines.join("\n");
}
function notFrozenByCommand(environment2, facts) {
  if (!facts?.configReasons.length) {
    return `**${environment2}** is not frozen (neither by \`/lockstep freeze\` nor by its config), so there is nothing to unfreeze. Nothing was changed.`;
  }
  return `**${environment2}** is not frozen by \`/lockstep freeze\`, so no command can lift it. Nothing was changed.

${byConfig(facts)}`;
}
function byConfig(facts) {
  const fields = facts.configReasons.map(fieldOf).join(", ");
  return `${facts.name} stays frozen by its config: ${code(facts.path)} has ${fields}. To unfreeze it, merge a pull request that changes that in ${code(facts.path)}; the branch protection follows on the push.`;
}

// bot/freeze/freeze-records.ts
function recordCommandFreeze(octokit, coordinates, freeze2) {
  return createRecord(octokit, coordinates, {
    ref: freezeRef(freeze2.environment),
    title: `Lockstep freeze of ${freeze2.environment} by @${freeze2.by}`,
    data: freeze2
  });
}
function removeCommandFreeze(octokit, coordinates, environment2) {
  return deleteRecord(octokit, coordinates, freezeRef(environment2));
}

// bot/freeze/frozen-now.ts
var ENVIRONMENT_FILE2 = /^(.+)\.ya?ml$/;
async function readFreezeView(ctx) {
  const dir = ctx.settings.environmentsDir;
  const snapshot = await readRepositorySnapshot(
    ctx,
    ctx.defaultBranch,
    [FREEZE_PREFIX, PROTECTION_PREFIX],
    [dir]
  );
  const memoryRecords = snapshot.records.get(PROTECTION_PREFIX);
  const [commandFreezes, memory] = await Promise.all([
    commandFreezesIn(ctx.octokit, ctx.coordinates, snapshot),
    memoryRecords ? records(memoryRecords.filter((r) => r.name === ctx.defaultBranch))[0] : recallProtection(ctx, ctx.defaultBranch)
  ]);
  const names2 = /* @__PURE__ */ new Map();
  for (const file of await snapshot.reader.list(dir)) {
    const m = ENVIRONMENT_FILE2.exec(file);
    if (m?.[1] && !names2.has(m[1])) names2.set(m[1], `${dir}/${file}`);
  }
  const problems = [];
  const facts = await Promise.all(
    [...names2].map(async ([name, path]) => {
      const source = { path, text: await snapshot.reader.read(path) ?? "" };
      const parsed = parseSource(source);
      const diagnostics = parsed.ok ? checkSchema(ctx.validators, "environment", parsed.value, source) : parsed.diagnostics;
      if (!parsed.ok || diagnostics.length) {
        problems.push(...diagnostics);
        return { name, path, configReasons: [], approvers: false };
      }
      const config = parsed.value;
      return {
        name,
        path,
        configReasons: freezeState(config, ctx.now).reasons,
        approvers: (config.approvals?.approvers ?? []).length > 0
      };
    })
  );
  return { environments: new Map(facts.map((f) => [f.name, f])), commandFreezes, memory, problems };
}
function records(commits) {
  return commits.flatMap((c) => {
    const data = parseRecordMessage(c.message);
    return data === void 0 ? [] : [data];
  });
}
function frozenEnvironments(view) {
  const names2 = /* @__PURE__ */ new Set([...view.environments.keys(), ...view.commandFreezes.keys()]);
  const frozen = [];
  for (const name of [...names2].sort()) {
    const facts = view.environments.get(name);
    const reasons = [...facts?.configReasons ?? []];
    if (view.commandFreezes.has(name)) reasons.push("/lockstep freeze");
    if (reasons.length) frozen.push({ name, reasons, approvers: facts?.approvers ?? false });
  }
  return frozen;
}

// src/github/graphql-pull.ts
var QUERY = `query LockstepPull($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      headRefOid
      files(first: 100) { pageInfo { hasNextPage } nodes { path changeType } }
      reviews(first: 100) { pageInfo { hasNextPage } nodes { author { login } state commit { oid } submittedAt } }
      comments(first: 100) { pageInfo { hasNextPage } nodes { databaseId body url } }
    }
  }
}`;
async function readPullState(octokit, { owner, repo }, number, marker) {
  const data = await octokit.graphql(QUERY, { owner, name: repo, number });
  const pull = data.repository.pullRequest;
  const files = pull.files.pageInfo.hasNextPage || pull.files.nodes.some((f) => f.changeType === "RENAMED" || f.changeType === "COPIED") ? void 0 : pull.files.nodes.map((f) => f.path);
  const reviews = pull.reviews.pageInfo.hasNextPage ? void 0 : pull.reviews.nodes.filter((r) => r.submittedAt !== null && r.commit !== null).map((r) => ({
    user: r.author?.login ?? "",
    state: r.state,
    commitId: r.commit?.oid ?? "",
    submittedAt: r.submittedAt ?? ""
  }));
  const marked = pull.comments.pageInfo.hasNextPage ? void 0 : pull.comments.nodes.filter((c) => c.databaseId !== null && c.body.includes(marker)).map((c) => ({ id: c.databaseId ?? 0, body: c.body, url: c.url })).sort((a, b) => a.id - b.id);
  return { headSha: pull.headRefOid, files, reviews, marked };
}

// bot/touches-lockstep.ts
function touchesLockstep(ctx, paths) {
  const dirs = [ctx.settings.catalogDir, ctx.settings.environmentsDir].map((d) => `${d}/`);
  return paths.some((p) => p === SETTINGS_PATH || dirs.some((d) => p.startsWith(d)));
}

// bot/pulls/check-runs.ts
var POLICY_CHECK = "lockstep/policy";
var APPROVAL_CHECK = "lockstep/approval";
var ANNOTATIONS_PER_REQUEST = 50;
async function ownCheckRuns(ctx, sha, appId) {
  const { owner, repo } = ctx.coordinates;
  const { data } = await ctx.octokit.rest.checks.listForRef({
    owner,
    repo,
    ref: sha,
    filter: "all",
    per_page: 100,
    ...appId !== void 0 ? { app_id: appId } : {}
  });
  return data.check_runs.filter((r) => r.name === POLICY_CHECK || r.name === APPROVAL_CHECK).filter((r) => appId === void 0 || r.app?.id === appId).sort((a, b) => b.id - a.id).map((r) => ({
    id: r.id,
    name: r.name,
    conclusion: r.conclusion,
    title: r.output.title ?? "",
    summary: r.output.summary ?? "",
    annotationsCount: r.output.annotations_count
  }));
}
async function writeCheckRun(ctx, sha, name, existing, output) {
  const { owner, repo } = ctx.coordinates;
  const text = { title: output.title, summary: output.summary };
  const details = output.detailsUrl !== void 0 ? { details_url: output.detailsUrl } : {};
  const batches = chunk(output.annotations, ANNOTATIONS_PER_REQUEST);
  const after = (id) => ({
    id,
    name,
    conclusion: output.conclusion,
    ...text,
    annotationsCount: output.annotations.length
  });
  const rest = async (id, from) => {
    for (const annotations of from)
      await ctx.octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: id,
        output: { ...text, annotations }
      });
  };
  const missing = async (id) => {
    if (!output.annotations.length) return [];
    const have = await ctx.octokit.paginate(ctx.octokit.rest.checks.listAnnotations, {
      owner,
      repo,
      check_run_id: id,
      per_page: 100
    });
    const keys = new Set(have.map((a) => `${a.path}:${a.start_line}:${a.message}`));
    return output.annotations.filter((a) => !keys.has(`${a.path}:${a.start_line}:${a.message}`));
  };
  const runs = existing.filter((r) => r.name === name);
  if (!runs.length) {
    const { data } = await ctx.octokit.rest.checks.create({
      owner,
      repo,
      name,
      head_sha: sha,
      status: "completed",
      conclusion: output.conclusion,
      ...details,
      output: { ...text, annotations: batches[0] ?? [] }
    });
    await rest(data.id, batches.slice(1));
    return { runs: [after(data.id)], wrote: true };
  }
  const stale = runs.filter(
    (r) => r.conclusion !== output.conclusion || r.title !== output.title || r.summary !== output.summary
  );
  await Promise.all(
    stale.map(async (run) => {
      const send = run.annotationsCount === 0 ? batches : chunk(await missing(run.id), ANNOTATIONS_PER_REQUEST);
      await ctx.octokit.rest.checks.update({
        owner,
        repo,
        check_run_id: run.id,
        status: "completed",
        conclusion: output.conclusion,
        ...details,
        output: { ...text, annotations: send[0] ?? [] }
      });
      await rest(run.id, send.slice(1));
    })
  );
  return {
    runs: runs.map((r) => stale.includes(r) ? after(r.id) : r),
    wrote: stale.length > 0
  };
}
function chunk(list2, size) {
  const out = [];
  for (let i = 0; i < list2.length; i += size) out.push(list2.slice(i, i + size));
  return out;
}

// bot/pulls/judge-pull.ts
function judgePull(plan, files) {
  const { settings: settings2 } = plan.repo;
  const changed = new Set(files);
  const catalogChanged = files.some((f) => f.startsWith(`${settings2.catalogDir}/`));
  const settingsChanged = changed.has(SETTINGS_PATH);
  const environments = [];
  for (const [name, judged] of plan.plans) {
    const { baseline, evaluation } = judged;
    const entry = plan.repo.environments.get(name);
    if (!entry) continue;
    const changedHere = changed.has(entry.source.path) || changed.has(entry.manifestPath);
    const followUp = !changedHere && catalogChanged && !settingsChanged ? securityFollowUp(judged, entry) : void 0;
    environments.push({
      name,
      changedHere,
      counts: (changedHere || catalogChanged || settingsChanged) && !followUp,
      ...followUp ? { followUp } : {},
      baseline: baseline.ref,
      manifestPath: entry.manifestPath,
      ...evaluation.candidate ? { digest: evaluation.candidate.digest } : {},
      ...evaluation.verdict ? { verdict: evaluation.verdict } : {},
      changes: evaluation.change?.changes ?? [],
      violations: evaluation.violations,
      failing: isBlocked(judged)
    });
  }
  environments.sort((a, b) => Number(b.changedHere) - Number(a.changedHere) || a.name.localeCompare(b.name));
  const needs = environments.flatMap(
    (e) => e.changedHere && e.verdict?.verdict === "needs-approval" ? [
      {
        environment: e.name,
        required: e.verdict.approvals?.required ?? 1,
        approvers: e.verdict.approvals?.approvers ?? [],
        reason: e.verdict.reason
      }
    ] : []
  );
  return {
    sha: plan.ref,
    environments,
    catalogChanged,
    settingsChanged,
    needs,
    failed: environments.some((e) => e.counts && e.failing)
  };
}
function securityFollowUp(judged, entry) {
  const { violations, compiled } = judged.evaluation;
  if (!violations.length || !compiled || !entry.manifest) return void 0;
  if (!violations.every((v) => v.kind === "drift" || v.kind === "affected")) return void 0;
  const { changes } = classifyChange(entry.manifest, compiled.manifest, []);
  if (!changes.length || !changes.every((c) => c.class === "security-patch")) return void 0;
  const fresh = compiled.manifest.security.patches.filter(
    (p) => !entry.manifest?.security.patches.some((q) => q.advisory === p.advisory && q.item === p.item)
  );
  return [...new Set(fresh.map((p) => p.advisory))].sort();
}

// bot/pulls/own-app.ts
function ownAppId(ctx) {
  return appIdOf(ctx.octokit, ctx.log);
}
async function appIdOf(octokit, log) {
  let auth;
  try {
    auth = await octokit.auth({ type: "app" });
  } catch (error) {
    log("debug", `no GitHub App identity: ${error instanceof Error ? error.message : String(error)}`);
    return void 0;
  }
  if (typeof auth !== "object" || auth === null || !("appId" in auth)) return void 0;
  const id = Number(auth.appId);
  return Number.isInteger(id) && id > 0 ? id : void 0;
}

// bot/pulls/plan-markdown.ts
var ICON = { allowed: "\u2705", "needs-approval": "\u{1F7E1}", blocked: "\u26D4" };
function md(text) {
  return text.replace(/[<>]/g, (c) => c === "<" ? "&lt;" : "&gt;");
}
function where(d) {
  return `\`${d.file}${d.line ? `:${d.line}${d.col ? `:${d.col}` : ""}` : ""}\``;
}
function stateOf(e) {
  const kinds = [...new Set(e.violations.map((v) => v.kind))].filter((k) => k !== "blocked");
  if (e.verdict?.verdict === "blocked") kinds.unshift("blocked");
  return kinds.length ? kinds.join(", ") : e.verdict?.verdict ?? "not judged";
}
function scopeLine(j) {
  const here = j.environments.filter((e) => e.changedHere).map((e) => `**${e.name}**`);
  const parts = [
    here.length ? `This pull request changes ${here.join(", ")}.` : "This pull request changes no environment file."
  ];
  if (j.catalogChanged || j.settingsChanged)
    parts.push(
      `It changes ${j.catalogChanged ? "the catalog" : "`.github/lockstep.yml`"}, so every environment counts.`
    );
  else if (j.environments.some((e) => !e.counts))
    parts.push("The others are shown as they are at its head; their problems do not fail this check.");
  return parts.join(" ");
}
function environmentTable(j) {
  const rows = j.environments.map((e) => {
    const verdict = e.verdict ? `${ICON[e.verdict.verdict]} ${e.verdict.verdict}` : "\u26D4 not judged";
    const problems = e.violations.filter((v) => v.kind !== "blocked").length;
    const state = problems ? `${verdict}, \u26A0\uFE0F ${problems} problem${problems === 1 ? "" : "s"}` : verdict;
    const here = e.changedHere ? "changes it" : e.followUp ? "security PR after the merge" : e.counts ? "via the catalog or settings" : "-";
    const since2 = e.baseline === "none" ? "nothing deployed yet" : `\`${e.baseline}\``;
    const reason = md(e.verdict?.reason ?? e.violations[0]?.message ?? "").replaceAll("|", "\\|");
    return `| ${e.name} | ${here} | ${state} | ${reason} | ${since2} |`;
  });
  return [
    "| environment | this pull request | verdict | reason | compared with |",
    "| --- | --- | --- | --- | --- |",
    ...rows
  ].join("\n");
}
function detailed(j) {
  return j.environments.filter((e) => e.counts || e.changes.length > 0 || e.violations.length > 0);
}
function environmentSection2(e) {
  const from = e.baseline === "none" ? "nothing deployed yet" : `\`${e.baseline}\` (its last deploy)`;
  const lines = [
    `#### ${e.name}`,
    `From ${from} to the committed \`${e.manifestPath}\`${e.digest ? ` (\`${e.digest.slice(0, 19)}\u2026\`)` : ""}.`,
    "",
    changeTableMarkdown(e.changes)
  ];
  if (e.violations.length) {
    lines.push(
      "",
      e.counts ? "**Problems:**" : e.followUp ? `**Fixed after the merge by the bot's \`lockstep/security/${e.name}\` pull request (warnings here):**` : "**Problems already on the base branch (warnings here):**"
    );
    lines.push(...e.violations.map((v) => `- ${where(v)}: ${md(v.message)}`));
  }
  return lines.join("\n");
}
function todoLines(j, author) {
  const out = [];
  for (const e of j.environments.filter((x) => x.counts && x.failing)) {
    if (e.verdict?.verdict === "blocked")
      out.push(
        `**${e.name}** is blocked (${md(e.verdict.reason)}): remove the change to ${e.name}, or merge it once the freeze or hold is lifted (\`/lockstep unfreeze ${e.name}\` for a command freeze).`
      );
    const fixes = e.violations.filter((v) => v.kind !== "blocked");
    if (fixes.length)
      out.push(
        `**${e.name}**: fix the annotated problems (${stateOf(e)}), e.g. ${md(fixes[0]?.message ?? "")}.`
      );
  }
  for (const e of j.environments.filter((x) => x.followUp)) {
    out.push(
      `**${e.name}**: after the merge the bot opens \`lockstep/security/${e.name}\` with the recompiled manifest for ${(e.followUp ?? []).join(", ")}; nothing to do here (or recompile ${e.name} in this pull request to include the patch now).`
    );
  }
  for (const n of j.needs)
    out.push(
      `**${n.environment}** needs ${n.required} approval${n.required === 1 ? "" : "s"} from ${n.approvers.join(", ") || "listed approvers"} (never the author @${author}): reviewers approve the latest commit; see \`lockstep/approval\`.`
    );
  if (!out.some((l) => !l.includes("after the merge the bot opens")))
    out.push("Nothing: as far as Lockstep is concerned this change may merge.");
  return out.map((l) => `- ${l}`);
}
function fitMarkdown(head, details, tail, limit) {
  const note = (n) => `_\u2026 ${n} more section${n === 1 ? "" : "s"} left out: GitHub limits this text to ${limit.toLocaleString("en")} characters. Run \`lockstep plan\` locally for everything._`;
  const room = limit - tail.length - 300;
  const kept = [];
  let size = head.length;
  for (const d of details) {
    if (size + d.length + 2 > room) break;
    kept.push(d);
    size += d.length + 2;
  }
  const left = details.length - kept.length;
  const body = [
    head.length > room ? `${head.slice(0, room)}\u2026` : head,
    ...kept,
    ...left ? [note(left)] : []
  ];
  return [...body, tail].filter((p) => p !== "").join("\n\n");
}

// bot/pulls/plan-comment.ts
var PLAN_MARKER = "<!-- lockstep:plan -->";
var COMMENT_LIMIT = 65536;
var short = (sha) => sha.slice(0, 7);
function planCommentBody(pull, j, sender) {
  const head = [
    PLAN_MARKER,
    `### Lockstep plan for \`${short(j.sha)}\``,
    scopeLine(j),
    environmentTable(j),
    "**What to do**",
    todoLines(j, pull.author).join("\n")
  ].join("\n\n");
  const footer2 = `<sub>Lockstep keeps this comment up to date on every push (last: \`${short(j.sha)}\`, after an event by @${sender}). The checks \`lockstep/policy\` and \`lockstep/approval\` hold the verdict; approvals are reviews of the latest commit by listed approvers, never the author's.</sub>`;
  return fitMarkdown(head, detailed(j).map(environmentSection2), footer2, COMMENT_LIMIT);
}
async function writePlanComment(ctx, pull, state, body) {
  if (!state.isHead) {
    ctx.log("info", `#${pull.number}: ${short(pull.headSha)} is no longer the head; plan comment left alone`);
    return;
  }
  await upsertMarkedComment(ctx.octokit, ctx.coordinates, pull.number, PLAN_MARKER, body, state.existing);
}
async function retirePlanComment(ctx, state, note) {
  const [existing] = state.existing;
  const body = `${PLAN_MARKER}
${note}`;
  if (!existing || existing.body === body || !state.isHead) return;
  const { owner, repo } = ctx.coordinates;
  await ctx.octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
}

// bot/pulls/annotations.ts
var TITLES = {
  input: "Lockstep: invalid input",
  drift: "Lockstep: manifest drift",
  affected: "Lockstep: vulnerable version",
  "expired-waiver": "Lockstep: expired waiver",
  blocked: "Lockstep: blocked by policy",
  unpatchable: "Lockstep: advisory without a fix"
};
function annotationOf(d, title, level, message) {
  const line = Math.max(d.line, 1);
  return {
    path: d.file,
    start_line: line,
    end_line: line,
    ...d.line > 0 && d.col > 0 ? { start_column: d.col, end_column: d.col } : {},
    annotation_level: level,
    title,
    message
  };
}
function inputAnnotations(diagnostics) {
  return sortDiagnostics(diagnostics).map((d) => annotationOf(d, TITLES.input, "failure", d.message));
}
function violationAnnotations(j) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const e of j.environments) {
    const inOrder = [...e.violations].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col
    );
    for (const v of inOrder) {
      const key = `${v.file}:${v.line}:${v.col}:${v.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(annotationOf(v, TITLES[v.kind], e.counts ? "failure" : "warning", v.message));
    }
  }
  return out;
}

// bot/pulls/policy-data.ts
var MARK = "lockstep:policy-data";
var BLOCK = /<!-- lockstep:policy-data (\{.*?\}) -->/s;
function policyDataBlock(data) {
  const json = JSON.stringify({ v: 1, ...data }).replaceAll(">", "\\u003e").replaceAll("<", "\\u003c");
  return `<!-- ${MARK} ${json} -->`;
}
function readPolicyData(summary, sha) {
  const json = BLOCK.exec(summary)?.[1];
  if (json === void 0) return void 0;
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    return void 0;
  }
  if (!isRecord2(value) || value.v !== 1 || value.sha !== sha) return void 0;
  const { state, needs } = value;
  if (state !== "judged" && state !== "untouched" && state !== "invalid") return void 0;
  if (!Array.isArray(needs) || !needs.every(isNeed)) return void 0;
  return { sha, state, needs };
}
function isNeed(value) {
  return isRecord2(value) && typeof value.environment === "string" && typeof value.required === "number" && typeof value.reason === "string" && Array.isArray(value.approvers) && value.approvers.every((a) => typeof a === "string");
}
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// bot/pulls/policy-output.ts
var SUMMARY_LIMIT = 65535;
var TITLE_LIMIT = 160;
var short2 = (sha) => sha.slice(0, 7);
function byline(pull, sender) {
  return `Lockstep judged pull request #${pull.number} at \`${short2(pull.headSha)}\` after an event by @${sender}: each environment's committed manifest against its last deploy tag, as \`lockstep validate\` does.`;
}
function policyOutput(pull, j, sender) {
  const shown = j.environments.filter((e) => e.counts || e.failing);
  const words = shown.map(
    (e) => `${e.name}: ${e.followUp ? `security PR after the merge (${e.followUp.join(", ")})` : stateOf(e)}`
  ).join("; ");
  const title = words.length <= TITLE_LIMIT && words ? words : `${shown.length} environments: ${shown.filter((e) => e.counts && e.failing).length} failing, ${j.needs.length} needing approval`;
  const head = [
    `## Lockstep policy ${j.failed ? "\u26D4 failed" : "\u2705 passed"} at \`${short2(j.sha)}\``,
    byline(pull, sender),
    scopeLine(j),
    environmentTable(j),
    "### What to do",
    todoLines(j, pull.author).join("\n"),
    "### Plan"
  ].join("\n\n");
  const block = policyDataBlock({ sha: j.sha, state: "judged", needs: j.needs });
  return {
    conclusion: j.failed ? "failure" : "success",
    title,
    summary: fitMarkdown(head, detailed(j).map(environmentSection2), block, SUMMARY_LIMIT),
    annotations: violationAnnotations(j)
  };
}
function untouchedPolicyOutput(pull, sender, dirs) {
  return {
    conclusion: "success",
    title: "No Lockstep files changed",
    summary: [
      `## Lockstep policy \u2705 passed at \`${short2(pull.headSha)}\``,
      `Pull request #${pull.number} changes no Lockstep file (${dirs.map((d) => `\`${d}\``).join(", ")}), so there is nothing to judge (event by @${sender}). This check passes so that branch protection requiring it does not hold the pull request.`,
      policyDataBlock({ sha: pull.headSha, state: "untouched", needs: [] })
    ].join("\n\n"),
    annotations: []
  };
}
function invalidPolicyOutput(pull, error, sender) {
  const diagnostics = sortDiagnostics(error.diagnostics);
  const first = diagnostics[0];
  const count = `${diagnostics.length} problem${diagnostics.length === 1 ? "" : "s"}`;
  const head = [
    `## Lockstep policy \u26D4 failed at \`${short2(pull.headSha)}\`: invalid Lockstep files`,
    `Lockstep could not judge pull request #${pull.number} at \`${short2(pull.headSha)}\` (event by @${sender}): ${count} in its files, each annotated on its line. No plan and no approval were computed.`,
    "### What to do",
    `Fix ${diagnostics.length === 1 ? "it" : "them"} and push again; \`lockstep validate\` shows the same problems locally as \`FILE:LINE:COL: message\`.`,
    "### Problems"
  ].join("\n\n");
  const items = diagnostics.map((d) => `- ${where(d)}: ${md(d.message)}`);
  return {
    conclusion: "failure",
    title: first ? `Invalid Lockstep files: ${count} (first: ${first.file}${first.line ? `:${first.line}` : ""})` : `Invalid Lockstep files: ${md(error.message).slice(0, TITLE_LIMIT)}`,
    summary: fitMarkdown(
      head,
      items.length ? items : [md(error.message)],
      policyDataBlock({ sha: pull.headSha, state: "invalid", needs: [] }),
      SUMMARY_LIMIT
    ),
    annotations: inputAnnotations(diagnostics)
  };
}

// bot/pulls/pull-files.ts
async function pullFiles(ctx, number) {
  const { owner, repo } = ctx.coordinates;
  const files = await ctx.octokit.paginate(ctx.octokit.rest.pulls.listFiles, {
    owner,
    repo,
    pull_number: number,
    per_page: 100
  });
  return files.flatMap((f) => f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]);
}

// src/core/policy/approvals.ts
function countApprovals(input) {
  const lower = (s) => s.toLowerCase();
  const listed = (login) => input.approvers.some(
    (entry) => entry.startsWith("@") ? [...input.teams.get(entry) ?? []].some((m) => lower(m) === lower(login)) : lower(entry) === lower(login)
  );
  const latest = /* @__PURE__ */ new Map();
  for (const review of input.reviews) {
    if (review.state === "COMMENTED" || review.state === "PENDING") continue;
    latest.set(lower(review.user), review);
  }
  const approvedBy = [...latest.values()].filter((r) => r.state === "APPROVED" && r.commitId === input.headSha).filter((r) => lower(r.user) !== lower(input.author) && listed(r.user)).map((r) => r.user);
  const satisfied = approvedBy.length >= input.required;
  const who2 = approvedBy.length ? ` (${approvedBy.join(", ")})` : "";
  const from = input.approvers.length ? ` from ${input.approvers.join(", ")}` : "";
  return {
    required: input.required,
    approvedBy,
    satisfied,
    summary: `${approvedBy.length} of ${input.required} approval${input.required === 1 ? "" : "s"}${who2}${from}`
  };
}

// bot/pulls/approval-output.ts
var TITLE_LIMIT2 = 160;
var short3 = (sha) => sha.slice(0, 7);
function notCountedReasons(reviews, count, headSha, author) {
  const latest = /* @__PURE__ */ new Map();
  for (const r of reviews)
    if (r.state !== "COMMENTED" && r.state !== "PENDING") latest.set(r.user.toLowerCase(), r);
  const counted = new Set(count.approvedBy.map((u) => u.toLowerCase()));
  return [...latest.values()].filter((r) => r.state === "APPROVED" && !counted.has(r.user.toLowerCase())).map(
    (r) => r.user.toLowerCase() === author.toLowerCase() ? `@${r.user} is the author` : r.commitId !== headSha ? `@${r.user} approved an earlier commit (\`${short3(r.commitId)}\`): approve again` : `@${r.user} is not a listed approver`
  );
}
function approvalOutput(pull, data, results, sender) {
  const at = `at \`${short3(pull.headSha)}\``;
  if (!results.length) {
    const why = data.state === "untouched" ? "it changes no Lockstep file" : "no environment it changes needs approval (see `lockstep/policy`)";
    return {
      conclusion: "success",
      title: "No approval needed",
      summary: `## Lockstep approvals \u2705 ${at}

Pull request #${pull.number} needs no approval: ${why}. Counted after an event by @${sender}.`,
      annotations: []
    };
  }
  const satisfied = results.every((r) => r.count.satisfied);
  const title = results.map(
    ({ need, count }) => `${results.length > 1 ? `${need.environment}: ` : ""}${count.approvedBy.length} of ${count.required} approval${count.required === 1 ? "" : "s"} from ${need.approvers.join(", ")}`
  ).join("; ");
  const lines = results.map(({ need, count, notCounted }) => {
    const state = count.satisfied ? "\u2705" : "\u{1F7E1}";
    const extra = notCounted.length ? ` Not counted: ${notCounted.join("; ")}.` : "";
    return `- ${state} **${need.environment}**: ${md(count.summary)}. Why: ${md(need.reason)}.${extra}`;
  });
  const waiting = results.filter((r) => !r.count.satisfied).map((r) => r.need.environment);
  return {
    conclusion: satisfied ? "success" : "action_required",
    title: title.length <= TITLE_LIMIT2 ? title : `${waiting.length} environment(s) waiting for approvals`,
    summary: [
      `## Lockstep approvals ${satisfied ? "\u2705 satisfied" : "\u{1F7E1} waiting"} ${at}`,
      `Counted for pull request #${pull.number} after an event by @${sender}.`,
      lines.join("\n"),
      "### How approvals count",
      `A review counts when it approves the current head commit \`${short3(pull.headSha)}\` (a push makes earlier approvals stale), comes from a listed approver (an \`@org/team\` entry means its members) and not from the author @${pull.author}; each reviewer's latest approving, changes-requested or dismissed review decides.`,
      satisfied ? "Nothing more to do here." : `### What to do

Ask ${waiting.length === 1 ? "an approver" : "approvers"} of ${waiting.join(", ")} other than @${pull.author} to approve the latest commit.`
    ].join("\n\n"),
    annotations: [],
    ...pull.url ? { detailsUrl: pull.url } : {}
  };
}

// bot/pulls/settle-approval.ts
var MAX_ROUNDS = 3;
async function settleApproval(ctx, pull, data, existing, first) {
  let runs = existing.filter((r) => r.name === APPROVAL_CHECK);
  if (!data.needs.length) {
    await writeCheckRun(ctx, pull.headSha, APPROVAL_CHECK, runs, approvalOutput(pull, data, [], ctx.sender));
    return;
  }
  const teams = /* @__PURE__ */ new Map();
  let reviews = first ?? await ctx.port.reviews(pull.number);
  for (let round = 1; ; round++) {
    const results = await Promise.all(data.needs.map((need) => countFor(ctx, pull, need, reviews, teams)));
    const output = approvalOutput(pull, data, results, ctx.sender);
    const written = await writeCheckRun(ctx, pull.headSha, APPROVAL_CHECK, runs, output);
    runs = written.runs;
    if (!written.wrote || round === MAX_ROUNDS) return;
    const again = await ctx.port.reviews(pull.number);
    if (fingerprint(again) === fingerprint(reviews)) return;
    ctx.log("info", `#${pull.number}: reviews changed while counting approvals; counting again`);
    reviews = again;
  }
}
async function countFor(ctx, pull, need, reviews, teams) {
  const lower = (s) => s.toLowerCase();
  const logins = new Set(need.approvers.filter((a) => !a.startsWith("@")).map(lower));
  const unresolved = reviews.some(
    (r) => r.state === "APPROVED" && r.commitId === pull.headSha && lower(r.user) !== lower(pull.author) && !logins.has(lower(r.user))
  );
  const entries = unresolved ? need.approvers.filter((a) => a.startsWith("@")) : [];
  const members = await Promise.all(entries.map(async (e) => [e, await membersOf(ctx, e, teams)]));
  const count = countApprovals({
    reviews,
    headSha: pull.headSha,
    author: pull.author,
    required: need.required,
    approvers: need.approvers,
    teams: new Map(members)
  });
  return { need, count, notCounted: notCountedReasons(reviews, count, pull.headSha, pull.author) };
}
function membersOf(ctx, entry, teams) {
  let members = teams.get(entry);
  if (!members) {
    const [org = "", slug = ""] = entry.slice(1).split("/");
    members = ctx.port.teamMembers(org, slug);
    teams.set(entry, members);
  }
  return members;
}
function fingerprint(reviews) {
  return reviews.map((r) => `${r.user}:${r.state}:${r.commitId}`).join("\n");
}

// bot/pulls/check-pull.ts
var short4 = (sha) => sha.slice(0, 7);
async function checkPull(ctx, pull) {
  const appId = await ownAppId(ctx);
  const [state, runs] = await Promise.all([
    readPullState(ctx.octokit, ctx.coordinates, pull.number, PLAN_MARKER),
    ownCheckRuns(ctx, pull.headSha, appId)
  ]);
  const files = state.files ?? await pullFiles(ctx, pull.number);
  const commentState = async () => ({
    existing: state.marked ?? await findMarkedComments(ctx.octokit, ctx.coordinates, pull.number, PLAN_MARKER),
    isHead: state.headSha === pull.headSha
  });
  if (!touchesLockstep(ctx, files)) return untouched(ctx, pull, runs, commentState);
  const comment = ctx.settings.bot.planComment ? commentState() : void 0;
  const reviews = state.reviews ? Promise.resolve(state.reviews) : ctx.port.reviews(pull.number);
  comment?.catch(() => void 0);
  reviews.catch(() => void 0);
  let plan;
  try {
    plan = await evaluateAt(ctx, pull.headSha);
  } catch (error) {
    if (!(error instanceof InputError || error instanceof ResolveError)) throw error;
    return invalid(ctx, pull, runs, error, commentState);
  }
  const judgement = judgePull(plan, files);
  const data = { sha: pull.headSha, state: "judged", needs: judgement.needs };
  const [read, readComment] = await Promise.all([reviews, comment]);
  await Promise.all([
    writeCheckRun(ctx, pull.headSha, POLICY_CHECK, runs, policyOutput(pull, judgement, ctx.sender)),
    settleApproval(ctx, pull, data, runs, read),
    readComment && writePlanComment(ctx, pull, readComment, planCommentBody(pull, judgement, ctx.sender))
  ]);
}
async function untouched(ctx, pull, runs, comment) {
  const dirs = [ctx.settings.catalogDir, ctx.settings.environmentsDir, ".github/lockstep.yml"];
  await Promise.all([
    writeCheckRun(ctx, pull.headSha, POLICY_CHECK, runs, untouchedPolicyOutput(pull, ctx.sender, dirs)),
    settleApproval(ctx, pull, { sha: pull.headSha, state: "untouched", needs: [] }, runs),
    ctx.settings.bot.planComment ? retirePlanComment(
      ctx,
      await comment(),
      `Lockstep: at \`${short4(pull.headSha)}\` this pull request no longer changes Lockstep files; there is nothing to plan.`
    ) : void 0
  ]);
}
async function invalid(ctx, pull, runs, error, comment) {
  await Promise.all([
    writeCheckRun(ctx, pull.headSha, POLICY_CHECK, runs, invalidPolicyOutput(pull, error, ctx.sender)),
    ctx.settings.bot.planComment ? retirePlanComment(
      ctx,
      await comment(),
      `Lockstep could not plan \`${short4(pull.headSha)}\`: its Lockstep files are invalid. See the \`lockstep/policy\` check for each problem and what to do.`
    ) : void 0
  ]);
}

// bot/pulls/pull-ref.ts
function pullRefOf(pull) {
  return {
    number: pull.number,
    headSha: pull.head.sha,
    headRef: pull.head.ref,
    baseRef: pull.base.ref,
    author: pull.user?.login ?? "",
    ...pull.html_url ? { url: pull.html_url } : {}
  };
}

// bot/freeze/recheck-pulls.ts
async function recheckOpenPulls(ctx) {
  const { owner, repo } = ctx.coordinates;
  const pulls = await ctx.octokit.paginate(ctx.octokit.rest.pulls.list, {
    owner,
    repo,
    state: "open",
    base: ctx.defaultBranch,
    per_page: 100
  });
  for (const pull of pulls) await checkPull(ctx, pullRefOf(pull));
  return pulls.length;
}

// bot/freeze/protection-body.ts
var NO_RULES = {
  required_status_checks: null,
  enforce_admins: false,
  required_pull_request_reviews: null,
  restrictions: null,
  required_linear_history: false,
  allow_force_pushes: false,
  allow_deletions: false,
  block_creations: false,
  required_conversation_resolution: false,
  lock_branch: false,
  allow_fork_syncing: false
};
function actors(value) {
  const names2 = (list2, key) => (list2 ?? []).flatMap((item) => item?.[key] ? [item[key]] : []);
  return {
    users: names2(value?.users, "login"),
    teams: names2(value?.teams, "slug"),
    apps: names2(value?.apps, "slug")
  };
}
function bodyFromGitHub(data) {
  const checks = data.required_status_checks;
  const reviews = data.required_pull_request_reviews;
  const on = (flag) => flag?.enabled ?? false;
  return {
    required_status_checks: checks ? {
      strict: checks.strict ?? false,
      checks: (checks.checks ?? checks.contexts.map((context) => ({ context, app_id: null }))).map(
        (c) => c.app_id === null ? { context: c.context } : { context: c.context, app_id: c.app_id }
      )
    } : null,
    enforce_admins: data.enforce_admins?.enabled ?? false,
    required_pull_request_reviews: reviews ? {
      ...reviews.dismissal_restrictions ? { dismissal_restrictions: actors(reviews.dismissal_restrictions) } : {},
      dismiss_stale_reviews: reviews.dismiss_stale_reviews,
      require_code_owner_reviews: reviews.require_code_owner_reviews,
      required_approving_review_count: reviews.required_approving_review_count ?? 1,
      require_last_push_approval: reviews.require_last_push_approval ?? false,
      ...reviews.bypass_pull_request_allowances ? { bypass_pull_request_allowances: actors(reviews.bypass_pull_request_allowances) } : {}
    } : null,
    restrictions: data.restrictions ? actors(data.restrictions) : null,
    required_linear_history: on(data.required_linear_history),
    allow_force_pushes: on(data.allow_force_pushes),
    allow_deletions: on(data.allow_deletions),
    block_creations: on(data.block_creations),
    required_conversation_resolution: on(data.required_conversation_resolution),
    lock_branch: on(data.lock_branch),
    allow_fork_syncing: on(data.allow_fork_syncing)
  };
}
function sameProtection(a, b) {
  return canonical(a) === canonical(b);
}
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(",")}]`;
  if (value && typeof value === "object") {
    const record = value;
    const keys = Object.keys(record).filter((k) => record[k] !== void 0);
    return `{${keys.sort().map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
function requiredContexts(body) {
  return body?.required_status_checks?.checks.map((c) => c.context) ?? [];
}

// bot/freeze/branch-protection.ts
var PUT_PROTECTION = "PUT /repos/{owner}/{repo}/branches/{branch}/protection";
async function readProtection(ctx, branch) {
  try {
    const { data } = await ctx.octokit.rest.repos.getBranchProtection({ ...ctx.coordinates, branch });
    return bodyFromGitHub(data);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}
async function writeProtection(ctx, branch, body) {
  await ctx.octokit.request(PUT_PROTECTION, { ...ctx.coordinates, branch, ...body });
}
async function removeProtection(ctx, branch) {
  try {
    await ctx.octokit.rest.repos.deleteBranchProtection({ ...ctx.coordinates, branch });
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
}

// bot/freeze/protection-plan.ts
var LOCKSTEP_CHECKS = [POLICY_CHECK, APPROVAL_CHECK];
function requiredChecks(frozen) {
  if (frozen.length === 0) return [];
  return frozen.some((f) => f.approvers) ? [POLICY_CHECK, APPROVAL_CHECK] : [POLICY_CHECK];
}
function frozenProtection(current, before, required, appId) {
  const base = current ?? before ?? NO_RULES;
  const earlier = requiredContexts(before);
  const kept = (base.required_status_checks?.checks ?? []).filter(
    (c) => !LOCKSTEP_CHECKS.includes(c.context) || required.includes(c.context) || earlier.includes(c.context)
  );
  const added = required.filter((r) => !kept.some((c) => c.context === r)).map((context) => appId === void 0 ? { context } : { context, app_id: appId });
  return {
    ...base,
    required_status_checks: {
      strict: base.required_status_checks?.strict ?? false,
      checks: [...kept, ...added]
    },
    enforce_admins: true
  };
}
function restoredProtection(current, before) {
  if (!current) return before;
  const earlier = requiredContexts(before);
  const status = current.required_status_checks;
  const checks = (status?.checks ?? []).filter(
    (c) => !LOCKSTEP_CHECKS.includes(c.context) || earlier.includes(c.context)
  );
  const dropStatus = !status || checks.length === 0 && !before?.required_status_checks && !status.strict;
  const restored = {
    ...current,
    required_status_checks: dropStatus ? null : { strict: status.strict, checks },
    enforce_admins: before?.enforce_admins ?? false
  };
  return before === null && sameProtection(restored, NO_RULES) ? null : restored;
}

// bot/freeze/reconcile-protection.ts
async function reconcileProtection(ctx, why, view) {
  const outcome = await reconcileOnce(ctx, why, view);
  if (outcome.change !== "restored") return outcome;
  const again = await reconcileOnce(ctx, why);
  return again.frozen.length ? again : outcome;
}
async function reconcileOnce(ctx, why, known) {
  const branch = ctx.defaultBranch;
  const [view, current] = await Promise.all([
    known ?? readFreezeView(ctx),
    readProtection(ctx, branch).catch(refusal)
  ]);
  const memory = view.memory;
  const frozen = frozenEnvironments(view);
  const required = requiredChecks(frozen);
  const outcome = (change, problem) => {
    if (problem)
      ctx.log("warn", `lockstep: protection of ${branch} left as it is (${why}): ${problem.message}`);
    else if (change !== "none")
      ctx.log("info", `lockstep: protection of ${branch} ${change} (${why}); frozen: ${names(frozen)}`);
    return { branch, frozen, required, change, ...problem ? { problem } : {} };
  };
  if (current instanceof Refusal) return outcome("none", { kind: "refused", message: current.message });
  try {
    if (frozen.length) {
      if (!memory && current && sameProtection(frozenProtection(current, current, required), current)) {
        return outcome("none");
      }
      const remembered = memory ?? await rememberProtection(ctx, { branch, before: current, since: ctx.now.toISOString(), why });
      const desired = frozenProtection(current, remembered.before, required, await ownAppId(ctx));
      if (current && sameProtection(desired, current)) return outcome("none");
      await writeProtection(ctx, branch, desired);
      if (!await protectionRemembered(ctx, branch)) await rememberProtection(ctx, remembered);
      return outcome("protected");
    }
    if (!memory) return outcome("none");
    if (view.problems.length) {
      const message = view.problems.map(formatDiagnostic).join("; ");
      return outcome("none", { kind: "unreadable", message });
    }
    const restored = restoredProtection(current, memory.before);
    if (restored === null) {
      if (current) await removeProtection(ctx, branch);
    } else if (!current || !sameProtection(restored, current)) {
      await writeProtection(ctx, branch, restored);
    }
    await forgetProtection(ctx, branch);
    return outcome("restored");
  } catch (error) {
    return outcome("none", { kind: "refused", message: refusal(error).message });
  }
}
var Refusal = class {
  constructor(message) {
    this.message = message;
  }
  message;
};
function refusal(error) {
  const message = githubMessage(error);
  if (statusOf(error) === 403 && !/rate limit/i.test(message)) return new Refusal(message);
  throw error;
}
function names(frozen) {
  return frozen.map((f) => f.name).join(", ") || "none";
}

// bot/freeze/freeze-command.ts
async function freezeCommand(ctx, command, source) {
  const [view, answered] = await Promise.all([
    readFreezeView(ctx),
    findMarkedComments(ctx.octokit, ctx.coordinates, source.issueNumber, replyMarker(source))
  ]);
  if (answered.length) {
    ctx.log(
      "info",
      `lockstep: ${command.text} (${source.commentUrl}) was answered already; redelivery ignored`
    );
    return;
  }
  const existing = view.commandFreezes.get(command.environment);
  const outcome = command.verb === "freeze" ? await freeze(ctx, command, source, view, existing) : await unfreeze(ctx, command.environment, source, view, existing);
  if (typeof outcome === "string") {
    await reply(ctx, source, command.text, outcome);
    return;
  }
  const rechecked = await recheckOpenPulls(ctx);
  const note = rechecked ? `

I judged the ${rechecked} open pull request${rechecked === 1 ? "" : "s"} into \`${ctx.defaultBranch}\` again: their \`lockstep/policy\` checks now follow the ${command.verb === "freeze" ? "freeze" : "lifted freeze"}.` : "";
  await reply(ctx, source, command.text, `${outcome.changed}${note}`);
}
async function freeze(ctx, command, source, view, existing) {
  const env = command.environment;
  if (!view.environments.has(env)) return unknownEnvironment(env, view, ctx.defaultBranch);
  if (existing && existing.url !== source.commentUrl) return alreadyFrozen(existing);
  let freeze2 = existing;
  if (!freeze2) {
    const { record } = await recordCommandFreeze(ctx.octokit, ctx.coordinates, {
      environment: env,
      by: source.author,
      reason: command.reason,
      since: ctx.now.toISOString(),
      url: source.commentUrl
    });
    freeze2 = record.data;
    if (freeze2.url !== source.commentUrl) return alreadyFrozen(freeze2);
  }
  const outcome = await reconcileProtection(
    ctx,
    `/lockstep freeze ${env} by @${source.author}`,
    withCommandFreeze(view, env, freeze2)
  );
  return { changed: frozenAnswer(freeze2, outcome) };
}
async function unfreeze(ctx, env, source, view, existing) {
  const facts = view.environments.get(env);
  if (!existing) {
    return facts ? notFrozenByCommand(env, facts) : unknownEnvironment(env, view, ctx.defaultBranch);
  }
  await removeCommandFreeze(ctx.octokit, ctx.coordinates, env);
  const outcome = await reconcileProtection(
    ctx,
    `/lockstep unfreeze ${env} by @${source.author}`,
    withCommandFreeze(view, env, void 0)
  );
  return { changed: unfrozenAnswer(existing, facts, outcome) };
}
function withCommandFreeze(view, env, freeze2) {
  const commandFreezes = new Map(view.commandFreezes);
  if (freeze2) commandFreezes.set(env, freeze2);
  else commandFreezes.delete(env);
  return { ...view, commandFreezes };
}

// bot/commands/authorize.ts
function teamOf(entry) {
  const m = /^@([^/\s]+)\/([^/\s]+)$/.exec(entry);
  return m ? { org: m[1], slug: m[2] } : void 0;
}
async function isListed(ctx, login, entries) {
  const lower = login.toLowerCase();
  if (entries.some((e) => !e.startsWith("@") && e.toLowerCase() === lower)) return true;
  for (const entry of entries) {
    const team = teamOf(entry);
    if (!team) continue;
    try {
      const { data } = await ctx.octokit.rest.teams.getMembershipForUserInOrg({
        org: team.org,
        team_slug: team.slug,
        username: login
      });
      if (data.state === "active") return true;
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
  return false;
}
async function authorizeCommander(ctx, login) {
  if (login.endsWith("[bot]")) return { allowed: false, because: "commands from bots are ignored" };
  const { owner, repo } = ctx.coordinates;
  let permission = "none";
  try {
    const { data } = await ctx.octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: login
    });
    permission = data.role_name ?? data.permission;
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  if (["admin", "maintain", "write"].includes(permission)) {
    return { allowed: true, because: `@${login} has ${permission} access` };
  }
  if (await isListed(ctx, login, ctx.settings.bot.commanders)) {
    return { allowed: true, because: `@${login} is listed in bot.commanders` };
  }
  return {
    allowed: false,
    because: `@${login} has ${permission} access and is not listed in \`bot.commanders\` of .github/lockstep.yml`
  };
}

// src/core/rollback/enforced-advisories.ts
function enforcedAdvisoriesIn(manifest2, catalog2, policy) {
  const enforced = new Set(policy.enforced);
  const out = [];
  for (const [item, version] of listItems(manifestVersions(manifest2))) {
    const release = releaseAt(catalog2, item, version);
    if (!release) continue;
    for (const advisory of catalog2.advisoriesByItem.get(item) ?? []) {
      if (enforced.has(advisory) && catalog2.ranges.test(advisory.affected, release.sv))
        out.push({ item, version, advisory });
    }
  }
  return out;
}

// src/core/rollback/verify-rollback-files.ts
function verifyTagFiles(files, validators, nameOption = "--to") {
  const { tag, digest, configPath, manifestPath, configText, manifestText } = files;
  const manifest2 = parseManifest(validators, manifestPath, manifestText);
  if (!manifest2 || configText === void 0 || manifestText === void 0) {
    throw new LockstepError(
      "E_STATE",
      `${tag} does not hold a valid ${manifestPath} and ${configPath}; pick another tag with ${nameOption}`
    );
  }
  if (manifest2.digest !== digest || manifestDigest(manifest2) !== digest) {
    throw new LockstepError(
      "E_STATE",
      `${tag}: ${manifestPath} does not match the digest recorded at deploy (${digest}); the tag was altered, pick another with ${nameOption}`
    );
  }
  return { configText, manifestText, manifest: manifest2 };
}
function verifyReleaseManifest(release, validators, nameOption = "--to") {
  const { tag, digest, assetName, text } = release;
  if (text === void 0)
    throw new LockstepError(
      "E_STATE",
      `${tag}: the release of the tag has no ${assetName} to verify the manifest against; attach the deployed manifest to the release, or pick another tag with ${nameOption}`
    );
  const manifest2 = parseManifest(validators, assetName, text);
  if (!manifest2)
    throw new LockstepError(
      "E_STATE",
      `${tag}: the release's ${assetName} is not a valid manifest; the release was altered, pick another tag with ${nameOption}`
    );
  const actual = manifestDigest(manifest2);
  if (actual !== digest || manifest2.digest !== digest)
    throw new LockstepError(
      "E_STATE",
      `${tag}: the release's ${assetName} has digest ${actual}${manifest2.digest !== actual ? ` (its digest field says ${manifest2.digest})` : ""}, not the digest recorded at deploy (${digest}); the release or the tag was altered, pick another tag with ${nameOption}`
    );
  return manifest2;
}
function parseManifest(validators, path, text) {
  if (text === void 0) return void 0;
  const source = { path, text };
  const parsed = parseSource(source);
  if (!parsed.ok || checkSchema(validators, "manifest", parsed.value, source).length) return void 0;
  return parsed.value;
}

// src/core/rollback/with-hold.ts
import { isMap as isMap2, isScalar as isScalar2, parseDocument as parseDocument3, stringify } from "yaml";
function withHold(text, hold, path) {
  const doc = parseDocument3(text);
  if (doc.errors.length || !isMap2(doc.contents))
    throw new LockstepError("E_STATE", `${path} at that tag is not a valid environment file`);
  const block = stringify({ hold: { reason: hold.reason, since: hold.since } }, { lineWidth: 0 });
  const pair = doc.contents.items.find((p) => isScalar2(p.key) && p.key.value === "hold");
  const start = pair?.key?.range?.[0];
  const end = pair?.value?.range?.[2];
  if (start === void 0 || end === void 0) return `${text}${text.endsWith("\n") ? "" : "\n"}${block}`;
  const rest = text.slice(end);
  return `${text.slice(0, start)}${block}${rest.startsWith("\n") ? rest.slice(1) : rest}`;
}

// bot/rollback/read-at-ref.ts
async function readRawFiles(ctx, ref, paths) {
  const { owner, repo } = ctx.coordinates;
  const texts = await Promise.all(
    paths.map(
      (path) => unlessNotFound(async () => {
        const { data } = await ctx.octokit.rest.repos.getContent({
          owner,
          repo,
          path,
          ref,
          mediaType: { format: "raw" }
        });
        return textOf(data);
      })
    )
  );
  return new Map(paths.map((path, i) => [path, texts[i]]));
}
var PAGE = 100;
async function newestReleases(ctx) {
  const { owner, repo } = ctx.coordinates;
  const { data } = await ctx.octokit.rest.repos.listReleases({ owner, repo, per_page: PAGE });
  return {
    releases: data.map((r) => ({
      tag: r.tag_name,
      assets: r.assets.map((a) => ({ id: a.id, name: a.name }))
    })),
    full: data.length >= PAGE
  };
}
async function releaseAssetText(ctx, page, tag, assetName) {
  const { owner, repo } = ctx.coordinates;
  let release = page.releases.find((r) => r.tag === tag);
  if (!release && page.full) {
    const data = await unlessNotFound(
      async () => (await ctx.octokit.rest.repos.getReleaseByTag({ owner, repo, tag })).data
    );
    release = data && { tag, assets: data.assets.map((a) => ({ id: a.id, name: a.name })) };
  }
  const asset = release?.assets.find((a) => a.name === assetName);
  if (!asset) return void 0;
  try {
    const { data } = await ctx.octokit.rest.repos.getReleaseAsset({
      owner,
      repo,
      asset_id: asset.id,
      headers: { accept: "application/octet-stream" }
    });
    return textOf(data);
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
}
function textOf(data) {
  if (typeof data === "string") return data;
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  if (ArrayBuffer.isView(data))
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
  return JSON.stringify(data);
}

// bot/rollback/head-files.ts
async function filesAtTags(ctx, tags, paths) {
  const commits = [...new Set(tags.map((t) => t.commit))];
  const wanted = commits.flatMap((rev) => paths.map((path) => ({ rev, path })));
  const fetched = await readFilesAt(ctx.octokit, ctx.coordinates, wanted);
  const out = /* @__PURE__ */ new Map();
  const missing = wanted.filter(({ rev, path }) => {
    const text = fetched.get(`${rev}:${path}`);
    if (text !== null) out.set(`${rev}:${path}`, text);
    return text === null;
  });
  await Promise.all(
    missing.map(async ({ rev, path }) => {
      const raw = await readRawFiles(ctx, rev, [path]);
      out.set(`${rev}:${path}`, raw.get(path));
    })
  );
  return out;
}
function overlay(reader, files) {
  return {
    list: (dir) => reader.list(dir),
    read: async (path) => files.get(path) ?? reader.read(path)
  };
}
function mapReader(files) {
  return { list: async () => [], read: async (path) => files.get(path) };
}
function parseAs2(validators, kind, path, text) {
  if (text === void 0) return void 0;
  const source = { path, text };
  const parsed = parseSource(source);
  if (!parsed.ok || checkSchema(validators, kind, parsed.value, source).length) return void 0;
  return parsed.value;
}

// src/core/rollback/pick-rollback-target.ts
function pickRollbackTarget(deploys, to, env, nameOption = "--to") {
  if (to !== void 0) {
    const found = deploys.find((d) => d.tag === to || String(d.n) === to);
    if (!found)
      throw new LockstepError(
        "E_USAGE",
        `no deploy '${to}' of ${env} (deploys: ${deploys.map((d) => d.tag).join(", ") || "none"})`
      );
    return found;
  }
  const previous = deploys.at(-2);
  if (!previous)
    throw new LockstepError(
      "E_USAGE",
      `${env} has ${deploys.length} deploy(s); a rollback needs an earlier one (or name it with ${nameOption})`
    );
  return previous;
}

// bot/rollback/rollback-tags.ts
var NAME_OPTION = "`to <tag>`";
function pickTags(valid, names2, env, prefix, choice) {
  const named = choice.kind === "named" ? matching(names2, prefix, env, choice.to) : void 0;
  if (choice.kind === "named" && named === void 0) {
    const other = otherEnvironment(prefix, choice.to, env);
    const deploys = names2.join(", ") || "none";
    throw new LockstepError(
      "E_USAGE",
      other ? `${choice.to} is a deploy tag of ${other}, not of ${env}; name one of ${env}'s deploy tags (deploys: ${deploys})` : `no deploy '${choice.to}' of ${env} (deploys: ${deploys})`
    );
  }
  const last = valid.at(-1);
  if (!last)
    throw new LockstepError(
      "E_USAGE",
      `${env} has no deploy yet (no ${prefix}/${env}/<n> deploy tag): there is nothing to roll back to`
    );
  if (choice.kind === "last") return { last, target: last };
  if (named === void 0) return { last, target: pickRollbackTarget(valid, void 0, env, NAME_OPTION) };
  const target = valid.find((t) => t.tag === named);
  if (!target)
    throw new LockstepError(
      "E_USAGE",
      `${named} is not a Lockstep deploy tag (an annotated tag with a Lockstep-Digest trailer); pick another with ${NAME_OPTION}`
    );
  return { last, target };
}
function matching(names2, prefix, env, to) {
  return names2.find((n) => n === to || n === `${prefix}/${env}/${to}`);
}
function otherEnvironment(prefix, to, env) {
  if (!to.startsWith(`${prefix}/`)) return void 0;
  const m = /^([^/]+)\/[1-9][0-9]*$/.exec(to.slice(prefix.length + 1));
  return m?.[1] !== void 0 && m[1] !== env ? m[1] : void 0;
}
async function rollbackTagsRest(ctx, env, choice) {
  const prefix = ctx.settings.tagPrefix;
  const { owner, repo } = ctx.coordinates;
  const base = `${prefix}/${env}/`;
  const listed = await ctx.octokit.paginate(ctx.octokit.rest.git.listMatchingRefs, {
    owner,
    repo,
    ref: `tags/${base}`,
    per_page: 100
  });
  const refs = listed.map((r) => ({ tag: r.ref.replace(/^refs\/tags\//, ""), object: r.object })).filter((r) => /^[1-9][0-9]*$/.test(r.tag.slice(base.length))).map((r) => ({ ...r, n: Number(r.tag.slice(base.length)) })).sort((a, b) => a.n - b.n);
  const names2 = refs.map((r) => r.tag);
  const named = choice.kind === "named" ? matching(names2, prefix, env, choice.to) : void 0;
  const wanted = [
    ...new Set(
      choice.kind === "previous" ? refs.slice(-2) : [refs.at(-1), refs.find((r) => r.tag === named)].filter((r) => r !== void 0)
    )
  ];
  let valid = await readTags(ctx, env, wanted);
  if (valid.length < wanted.length) valid = await readTags(ctx, env, refs);
  return pickTags(valid, names2, env, prefix, choice);
}
async function readTags(ctx, env, refs) {
  const { owner, repo } = ctx.coordinates;
  const tags = await Promise.all(
    refs.map(async (r) => {
      if (r.object.type !== "tag") return void 0;
      const { data } = await ctx.octokit.rest.git.getTag({ owner, repo, tag_sha: r.object.sha });
      const digest = digestTrailer(data.message);
      if (digest === void 0 || data.object.type !== "commit") return void 0;
      return { tag: r.tag, environment: env, n: r.n, commit: data.object.sha, digest };
    })
  );
  return tags.filter((t) => t !== void 0).sort((a, b) => a.n - b.n);
}

// bot/rollback/rollback-plan.ts
async function planRollback(ctx, request) {
  const env = request.environment;
  const { environmentsDir, tagPrefix } = ctx.settings;
  const releasesRead = newestReleases(ctx);
  releasesRead.catch(() => void 0);
  const snapshot = await readRepositorySnapshot(ctx, ctx.defaultBranch, [FREEZE_PREFIX]);
  const head = snapshot.reader;
  const names2 = await head.list(environmentsDir);
  const file = names2.find((n) => n === `${env}.yaml` || n === `${env}.yml`);
  if (!file) {
    const known = new Set(names2.flatMap((n) => /^(.+)\.ya?ml$/.exec(n)?.[1] ?? []));
    throw new LockstepError(
      "E_USAGE",
      `unknown environment '${env}' (known: ${[...known].join(", ") || "none"})`
    );
  }
  const configPath = `${environmentsDir}/${file}`;
  const manifestPath = `${environmentsDir}/${env}.manifest.json`;
  const listed = snapshot.deployTags?.get(env) ?? [];
  const tags = snapshot.deployTags ? pickTags(
    listed,
    listed.map((t) => t.tag),
    env,
    tagPrefix,
    request.choice
  ) : await rollbackTagsRest(ctx, env, request.choice);
  const { last, target } = tags;
  const assetName = `${env}.manifest.json`;
  const releases = await releasesRead;
  const [atTags, released, freezes] = await Promise.all([
    filesAtTags(ctx, [target, last], [configPath, manifestPath]),
    releaseAssetText(ctx, releases, target.tag, assetName),
    commandFreezesIn(ctx.octokit, ctx.coordinates, snapshot)
  ]);
  const at = (tag, path) => atTags.get(`${tag.commit}:${path}`);
  const verified = verifyTagFiles(
    {
      tag: target.tag,
      digest: target.digest,
      configPath,
      manifestPath,
      configText: at(target, configPath),
      manifestText: at(target, manifestPath)
    },
    ctx.validators,
    NAME_OPTION
  );
  verifyReleaseManifest(
    { tag: target.tag, digest: target.digest, assetName, text: released },
    ctx.validators,
    NAME_OPTION
  );
  const committed = parseAs2(
    ctx.validators,
    "manifest",
    manifestPath,
    await head.read(manifestPath)
  );
  const committedDigest = committed && manifestDigest(committed);
  if (committedDigest === target.digest)
    throw new LockstepError(
      "E_USAGE",
      `${manifestPath} on ${ctx.defaultBranch} (${snapshot.commit.slice(0, 7)}) already is the manifest of ${target.tag} (${target.digest}): there is nothing to roll back`
    );
  const hold = { reason: request.holdReason(tags), since: ctx.now.toISOString().slice(0, 10) };
  const files = { config: withHold(verified.configText, hold, configPath), manifest: verified.manifestText };
  const proposed = /* @__PURE__ */ new Map([
    [configPath, files.config],
    [manifestPath, files.manifest]
  ]);
  const repo = await loadRepository(overlay(head, proposed), ctx.validators, { environments: [env] });
  const entry = repo.environments.get(env);
  const deploys = [...new Map([target, last].map((t) => [t.tag, t])).values()].sort((a, b) => a.n - b.n);
  const lastFiles = new Map([configPath, manifestPath].map((p) => [p, at(last, p)]));
  const baseline = await baselineAt(mapReader(lastFiles), deploys, entry, ctx.validators, "");
  const freeze2 = freezes.get(env);
  const evaluation = evaluateEnvironment(
    entry,
    repo.catalog,
    baseline,
    ctx.now,
    "committed",
    freeze2 ? { freezes: [freezeReason(freeze2)] } : {}
  );
  const policy = securityPolicy(entry.config, repo.catalog, ctx.now);
  const current = parseAs2(
    ctx.validators,
    "environment",
    configPath,
    await head.read(configPath)
  );
  return {
    environment: env,
    base: { branch: ctx.defaultBranch, commit: snapshot.commit, manifestDigest: committedDigest },
    from: last,
    to: target,
    configPath,
    manifestPath,
    files,
    hold,
    evaluation,
    affected: enforcedAdvisoriesIn(verified.manifest, repo.catalog, policy),
    approvers: current?.approvals?.approvers ?? []
  };
}

// bot/rollback/rollback-trigger.ts
function holdReason(trigger, { last, target }) {
  if (trigger.kind === "failure") {
    const d = trigger.deployment;
    return `rolled back to ${target.tag} after a failed deployment of ${d.digest.slice(0, 19)}${d.tag ? ` (${d.tag})` : ""}`;
  }
  const move2 = last.tag === target.tag ? `rolled back to ${target.tag}, the last deploy,` : `rolled back from ${last.tag} to ${target.tag}`;
  return `${move2} by @${trigger.by} (/lockstep rollback in ${trigger.where})`;
}
function advisoryLines(affected) {
  return affected.map(
    ({ item, version, advisory: a }) => `- \`${item}\` ${version}: ${a.url ? `[${a.id}](${a.url})` : a.id} (${a.severity}): ${a.summary}`
  );
}

// src/github/pull-branch.ts
async function commitToBranch(octokit, coordinates, input) {
  const { owner, repo } = coordinates;
  const ref = `heads/${input.branch}`;
  const known = input.known;
  const [current, baseTree] = known ? [
    known.head === null ? void 0 : { sha: known.head, tree: "", parents: [] },
    known.baseTree
  ] : await Promise.all([
    branchHead(octokit, coordinates, ref),
    octokit.rest.git.getCommit({ owner, repo, commit_sha: input.base }).then((r) => r.data.tree.sha)
  ]);
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: baseTree,
    tree: Object.entries(input.files).map(
      ([path, content]) => content === null ? { path, mode: "100644", type: "blob", sha: null } : { path, mode: "100644", type: "blob", content }
    )
  });
  if (current && current.tree === tree.sha && current.parents.length === 1 && current.parents[0] === input.base) {
    return { commit: current.sha, changed: false };
  }
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: input.message,
    tree: tree.sha,
    parents: [input.base]
  });
  if (current) {
    try {
      await octokit.rest.git.updateRef({ owner, repo, ref, sha: commit.sha, force: true });
    } catch (error) {
      if (statusOf(error) !== 422 || !known) throw error;
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/${ref}`, sha: commit.sha });
    }
  } else {
    try {
      await octokit.rest.git.createRef({ owner, repo, ref: `refs/${ref}`, sha: commit.sha });
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      await octokit.rest.git.updateRef({ owner, repo, ref, sha: commit.sha, force: true });
    }
  }
  return { commit: commit.sha, changed: true };
}
async function branchHead(octokit, { owner, repo }, ref) {
  let sha;
  try {
    sha = (await octokit.rest.git.getRef({ owner, repo, ref })).data.object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return void 0;
    throw error;
  }
  const { data } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: sha });
  return { sha, tree: data.tree.sha, parents: data.parents.map((p) => p.sha) };
}
async function openPullFrom(octokit, coordinates, branch, base) {
  const { owner, repo } = coordinates;
  const { data } = await octokit.rest.pulls.list({
    owner,
    repo,
    state: "open",
    head: `${owner}:${branch}`,
    ...base ? { base } : {},
    per_page: 10
  });
  const pull = data[0];
  if (!pull) return void 0;
  return {
    number: pull.number,
    url: pull.html_url,
    nodeId: pull.node_id,
    headSha: pull.head.sha,
    title: pull.title,
    body: pull.body ?? "",
    labels: pull.labels.map((l) => l.name ?? "").filter(Boolean)
  };
}
async function upsertPull(octokit, coordinates, input, known) {
  const { owner, repo } = coordinates;
  let existing = known ? known.existing : await openPullFrom(octokit, coordinates, input.branch, input.base);
  let created = false;
  if (!existing) {
    try {
      const { data } = await octokit.rest.pulls.create({
        owner,
        repo,
        head: input.branch,
        base: input.base,
        title: input.title,
        body: input.body
      });
      existing = {
        number: data.number,
        url: data.html_url,
        nodeId: data.node_id,
        headSha: data.head.sha,
        title: data.title,
        body: data.body ?? "",
        labels: []
      };
      created = true;
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      existing = await openPullFrom(octokit, coordinates, input.branch, input.base);
      if (!existing) throw error;
    }
  }
  if (!created && (existing.title !== input.title || existing.body !== input.body)) {
    await octokit.rest.pulls.update({
      owner,
      repo,
      pull_number: existing.number,
      title: input.title,
      body: input.body
    });
  }
  const missing = input.labels.filter((l) => !existing.labels.includes(l));
  if (missing.length) {
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: existing.number, labels: missing });
  }
  return { number: existing.number, url: existing.url, nodeId: existing.nodeId ?? "", created };
}

// bot/rollback/rollback-body.ts
function rollbackMarker(environment2) {
  return `<!-- lockstep:rollback:${environment2} -->`;
}
function rollbackTitle(plan) {
  return `Roll back ${plan.environment} to ${plan.to.tag}`;
}
function rollbackBody(plan, trigger, forced) {
  const { environment: env, from, to, base, evaluation } = plan;
  const short5 = (sha) => `\`${sha.slice(0, 7)}\``;
  const rows = [
    `| **from**: last deploy | ${from.tag} | \`${from.digest}\` | ${short5(from.commit)} |`,
    `| **from**: committed on ${base.branch} | - | ${base.manifestDigest ? `\`${base.manifestDigest}\`` : "(no valid manifest)"} | ${short5(base.commit)} |`
  ];
  if (trigger.kind === "failure") {
    const d = trigger.deployment;
    rows.push(
      `| **from**: failed deployment ${d.id} | ${d.tag ?? "-"} | \`${d.digest}\` | ${short5(d.sha)} |`
    );
  }
  rows.push(`| **to** | ${to.tag} | \`${to.digest}\` | ${short5(to.commit)} |`);
  return [
    rollbackMarker(env),
    `## Roll back ${env} to ${to.tag}`,
    "",
    askedBy(trigger),
    "",
    "| | deploy tag | manifest digest | commit |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
    `**Verified:** \`${plan.manifestPath}\` at ${to.tag} (commit ${short5(to.commit)}), the tag's \`Lockstep-Digest\` trailer and the \`${env}.manifest.json\` attached to the release ${to.tag} carry the same digest, \`${to.digest}\`.`,
    "",
    "### What this pull request changes",
    `- \`${plan.manifestPath}\`: exactly as at ${to.tag}.`,
    `- \`${plan.configPath}\`: exactly as at ${to.tag}, plus \`hold\` (reason: "${plan.hold.reason}", since ${plan.hold.since}). While held, ${env} behaves as frozen, so automation does not undo the rollback (enforced security patches still apply). Remove the hold in a later pull request when ${env} may update again.`,
    "",
    `### Changes from what runs now (${from.tag})`,
    changeTableMarkdown(evaluation.change?.changes ?? []),
    "",
    "### Policy",
    policyLines(plan),
    ...forced ? ["", ...forcedSection(plan, forced)] : [],
    "",
    "### When merged",
    to.tag === from.tag ? `Merging this pull request puts ${to.tag}'s files back on the default branch, and the normal deploy workflow deploys \`${to.digest}\` again: it is the last deploy tag's manifest, so the Action redeploys it as a new Deployment after the failed one (or, when its own rollback-on-failure already did, finds it running) and takes no new tag. Closing it without merging changes nothing. Another rollback request for ${env} updates this pull request instead of opening a second one.` : `Merging this pull request redeploys \`${to.digest}\` (the manifest of ${to.tag}) through the normal deploy workflow, which records it as ${env}'s next deploy tag. Closing it without merging changes nothing. Another rollback request for ${env} updates this pull request instead of opening a second one.`
  ].join("\n");
}
function askedBy(trigger) {
  if (trigger.kind === "command")
    return `@${trigger.by} asked for this rollback with [\`${trigger.command}\`](${trigger.url}) in #${trigger.issueNumber}.`;
  const d = trigger.deployment;
  const link = d.url ? `[deployment ${d.id}](${d.url})` : `deployment ${d.id}`;
  return `${link} of ${d.environment} (created by @${d.creator}) ended in \`${d.state}\`${d.description ? `: "${d.description}"` : ""}. Lockstep opened this rollback to the last successful deploy because \`bot.rollbackOnFailure\` is true in .github/lockstep.yml.`;
}
function policyLines(plan) {
  const { verdict, violations } = plan.evaluation;
  const lines = [];
  if (verdict) {
    lines.push(`Lockstep's verdict on this change: **${verdict.verdict}**: ${verdict.reason}.`);
    if (verdict.verdict === "needs-approval" && verdict.approvals)
      lines.push(
        `It needs ${verdict.approvals.required} approving review(s) on its head commit from ${verdict.approvals.approvers.join(", ")} (\`lockstep/approval\`) before the deploy workflow deploys it.`
      );
  }
  if (violations.length) {
    lines.push(
      "",
      "`lockstep/policy` will fail on this pull request, and the deploy workflow will refuse it, while these remain:",
      "```",
      ...violations.map(formatDiagnostic),
      "```"
    );
  }
  return lines.join("\n");
}
function forcedSection(plan, forced) {
  const env = plan.environment;
  const frozen = plan.evaluation.candidate?.channel === "frozen" ? ` (${env}'s frozen channel allows none: change the channel too)` : "";
  return [
    "### Forced past enforced advisories",
    `@${forced.by}, a listed approver of ${env}, forced this rollback with \`--force\` although ${plan.to.tag} carries versions affected by advisories ${env} enforces now:`,
    ...advisoryLines(forced.advisories),
    "",
    `**It cannot deploy as it is.** Lockstep never deploys a version affected by an enforced advisory that is not waived: \`lockstep/policy\` fails on this pull request (the affected versions, and drift: compile would patch them) and the deploy workflow refuses it. A waiver is recorded in the manifest, so a waived manifest is no longer byte-identical to ${plan.to.tag}'s and Lockstep judges it as an ordinary change (usually downgrades), which the hold blocks. To run these versions anyway, edit this pull request: add a waiver per advisory to \`security.waivers\` (advisory, until, reason, approvedBy), pin the rolled-back versions, remove \`hold\`, run \`lockstep compile ${env}\` and commit; the change then needs what ${env}'s channel requires${frozen}. Otherwise roll back to a tag these advisories do not affect (\`/lockstep rollback ${env} to <tag>\`), or fix forward.`
  ];
}
function commitMessage(plan, trigger, forced) {
  const trailers = [
    `Lockstep-Rollback-From: ${plan.from.tag}`,
    `Lockstep-Rollback-To: ${plan.to.tag}`,
    `Lockstep-Rollback-Digest: ${plan.to.digest}`,
    trigger.kind === "command" ? `Lockstep-Requested-By: ${trigger.by}` : `Lockstep-Failed-Deployment: ${trigger.deployment.id}`,
    ...forced ? [
      `Lockstep-Forced-By: ${forced.by}`,
      `Lockstep-Forced-Advisories: ${[...new Set(forced.advisories.map((a) => a.advisory.id))].join(", ")}`
    ] : []
  ];
  return `${rollbackTitle(plan)}

${plan.hold.reason}.

${trailers.join("\n")}
`;
}

// bot/rollback/write-rollback.ts
function rollbackBranch(environment2) {
  return `lockstep/rollback/${environment2}`;
}
var ROLLBACK_LABEL = "rollback";
async function writeRollback(ctx, plan, trigger, forced) {
  const branch = rollbackBranch(plan.environment);
  const { changed } = await commitToBranch(ctx.octokit, ctx.coordinates, {
    branch,
    base: plan.base.commit,
    files: { [plan.configPath]: plan.files.config, [plan.manifestPath]: plan.files.manifest },
    message: commitMessage(plan, trigger, forced)
  });
  const pull = await upsertPull(ctx.octokit, ctx.coordinates, {
    branch,
    base: ctx.defaultBranch,
    title: rollbackTitle(plan),
    body: rollbackBody(plan, trigger, forced),
    labels: [ROLLBACK_LABEL]
  });
  if (forced && trigger.kind === "command") {
    const marker = `<!-- lockstep:rollback-forced:${trigger.commentId} -->`;
    await upsertMarkedComment(
      ctx.octokit,
      ctx.coordinates,
      pull.number,
      marker,
      [
        marker,
        `@${forced.by} forced this rollback of ${plan.environment} to ${plan.to.tag} with [\`${trigger.command}\`](${trigger.url}) on ${ctx.now.toISOString().slice(0, 10)}.`,
        "",
        ...forcedSection(plan, forced).slice(1)
      ].join("\n")
    );
  }
  return { number: pull.number, url: pull.url, created: pull.created, changed };
}

// bot/rollback/rollback-command.ts
async function rollbackCommand(ctx, command, source) {
  const env = command.environment;
  const answer = (text) => reply(ctx, source, command.text, text);
  const trigger = {
    kind: "command",
    by: source.author,
    command: command.text,
    commentId: source.commentId,
    url: source.commentUrl,
    issueNumber: source.issueNumber,
    where: `${ctx.coordinates.owner}/${ctx.coordinates.repo}#${source.issueNumber}`
  };
  let plan;
  try {
    plan = await planRollback(ctx, {
      environment: env,
      choice: command.to === void 0 ? { kind: "previous" } : { kind: "named", to: command.to },
      holdReason: (tags) => holdReason(trigger, tags)
    });
  } catch (error) {
    if (!(error instanceof LockstepError)) throw error;
    await answer(`Sorry, I did not roll back ${env}: ${refusalOf(error)} Nothing was changed.`);
    return;
  }
  let forced;
  if (plan.affected.length) {
    const refusal2 = await forceRefusal(ctx, plan, command, source.author);
    if (refusal2) {
      await answer(refusal2);
      return;
    }
    forced = { by: source.author, advisories: plan.affected };
  }
  const written = await writeRollback(ctx, plan, trigger, forced);
  await answer(doneText(plan, written, forced, command.force));
}
function refusalOf(error) {
  if (!error.diagnostics.length) return `${error.message}.`;
  return [
    `the repository has input errors; fix them first:`,
    "```",
    ...error.diagnostics.map(formatDiagnostic),
    "```"
  ].join("\n");
}
async function forceRefusal(ctx, plan, command, author) {
  const env = plan.environment;
  const approvers = plan.approvers;
  const listed = approvers.length ? `(\`approvals.approvers\`: ${approvers.join(", ")})` : "";
  const head = [
    `Sorry, I did not roll back ${env} to ${plan.to.tag}: its manifest carries versions affected by advisories ${env} enforces now:`,
    ...advisoryLines(plan.affected),
    ""
  ];
  if (command.force && await isListed(ctx, author, approvers)) return void 0;
  if (!approvers.length)
    return [
      ...head,
      `Only a listed approver of ${env} may force such a rollback, and ${env} lists none (\`approvals.approvers\` in ${plan.configPath}). Roll back to a tag these advisories do not affect (\`/lockstep rollback ${env} to <tag>\`), or fix forward. Nothing was changed.`
    ].join("\n");
  if (!command.force)
    return [
      ...head,
      `Lockstep refuses such a rollback unless a listed approver of ${env} ${listed} asks for it with \`--force\`: \`/lockstep rollback ${env} to ${plan.to.tag} --force\`. Even then it will not deploy until the advisories are dealt with; the pull request would say how. Otherwise roll back to a tag they do not affect, or fix forward. Nothing was changed.`
    ].join("\n");
  return [
    ...head,
    `\`--force\` is for the listed approvers of ${env} ${listed}, and @${author} is not one of them. Ask one of them to run the command. Nothing was changed.`
  ].join("\n");
}
function doneText(plan, written, forced, force) {
  const { environment: env, from, to } = plan;
  const pr = `#${written.number}`;
  const what = from.tag === to.tag ? `rolls ${env} back to ${to.tag}, its last deploy` : `rolls ${env} back from ${from.tag} to ${to.tag}`;
  const opening = written.created ? `Opened ${pr}: it ${what}` : written.changed ? `Updated ${pr}, the open rollback pull request of ${env}: it now ${what}` : `${pr}, the open rollback pull request of ${env}, already ${what}`;
  const { verdict, violations } = plan.evaluation;
  const lines = [
    `${opening} (\`${to.digest}\`, commit \`${to.commit.slice(0, 7)}\`). It restores \`${plan.configPath}\` and \`${plan.manifestPath}\` exactly as at ${to.tag}, verified against the tag's digest and the manifest of its release, and sets \`hold\` so automation does not undo it.`
  ];
  if (verdict) {
    const approvals = verdict.verdict === "needs-approval" && verdict.approvals ? ` It needs ${verdict.approvals.required} approval(s) from ${verdict.approvals.approvers.join(", ")}.` : "";
    lines.push(`Verdict: **${verdict.verdict}**: ${verdict.reason}.${approvals}`);
  }
  if (forced) {
    const ids = [...new Set(forced.advisories.map((a) => a.advisory.id))].join(", ");
    lines.push(
      `Forced by @${forced.by} past ${ids}: this is recorded on ${pr}. It will not deploy as it is: \`lockstep/policy\` fails until the advisories are waived; ${pr} explains what to do.`
    );
  } else if (violations.length) {
    lines.push(
      `Note: \`lockstep/policy\` will fail on ${pr} while this remains: ${violations.map((v) => v.message).join("; ")}.`
    );
  } else {
    lines.push(`Merging ${pr} redeploys that manifest through the normal deploy workflow.`);
  }
  if (force && !forced)
    lines.push(`(\`--force\` was not needed: no advisory ${env} enforces affects ${to.tag}.)`);
  return lines.join("\n\n");
}

// bot/commands/parse-command.ts
var USAGE = [
  "`/lockstep rollback <env> [to <tag>] [--force]`",
  "`/lockstep freeze <env> [reason]`",
  "`/lockstep unfreeze <env>`"
].join(", ");
var ENV = /^[a-z0-9][a-z0-9-]*$/;
function parseCommand(body) {
  const line = body.split(/\r?\n/).map((l) => l.trim()).find((l) => /^\/lockstep(\s|$)/.test(l));
  if (line === void 0) return void 0;
  const words = line.split(/\s+/).slice(1);
  const [verb, environment2, ...rest] = words;
  const invalid2 = (problem) => ({ verb: "invalid", problem, text: line });
  if (verb === void 0) return invalid2(`say what to do: ${USAGE}`);
  if (!["rollback", "freeze", "unfreeze"].includes(verb)) {
    return invalid2(`"${verb}" is not a Lockstep command; the commands are ${USAGE}`);
  }
  if (environment2 === void 0) return invalid2(`name the environment: ${USAGE}`);
  if (!ENV.test(environment2)) {
    return invalid2(`"${environment2}" is not an environment name (lower-case letters, digits and dashes)`);
  }
  if (verb === "freeze") return { verb, environment: environment2, reason: rest.join(" "), text: line };
  if (verb === "unfreeze") {
    return rest.length ? invalid2(`\`/lockstep unfreeze\` takes only the environment; remove "${rest.join(" ")}"`) : { verb, environment: environment2, text: line };
  }
  let force = false;
  let to;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    if (word === "--force") force = true;
    else if (word === "to" && rest[i + 1] !== void 0 && to === void 0) to = rest[++i];
    else
      return invalid2(
        `unexpected "${word}" in rollback; the form is \`/lockstep rollback <env> [to <tag>] [--force]\``
      );
  }
  return { verb: "rollback", environment: environment2, ...to === void 0 ? {} : { to }, force, text: line };
}

// bot/commands/run-command.ts
async function runCommand(ctx, event) {
  if (event.comment.authorType === "Bot") return;
  const command = parseCommand(event.comment.body);
  if (!command) return;
  const source = {
    issueNumber: event.issueNumber,
    commentId: event.comment.id,
    commentUrl: event.comment.url,
    author: event.comment.author
  };
  if (command.verb === "invalid") {
    await reply(ctx, source, command.text, `Nothing was changed: ${command.problem}.`);
    return;
  }
  const auth = await authorizeCommander(ctx, source.author);
  if (!auth.allowed) {
    await reply(
      ctx,
      source,
      command.text,
      `Sorry, only users with write access to this repository, or listed in \`bot.commanders\` of .github/lockstep.yml, may use \`/lockstep ${command.verb}\`: ${auth.because}. Nothing was changed.`
    );
    return;
  }
  if (command.verb === "rollback") await rollbackCommand(ctx, command, source);
  else await freezeCommand(ctx, command, source);
  if (ctx.settings.bot.dashboard)
    await updateDashboard(ctx, `/lockstep ${command.verb} by @${source.author}`);
}

// bot/security/security-marker.ts
var SECURITY_BRANCH_PREFIX = "lockstep/security/";
function securityBranch(environment2) {
  return `${SECURITY_BRANCH_PREFIX}${environment2}`;
}
var MARKER = /<!-- lockstep:security (\{.*?\}) -->/;
function markerLine(marker) {
  const json = JSON.stringify(marker).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  return `<!-- lockstep:security ${json} -->`;
}
function parseMarker(body) {
  const m = MARKER.exec(body);
  if (!m?.[1]) return void 0;
  try {
    const data = JSON.parse(m[1]);
    if (typeof data.environment !== "string" || typeof data.digest !== "string") return void 0;
    return {
      environment: data.environment,
      digest: data.digest,
      onMain: typeof data.onMain === "string" ? data.onMain : "",
      base: typeof data.base === "string" ? data.base : "",
      advisories: Array.isArray(data.advisories) ? data.advisories.filter((a) => typeof a === "string") : [],
      trigger: typeof data.trigger === "string" ? data.trigger : "",
      // Unknown means the stricter rule: merge only with lockstep/approval green.
      verdict: data.verdict === "allowed" || data.verdict === "blocked" ? data.verdict : "needs-approval"
    };
  } catch {
    return void 0;
  }
}
function commitMessage2(title, facts, advisories) {
  return [
    title,
    "",
    `Recompiled by Lockstep for ${advisories.join(", ")}.`,
    "",
    `Lockstep-Security: ${facts.environment}`,
    `Lockstep-Manifest-Digest: ${facts.digest}`,
    `Lockstep-On-Main: ${facts.onMain}`
  ].join("\n");
}
function commitFacts(message) {
  const trailer = (name) => new RegExp(`^${name}: (\\S+)$`, "m").exec(message)?.[1];
  const environment2 = trailer("Lockstep-Security");
  const digest = trailer("Lockstep-Manifest-Digest");
  const onMain = trailer("Lockstep-On-Main");
  return environment2 && digest && onMain ? { environment: environment2, digest, onMain } : void 0;
}

// bot/security/close-security-pull.ts
var CLOSED_MARKER = "<!-- lockstep:security-closed -->";
function noLongerNeeded(pull, entry, catalog2, now, assessment, defaultBranch) {
  const env = pull.environment;
  if (!entry) return `environment ${env} no longer exists on \`${defaultBranch}\`.`;
  const policy = securityPolicy(entry.config, catalog2, now);
  const enforce = entry.config.security?.enforce ?? "critical";
  const reasons = [];
  let explained = true;
  for (const id of pull.marker?.advisories ?? []) {
    const advisory = catalog2.advisories.find((a) => a.id === id);
    const waived = policy.waived.find((w) => w.advisory.id === id);
    if (!advisory) reasons.push(`${id} was withdrawn from the catalog`);
    else if (waived)
      reasons.push(
        `${id} is waived in ${env} until ${waived.waiver.until} (approved by ${waived.waiver.approvedBy}: ${waived.waiver.reason})`
      );
    else if (!policy.enforced.includes(advisory))
      reasons.push(`${id} (${advisory.severity}) is below ${env}'s \`security.enforce: ${enforce}\``);
    else explained = false;
  }
  if (!explained || reasons.length === 0)
    reasons.push(
      assessment === "up to date" ? `\`${defaultBranch}\` already has the manifest compile gives for ${env} (the fix was merged)` : `compile at \`${defaultBranch}\` no longer patches anything in ${env} (${assessment})`
    );
  return `${reasons.join("; ")}.`;
}
async function closeSecurityPull(ctx, pull, reason, trigger) {
  const { owner, repo } = ctx.coordinates;
  const body = [
    CLOSED_MARKER,
    `Lockstep closed this pull request after ${trigger}: it is no longer needed because ${reason}`,
    "",
    `The branch \`${securityBranch(pull.environment)}\` is deleted with it. If an enforced advisory affects ${pull.environment} again, Lockstep opens a new security pull request.`
  ].join("\n");
  await upsertMarkedComment(ctx.octokit, ctx.coordinates, pull.number, CLOSED_MARKER, body);
  await ctx.octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, state: "closed" });
  await deleteBranch(ctx, pull.environment);
}
async function deleteBranch(ctx, environment2) {
  const { owner, repo } = ctx.coordinates;
  try {
    await ctx.octokit.rest.git.deleteRef({ owner, repo, ref: `heads/${securityBranch(environment2)}` });
  } catch (error) {
    const status = statusOf(error);
    if (status !== 422 && status !== 404) throw error;
  }
}

// bot/security/map-limit.ts
async function mapLimit(items, limit, run) {
  const results = new Array(items.length);
  const errors = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await run(items[index], index);
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  if (errors.length) throw errors[0];
  return results;
}

// src/github/upsert-check-run.ts
async function upsertCheckRun(octokit, { owner, repo }, input) {
  const { sha, name, appId, conclusion, output } = input;
  const { data } = await octokit.rest.checks.listForRef({
    owner,
    repo,
    ref: sha,
    check_name: name,
    filter: "all",
    per_page: 100,
    ...appId !== void 0 ? { app_id: appId } : {}
  });
  const existing = data.check_runs.filter((r) => appId === void 0 || r.app?.id === appId).sort((a, b) => b.id - a.id)[0];
  if (!existing) {
    await octokit.rest.checks.create({
      owner,
      repo,
      name,
      head_sha: sha,
      status: "completed",
      conclusion,
      output
    });
    return "created";
  }
  if (existing.conclusion === conclusion && existing.output.title === output.title && existing.output.summary === output.summary)
    return "unchanged";
  await octokit.rest.checks.update({
    owner,
    repo,
    check_run_id: existing.id,
    status: "completed",
    conclusion,
    output
  });
  return "updated";
}

// bot/security/report-sync-problems.ts
var SECURITY_CHECK = "lockstep/security";
var MAX_ANNOTATIONS = 50;
async function reportSyncProblems(ctx, commit, input) {
  const diagnostics = sortDiagnostics(input.diagnostics);
  const lines = diagnostics.map((d) => `- \`${formatDiagnostic(d)}\``);
  const title = input.scope === "all" ? "Security PRs not synced: invalid Lockstep files" : `Security PRs not synced for ${diagnostics.length} problem(s)`;
  const summary = [
    input.scope === "all" ? `Lockstep checked the catalog after ${input.trigger} and found errors in the files at \`${ctx.defaultBranch}\` ${commit.slice(0, 7)}. It opened, updated and closed no security pull request; the open ones stay as they are.` : `Lockstep synced the security pull requests after ${input.trigger}, except for the environments below, whose compile failed; their open security pull requests stay as they are.`,
    "",
    ...lines,
    "",
    "Fix the files (the annotations point at each line) and push to the default branch: the next push or `repository_dispatch` of type `lockstep-catalog` syncs again."
  ].join("\n");
  const output = {
    title,
    summary,
    annotations: diagnostics.filter((d) => d.file !== "").slice(0, MAX_ANNOTATIONS).map((d) => ({
      path: d.file,
      start_line: Math.max(1, d.line),
      end_line: Math.max(1, d.line),
      annotation_level: "failure",
      message: d.message,
      ...d.field ? { title: d.field } : {}
    }))
  };
  await upsertCheckRun(ctx.octokit, ctx.coordinates, {
    sha: commit,
    name: SECURITY_CHECK,
    appId: await ownAppId(ctx),
    conclusion: "failure",
    output
  });
  ctx.log("warn", `${title} (${input.trigger}): ${diagnostics.map(formatDiagnostic).join("; ")}`);
}

// bot/security/security-needs.ts
import { createHash as createHash3 } from "node:crypto";
import semver4 from "semver";
function assessEnvironment(entry, catalog2, now) {
  if (!entry.manifest || !entry.manifestSource) return { kind: "none", why: "no committed manifest" };
  let compiled;
  try {
    compiled = compileEnvironment(entry, catalog2, now);
  } catch (error) {
    if (error instanceof LockstepError && error.diagnostics.length)
      return { kind: "problem", diagnostics: error.diagnostics };
    throw error;
  }
  if (compiled.text === entry.manifestSource.text) return { kind: "none", why: "up to date" };
  const enforced = new Set(compiled.policy.enforced);
  const before = entry.manifest.security.patches;
  const fresh = compiled.manifest.security.patches.filter(
    (p) => !before.some(
      (b) => b.advisory === p.advisory && b.item === p.item && b.from === p.from && b.to === p.to
    )
  );
  const change = classifyChange(entry.manifest, compiled.manifest);
  const fixes = [];
  const others = [];
  for (const c of change.changes) {
    const hits = affecting(catalog2, enforced, c.item, c.from);
    const record = fresh.find((p) => p.item === c.item && p.to === c.to);
    const recordAdvisory = record && catalog2.advisories.find((a) => a.id === record.advisory);
    const advisories = hits.length ? hits : recordAdvisory ? [recordAdvisory] : [];
    if (advisories.length === 0) {
      others.push(c);
      continue;
    }
    fixes.push({
      item: c.item,
      from: c.from,
      to: c.to,
      advisories: advisories.map((a) => fact(catalog2, a, a.item === c.item ? c.from : null)),
      ...record ? { record } : {}
    });
  }
  if (fixes.length === 0) return { kind: "none", why: "the difference holds no security fix" };
  const severities = fixes.flatMap((f) => [
    ...f.advisories.map((a) => a.severity),
    ...f.record ? [f.record.severity] : []
  ]);
  const verdict = decideVerdict(
    entry.config,
    { channel: entry.config.channel, freeze: compiled.freeze },
    change
  );
  return {
    kind: "needed",
    need: {
      environment: entry.name,
      manifestPath: entry.manifestPath,
      text: compiled.text,
      digest: compiled.manifest.digest,
      onMain: fingerprint2(entry.manifestSource.text),
      channel: entry.config.channel,
      enforce: entry.config.security?.enforce ?? "critical",
      fixes,
      others,
      severity: highest2(severities),
      advisories: [...new Set(fixes.flatMap((f) => f.advisories.map((a) => a.id)))].sort(),
      verdict,
      waived: compiled.policy.waiversInForce.map((w) => ({
        advisory: w.advisory,
        until: w.until,
        approvedBy: w.approvedBy,
        reason: w.reason
      }))
    }
  };
}
function fingerprint2(text) {
  return createHash3("sha256").update(text).digest("hex").slice(0, 16);
}
function highest2(severities) {
  return SEVERITIES[Math.max(0, ...severities.map((s) => SEVERITIES.indexOf(s)))] ?? "low";
}
function affecting(catalog2, enforced, item, version) {
  const release = version === null ? void 0 : releaseAt(catalog2, item, version);
  if (!release) return [];
  return (catalog2.advisoriesByItem.get(item) ?? []).filter(
    (a) => enforced.has(a) && catalog2.ranges.test(a.affected, release.sv)
  );
}
function fact(catalog2, a, from) {
  const fixedIn = releasesOf(catalog2, a.item).filter(
    (r) => !r.yanked && (from === null || !semver4.valid(from) || semver4.gt(r.version, from)) && !catalog2.ranges.test(a.affected, r.sv)
  ).at(-1)?.version;
  return {
    id: a.id,
    severity: a.severity,
    summary: a.summary,
    affected: a.affected,
    ...a.url ? { url: a.url } : {},
    ...fixedIn ? { fixedIn } : {}
  };
}

// bot/security/security-state.ts
var BRANCH_REFS = `refs/heads/${SECURITY_BRANCH_PREFIX}`;
async function readSecurityState(ctx) {
  const { owner, repo } = ctx.coordinates;
  const [snapshot, open] = await Promise.all([
    readRepositorySnapshot(ctx, ctx.defaultBranch, [BRANCH_REFS]),
    ctx.octokit.paginate(ctx.octokit.rest.pulls.list, {
      owner,
      repo,
      state: "open",
      base: ctx.defaultBranch,
      per_page: 100
    })
  ]);
  let loaded;
  try {
    loaded = await loadRepository(snapshot.reader, ctx.validators);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    loaded = error;
  }
  const refs = snapshot.records.get(BRANCH_REFS);
  const branches = refs && new Map(refs.map((r) => [r.name, { commit: r.commit, facts: commitFacts(r.message) }]));
  const pulls = /* @__PURE__ */ new Map();
  for (const p of open) {
    if (!p.head.ref.startsWith(SECURITY_BRANCH_PREFIX) || p.user?.type !== "Bot") continue;
    if (p.head.repo?.full_name?.toLowerCase() !== `${owner}/${repo}`.toLowerCase()) continue;
    const environment2 = p.head.ref.slice(SECURITY_BRANCH_PREFIX.length);
    pulls.set(environment2, {
      environment: environment2,
      number: p.number,
      url: p.html_url,
      nodeId: p.node_id,
      headSha: p.head.sha,
      title: p.title,
      body: p.body ?? "",
      labels: p.labels.map((l) => l.name ?? "").filter(Boolean),
      autoMerge: p.auto_merge !== null && p.auto_merge !== void 0,
      marker: parseMarker(p.body ?? "")
    });
  }
  return { commit: snapshot.commit, tree: snapshot.tree, repo: loaded, branches, pulls };
}

// bot/security/auto-merge.ts
var AUTO_MERGE_FALLBACK_MARKER = "<!-- lockstep:security-auto-merge-fallback -->";
var ENABLE_AUTO_MERGE = `mutation LockstepEnableAutoMerge($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) {
    pullRequest { number autoMergeRequest { enabledAt mergeMethod } }
  }
}`;
var DISABLE_AUTO_MERGE = `mutation LockstepDisableAutoMerge($pullRequestId: ID!) {
  disablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId }) {
    pullRequest { number }
  }
}`;
function graphqlErrors(error) {
  if (typeof error !== "object" || error === null || !("errors" in error)) return void 0;
  const errors = error.errors;
  if (!Array.isArray(errors)) return void 0;
  return errors.map((e) => ({
    ...typeof e.type === "string" ? { type: e.type } : {},
    message: typeof e.message === "string" ? e.message : String(e.message)
  }));
}
async function enableAutoMerge(ctx, pull, trigger) {
  try {
    await ctx.octokit.graphql(ENABLE_AUTO_MERGE, { pullRequestId: pull.nodeId, mergeMethod: "SQUASH" });
    return "enabled";
  } catch (error) {
    const errors = graphqlErrors(error);
    if (!errors) throw error;
    const said = errors.map((e) => `"${e.message}"${e.type ? ` (${e.type})` : ""}`).join("; ");
    const body = [
      AUTO_MERGE_FALLBACK_MARKER,
      `Lockstep asked GitHub to enable auto-merge on this pull request (\`securityMerge: auto-merge\` in \`.github/lockstep.yml\`, after ${trigger}), and GitHub refused: ${said}.`,
      "",
      "Lockstep falls back to `when-green`: it merges this pull request itself once every check run and commit status on its head commit is green, `lockstep/policy` included.",
      'To let GitHub merge it instead, allow auto-merge in the repository settings (Settings, General, Pull Requests, "Allow auto-merge"); Lockstep enables it at the next catalog change.'
    ].join("\n");
    await upsertMarkedComment(ctx.octokit, ctx.coordinates, pull.number, AUTO_MERGE_FALLBACK_MARKER, body);
    ctx.log("warn", `security PR #${pull.number}: auto-merge refused (${said}); merging when green instead`);
    return "fallback";
  }
}
async function hasAutoMergeFallback(ctx, number) {
  const found = await findMarkedComments(ctx.octokit, ctx.coordinates, number, AUTO_MERGE_FALLBACK_MARKER);
  return found.length > 0;
}
async function disableAutoMerge(ctx, pull) {
  await ctx.octokit.graphql(DISABLE_AUTO_MERGE, { pullRequestId: pull.nodeId });
  ctx.log("info", `security PR #${pull.number}: auto-merge disabled, the change now needs approvals`);
}

// bot/security/security-pull-text.ts
function itemLabel(item) {
  if (item === "platform") return "platform";
  return item.startsWith("suite:") ? `suite ${item.slice(6)}` : item.slice(item.indexOf(":") + 1);
}
function move(fix) {
  return `${itemLabel(fix.item)} ${fix.from ?? "(none)"} -> ${fix.to ?? "(removed)"}`;
}
function pullTitle(need) {
  const shown = need.fixes.slice(0, 2).map(move).join(", ");
  const more = need.fixes.length > 2 ? ` and ${need.fixes.length - 2} more` : "";
  return `Security: patch ${shown}${more} in ${need.environment} (${need.advisories.join(", ")}, ${need.severity})`;
}
function pullLabels(need) {
  return ["security", need.severity];
}
var cell = (text) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
function advisoryCell(a) {
  const id = a.url ? `[${a.id}](${a.url})` : a.id;
  return cell(`${id}: ${a.summary}`);
}
function fixRows(fixes) {
  return fixes.flatMap(
    (f) => f.advisories.map(
      (a) => `| ${cell(itemLabel(f.item))} | ${f.from ?? "-"} | ${f.to ?? "-"} | ${advisoryCell(a)} | ${a.severity} | \`${cell(a.affected)}\` | ${a.fixedIn ?? "-"} |`
    )
  );
}
function overrideLines(need) {
  const enforce = `${need.environment} enforces advisories of severity ${need.enforce} and above (\`security.enforce\`)`;
  return need.fixes.map((f) => {
    const r = f.record;
    if (!r)
      return `- **${itemLabel(f.item)}**: overrides nothing. ${enforce}; compile reaches ${f.to ?? "its removal"} by ordinary resolution within the pins and channel.`;
    const what = r.overrides.length ? r.overrides.map((o) => `\`${o}\``).join(", ") : "nothing";
    const reason = r.reason ? ` (${r.reason})` : "";
    return `- **${itemLabel(f.item)}**: overrides ${what}. ${enforce}, and an enforced advisory is patched whatever the pins, channel or freezes say; the manifest records the patch (${r.advisory}: ${r.from ?? "(none)"} -> ${r.to ?? "(removed)"}${reason}).`;
  });
}
function mergeLines(need, mode) {
  const v = need.verdict;
  const policy = v.verdict === "allowed" ? `- Policy: **allowed** without approvals (${v.reason}); \`lockstep/policy\` checks it on this PR.` : v.verdict === "needs-approval" ? `- Policy: **needs approval** (${v.reason})${v.approvals ? ` from ${v.approvals.approvers.join(", ")}` : ""}: \`lockstep/approval\` stays pending until then, so this PR does not merge on its own before.` : `- Policy: **blocked** (${v.reason}): a person has to look at ${need.environment} before this can merge.`;
  const approved = v.verdict === "allowed" ? "" : " once `lockstep/approval` is green too";
  const how = mode === "manual" ? "- `securityMerge: manual`: a person merges this PR; Lockstep does not." : v.verdict === "blocked" ? `- \`securityMerge: ${mode}\`: Lockstep does not merge a blocked change.` : mode === "auto-merge" && v.verdict === "allowed" ? "- `securityMerge: auto-merge`: Lockstep enables GitHub auto-merge (squash), and GitHub merges once branch protection is satisfied. If the repository does not allow auto-merge, Lockstep says so in a comment and merges it itself when every check is green." : `- \`securityMerge: ${mode}\`: Lockstep merges this PR itself${approved}, when every check run and commit status on its head commit is green, \`lockstep/policy\` included.`;
  return [policy, how];
}
function pullBody(need, marker, settings2, defaultBranch) {
  const lines = [
    markerLine(marker),
    `**Security patch for \`${need.environment}\`** (${need.severity})`,
    "",
    `\`${need.manifestPath}\` recompiled at \`${defaultBranch}\` ${marker.base.slice(0, 7)}: an enforced advisory affects what ${need.environment} runs there. The file is exactly what \`lockstep compile ${need.environment}\` gives.`,
    "",
    `| Item | On \`${defaultBranch}\` | In this PR | Advisory | Severity | Affected | Fixed in |`,
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...fixRows(need.fixes),
    "",
    "### What it overrides, and why",
    ...overrideLines(need)
  ];
  if (need.waived.length) {
    lines.push(
      "",
      `Waived in ${need.environment}, so not patched here: ${need.waived.map((w) => `${w.advisory} until ${w.until} (approved by ${w.approvedBy}: ${w.reason})`).join("; ")}.`
    );
  }
  if (need.others.length) {
    lines.push(
      "",
      "### Other changes in this manifest",
      `Compile gives one manifest, so it also brings changes that are not security fixes (${need.channel} channel); the policy judges them as usual:`,
      "",
      "| Item | From | To | Class | Why |",
      "| --- | --- | --- | --- | --- |",
      ...need.others.map(
        (c) => `| ${cell(itemLabel(c.item))} | ${c.from ?? "-"} | ${c.to ?? "-"} | ${c.class} | ${cell(c.why)} |`
      )
    );
  }
  lines.push(
    "",
    "### How it merges",
    ...mergeLines(need, settings2.bot.securityMerge),
    "",
    "### Why this PR exists",
    `Lockstep wrote it after ${marker.trigger}. It keeps one security PR per environment on \`${securityBranch(need.environment)}\`: a later catalog change updates this PR (the branch is force-moved, so do not push to it), and when ${need.environment} no longer needs it (advisory withdrawn or waived, or the fix merged another way) Lockstep closes it with a comment. To hold the patch back, add a waiver to ${need.environment}'s config (\`security.waivers\`, with \`until\` and \`approvedBy\`).`
  );
  return lines.join("\n");
}

// bot/security/write-security-pull.ts
async function writeSecurityPull(ctx, state, need, trigger) {
  const { owner, repo } = ctx.coordinates;
  const env = need.environment;
  const branchName = securityBranch(env);
  const pull = state.pulls.get(env);
  const branch = state.branches?.get(env);
  const holds = (facts) => facts?.digest === need.digest && facts.onMain === need.onMain;
  const branchCurrent = state.branches ? holds(branch?.facts) : holds(pull?.marker);
  const pullCurrent = pull !== void 0 && holds(pull.marker) && branchCurrent;
  if (!branchCurrent) {
    await commitToBranch(ctx.octokit, ctx.coordinates, {
      branch: branchName,
      base: state.commit,
      files: { [need.manifestPath]: need.text },
      message: commitMessage2(
        pullTitle(need),
        { environment: env, digest: need.digest, onMain: need.onMain },
        need.advisories
      ),
      ...state.branches ? { known: { baseTree: state.tree, head: branch?.commit ?? null } } : {}
    });
  }
  const fresh = {
    environment: env,
    digest: need.digest,
    onMain: need.onMain,
    base: state.commit,
    advisories: need.advisories,
    trigger,
    verdict: need.verdict.verdict
  };
  const kept = pullCurrent && pull.marker ? { ...pull.marker, advisories: need.advisories, verdict: need.verdict.verdict } : void 0;
  let marker = kept ?? fresh;
  const title = pullTitle(need);
  let body = pullBody(need, marker, ctx.settings, ctx.defaultBranch);
  if (kept && pull && (body !== pull.body || title !== pull.title)) {
    marker = { ...kept, trigger };
    body = pullBody(need, marker, ctx.settings, ctx.defaultBranch);
  }
  const labels = pullLabels(need);
  const result = await upsertPull(
    ctx.octokit,
    ctx.coordinates,
    { branch: branchName, base: ctx.defaultBranch, title, body, labels },
    { existing: pull }
  );
  const stale = (pull?.labels ?? []).filter(
    (l) => SEVERITIES.includes(l) && !labels.includes(l)
  );
  await Promise.all(
    stale.map(async (name) => {
      try {
        await ctx.octokit.rest.issues.removeLabel({ owner, repo, issue_number: result.number, name });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    })
  );
  if (ctx.settings.bot.securityMerge === "auto-merge") {
    const allowed = need.verdict.verdict === "allowed";
    if (allowed && !pull?.autoMerge)
      await enableAutoMerge(ctx, { number: result.number, nodeId: result.nodeId }, trigger);
    if (!allowed && pull?.autoMerge)
      await disableAutoMerge(ctx, { number: result.number, nodeId: result.nodeId });
  }
  const action = result.created ? "opened" : branchCurrent && pull?.body === body && pull.title === title && stale.length === 0 ? "unchanged" : "updated";
  return { number: result.number, url: result.url, action };
}

// bot/security/sync-security-pulls.ts
var CONCURRENCY = 50;
async function syncSecurityPulls(ctx, trigger) {
  const state = await readSecurityState(ctx);
  if (state.repo instanceof InputError) {
    await reportSyncProblems(ctx, state.commit, {
      trigger,
      scope: "all",
      diagnostics: state.repo.diagnostics
    });
    return;
  }
  const repo = state.repo;
  const assessments = /* @__PURE__ */ new Map();
  for (const entry of repo.environments.values())
    assessments.set(entry.name, assessEnvironment(entry, repo.catalog, ctx.now));
  const tasks = [];
  const problems = [];
  for (const [env, assessment] of assessments) {
    if (assessment.kind === "problem") problems.push(...assessment.diagnostics);
    if (assessment.kind === "needed")
      tasks.push({
        env,
        run: async () => {
          const out = await writeSecurityPull(ctx, state, assessment.need, trigger);
          return out.action === "unchanged" ? void 0 : `${out.action} #${out.number} (${env})`;
        }
      });
  }
  for (const [env, pull] of state.pulls) {
    const assessment = assessments.get(env);
    if (assessment?.kind === "needed" || assessment?.kind === "problem") continue;
    const reason = noLongerNeeded(
      pull,
      repo.environments.get(env),
      repo.catalog,
      ctx.now,
      assessment?.why ?? "no such environment",
      ctx.defaultBranch
    );
    tasks.push({
      env,
      run: async () => {
        await closeSecurityPull(ctx, pull, reason, trigger);
        return `closed #${pull.number} (${env})`;
      }
    });
  }
  for (const [env, branch] of state.branches ?? []) {
    const assessment = assessments.get(env);
    if (state.pulls.has(env) || !branch.facts || assessment?.kind === "needed" || assessment?.kind === "problem")
      continue;
    tasks.push({
      env,
      run: async () => {
        await deleteBranch(ctx, env);
        return `deleted branch of ${env}`;
      }
    });
  }
  if (problems.length)
    await reportSyncProblems(ctx, state.commit, { trigger, scope: "some", diagnostics: problems });
  const done = await mapLimit(tasks, CONCURRENCY, (task) => task.run());
  const changes = done.filter((d) => d !== void 0);
  ctx.log(
    "info",
    `security sync after ${trigger} at ${state.commit.slice(0, 7)}: ${changes.length ? changes.join(", ") : "nothing to change"}`
  );
}

// bot/on-push.ts
async function onPush(ctx, push) {
  if (push.ref !== `refs/heads/${ctx.defaultBranch}` || push.deleted) return;
  const changed = push.commits.length >= 20 ? [`${ctx.settings.catalogDir}/`] : push.commits.flatMap((c) => [...c.added ?? [], ...c.modified ?? [], ...c.removed ?? []]);
  const why = `push ${push.after.slice(0, 7)} by @${push.pusher}`;
  await reconcileProtection(ctx, why);
  if (touchesLockstep(ctx, changed)) await syncSecurityPulls(ctx, why);
  if (ctx.settings.bot.dashboard) await updateDashboard(ctx, why);
}

// bot/pulls/recompute-approval.ts
async function recomputeApproval(ctx, pull) {
  const appId = await ownAppId(ctx);
  if (appId === void 0) return checkPull(ctx, pull);
  const [runs, reviews] = await Promise.all([
    ownCheckRuns(ctx, pull.headSha, appId),
    ctx.port.reviews(pull.number)
  ]);
  const policy = runs.find((r) => r.name === POLICY_CHECK);
  const data = policy && readPolicyData(policy.summary, pull.headSha);
  if (!data) return checkPull(ctx, pull);
  if (data.state === "invalid") {
    ctx.log("info", `#${pull.number}: files at ${pull.headSha.slice(0, 7)} are invalid; no approval count`);
    return;
  }
  await settleApproval(
    ctx,
    pull,
    data,
    runs.filter((r) => r.name === APPROVAL_CHECK),
    reviews
  );
}

// bot/rollback/on-failed-deployment.ts
async function onFailedDeployment(ctx, event) {
  if (!ctx.settings.bot.rollbackOnFailure) return;
  const payload = lockstepPayload(event.payload);
  if (!payload || event.state !== "failure") return;
  const failed = {
    id: event.id,
    environment: event.environment,
    sha: event.sha,
    state: event.state,
    description: event.description,
    url: event.url,
    creator: event.creator ?? "unknown",
    digest: payload.digest,
    ...payload.tag ? { tag: payload.tag } : {}
  };
  const headline = failedHeadline(failed);
  const note = (text) => noteOnOrigin(ctx, failed, `${headline}

${text}`);
  if (payload.rollback) {
    await note(
      `It was itself a rollback, so Lockstep does not roll it back automatically (that would bring back what was rolled away from). Decide what ${failed.environment} should run: \`/lockstep rollback ${failed.environment} to <tag>\`.`
    );
    return;
  }
  const trigger = { kind: "failure", deployment: failed };
  let plan;
  try {
    plan = await planRollback(ctx, {
      environment: failed.environment,
      choice: { kind: "last" },
      holdReason: (tags) => holdReason(trigger, tags)
    });
  } catch (error) {
    if (!(error instanceof LockstepError)) throw error;
    await note(`Lockstep did not roll ${failed.environment} back automatically: ${refusalOf(error)}`);
    return;
  }
  if (plan.to.digest === failed.digest) {
    await note(
      `It deployed the manifest of ${plan.to.tag}, ${failed.environment}'s last successful deploy, so there is no earlier good state to roll back to automatically. Name one: \`/lockstep rollback ${failed.environment} to <tag>\`.`
    );
    return;
  }
  if (plan.affected.length) {
    await note(
      [
        `Lockstep did not roll ${failed.environment} back to ${plan.to.tag} automatically: its manifest carries versions affected by advisories ${failed.environment} enforces now:`,
        ...advisoryLines(plan.affected),
        "",
        `Only a listed approver of ${failed.environment} may force that: \`/lockstep rollback ${failed.environment} to ${plan.to.tag} --force\`. Nothing was changed.`
      ].join("\n")
    );
    return;
  }
  const written = await writeRollback(ctx, plan, trigger);
  await note(
    `Lockstep ${written.created ? "opened" : "updated"} #${written.number} to roll ${failed.environment} back to ${plan.to.tag} (\`${plan.to.digest}\`), its last successful deploy, because \`bot.rollbackOnFailure\` is true. Merging it deploys that manifest again through the normal deploy workflow (a new Deployment, no new tag).`
  );
}
function lockstepPayload(payload) {
  let value = payload;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return void 0;
    }
  }
  if (typeof value !== "object" || value === null) return void 0;
  const record = value;
  if (typeof record.digest !== "string" || !/^sha256:[a-f0-9]{64}$/.test(record.digest)) return void 0;
  return {
    digest: record.digest,
    tag: typeof record.tag === "string" ? record.tag : void 0,
    rollback: record.rollback === true
  };
}
function failedHeadline(d) {
  const link = d.url ? `[deployment ${d.id}](${d.url})` : `deployment ${d.id}`;
  return `${link} of ${d.environment} (\`${d.digest}\`${d.tag ? ` as ${d.tag}` : ""}, commit \`${d.sha.slice(0, 7)}\`, created by @${d.creator}) ended in \`${d.state}\`${d.description ? `: "${d.description}"` : ""}.`;
}
async function noteOnOrigin(ctx, d, text) {
  ctx.log("info", `lockstep: ${text.replace(/\s+/g, " ")}`);
  const pull = await ctx.port.pullForCommit(d.sha);
  if (!pull) return;
  const marker = `<!-- lockstep:failed-deployment:${d.id} -->`;
  await upsertMarkedComment(ctx.octokit, ctx.coordinates, pull.number, marker, `${marker}
${text}`);
}

// bot/security/green-checks.ts
var POLICY_CHECK2 = "lockstep/policy";
var APPROVAL_CHECK2 = "lockstep/approval";
var PASSING = /* @__PURE__ */ new Set(["success", "neutral", "skipped"]);
function judgeGreen(runs, statuses, options = { approval: false }) {
  const waiting = [];
  const failing = [];
  for (const run of runs) {
    if (run.status !== "completed") waiting.push(`${run.name} (${run.status})`);
    else if (!PASSING.has(run.conclusion ?? ""))
      failing.push(`${run.name} (${run.conclusion ?? "no conclusion"})`);
  }
  for (const status of statuses) {
    if (status.state === "pending") waiting.push(`${status.context} (pending)`);
    else if (status.state !== "success") failing.push(`${status.context} (${status.state})`);
  }
  for (const name of options.approval ? [POLICY_CHECK2, APPROVAL_CHECK2] : [POLICY_CHECK2]) {
    const run = runs.find(
      (r) => r.name === name && (options.appId === void 0 || r.appId === options.appId)
    );
    if (!run) waiting.push(`${name} (not reported by Lockstep yet)`);
    else if (run.status === "completed" && run.conclusion !== "success" && PASSING.has(run.conclusion ?? ""))
      failing.push(`${name} (${run.conclusion})`);
  }
  return {
    green: waiting.length === 0 && failing.length === 0,
    waiting,
    failing,
    checks: runs.length,
    statuses: statuses.length
  };
}

// bot/security/merge-when-green.ts
var MERGE_BLOCKED_MARKER = "<!-- lockstep:security-merge-blocked -->";
async function mergeWhenGreen(ctx, sha) {
  const mode = ctx.settings.bot.securityMerge;
  if (mode === "manual") return;
  const { owner, repo } = ctx.coordinates;
  const { data } = await ctx.octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: sha,
    per_page: 100
  });
  for (const pull of data) {
    const marker = parseMarker(pull.body ?? "");
    if (!marker || pull.state !== "open" || pull.draft === true || pull.head.sha !== sha || !pull.head.ref.startsWith(SECURITY_BRANCH_PREFIX) || pull.user?.type !== "Bot" || pull.base.ref !== ctx.defaultBranch)
      continue;
    if (marker.verdict === "blocked" || mode === "auto-merge" && pull.auto_merge) continue;
    await mergeIfGreen(ctx, pull, marker, sha);
  }
}
async function mergeIfGreen(ctx, pull, marker, sha) {
  const { owner, repo } = ctx.coordinates;
  const mode = ctx.settings.bot.securityMerge;
  const [runs, combined, commit, fallback, appId] = await Promise.all([
    ctx.octokit.paginate(ctx.octokit.rest.checks.listForRef, { owner, repo, ref: sha, per_page: 100 }),
    ctx.octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: sha, per_page: 100 }),
    ctx.octokit.rest.git.getCommit({ owner, repo, commit_sha: sha }),
    // Auto-merge mode: the bot merges what it never handed to GitHub (approvals needed) or where
    // GitHub refused auto-merge (the bot said so in a comment).
    mode === "auto-merge" && marker.verdict === "allowed" ? hasAutoMergeFallback(ctx, pull.number) : Promise.resolve(true),
    ownAppId(ctx)
  ]);
  const tag = `security PR #${pull.number} (${marker.environment}) at ${sha.slice(0, 7)}`;
  if (!fallback) {
    ctx.log("info", `${tag}: auto-merge is off and the bot did not take over merging; left to people`);
    return;
  }
  const facts = commitFacts(commit.data.message);
  if (commit.data.parents.length !== 1 || facts?.environment !== marker.environment || facts.digest !== marker.digest) {
    ctx.log("warn", `${tag}: the head is not Lockstep's commit for this manifest; not merging it`);
    return;
  }
  const verdict = judgeGreen(
    runs.map((r) => ({
      name: r.name,
      status: r.status,
      conclusion: r.conclusion ?? null,
      appId: r.app?.id ?? null
    })),
    combined.data.statuses.map((s) => ({ context: s.context, state: s.state })),
    { approval: marker.verdict !== "allowed", appId }
  );
  if (!verdict.green) {
    ctx.log(
      "info",
      `${tag}: not merging yet; waiting for ${verdict.waiting.join(", ") || "-"}; failing ${verdict.failing.join(", ") || "-"}`
    );
    return;
  }
  const merged = await merge(ctx, pull, sha, tag);
  if (!merged) return;
  const allowed = marker.verdict === "allowed";
  const why = mode === "when-green" ? "`securityMerge: when-green`" : allowed ? "`securityMerge: auto-merge`; GitHub refused auto-merge, so Lockstep merged it when green" : "`securityMerge: auto-merge`; a change that needs approvals is merged by Lockstep when green";
  const comment = ctx.octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: pull.number,
    body: [
      `Lockstep merged this pull request (${merged}; ${why}) after the checks on ${sha.slice(0, 7)} finished (event sent by @${ctx.sender}): ${verdict.checks} check run(s) and ${verdict.statuses} commit status(es) are green, \`lockstep/policy\`${allowed ? "" : " and `lockstep/approval`"} included.`,
      `${allowed ? `The policy lets enforced security patches into ${marker.environment} without the approvals other changes need.` : `${marker.environment}'s policy wants approvals for this change, and \`lockstep/approval\` says they are given.`} The branch \`${pull.head.ref}\` is deleted; the deploy workflow of \`${ctx.defaultBranch}\` takes it from here.`
    ].join("\n\n")
  });
  await Promise.all([comment, deleteBranch(ctx, marker.environment)]);
  ctx.log("info", `${tag}: merged (${merged})`);
}
async function merge(ctx, pull, sha, tag) {
  const { owner, repo } = ctx.coordinates;
  let refusal2 = "";
  for (const method of ["squash", "merge", "rebase"]) {
    try {
      await ctx.octokit.rest.pulls.merge({
        owner,
        repo,
        pull_number: pull.number,
        sha,
        merge_method: method,
        ...method === "squash" ? { commit_title: `${pull.title} (#${pull.number})` } : {}
      });
      return method;
    } catch (error) {
      const status = statusOf(error);
      refusal2 = githubMessage(error);
      if (status === 405 && /not allowed/i.test(refusal2)) continue;
      if (status === 409) {
        ctx.log("info", `${tag}: the head moved before the merge; the new head's checks decide`);
        return void 0;
      }
      if (status !== 405 && status !== 422) throw error;
      break;
    }
  }
  const { data: now } = await ctx.octokit.rest.pulls.get({ owner, repo, pull_number: pull.number });
  if (now.merged || now.state !== "open") return void 0;
  await upsertMarkedComment(
    ctx.octokit,
    ctx.coordinates,
    pull.number,
    MERGE_BLOCKED_MARKER,
    [
      MERGE_BLOCKED_MARKER,
      `Every check on ${sha.slice(0, 7)} is green, so Lockstep tried to merge this security pull request (\`securityMerge: ${ctx.settings.bot.securityMerge}\`), and GitHub refused: "${refusal2}".`,
      "",
      "Check the branch protection of the base branch (required reviews, merge methods) or resolve the conflict; Lockstep tries again at the next check or status event on this pull request, or merge it by hand."
    ].join("\n")
  );
  ctx.log("warn", `${tag}: GitHub refused the merge: ${refusal2}`);
  return void 0;
}

// bot/settings-error.ts
async function reportSettingsError(octokit, { owner, repo }, where2, error, log) {
  const lines = error.diagnostics.map((d) => `${d.file}: ${d.message}`);
  log("warn", `Lockstep settings are invalid, nothing done: ${lines.join("; ")}`);
  const { headSha, command } = where2;
  const parsed = command && parseCommand(command.body);
  if (command && parsed) {
    const source = {
      issueNumber: command.issueNumber,
      commentId: command.commentId,
      commentUrl: command.url,
      author: command.author
    };
    const body = [
      replyMarker(source),
      `@${command.author} asked [\`${parsed.text}\`](${command.url}).`,
      "",
      "Nothing was done: `.github/lockstep.yml` on the default branch is invalid, so Lockstep acts on nothing until it is fixed:",
      "",
      ...lines.map((l) => `- ${l}`)
    ].join("\n");
    await upsertMarkedComment(octokit, { owner, repo }, command.issueNumber, replyMarker(source), body);
  }
  if (!headSha) return;
  const output = {
    title: ".github/lockstep.yml is invalid",
    summary: [
      "Lockstep did not judge this pull request: the settings on the default branch are invalid.",
      "",
      ...lines.map((l) => `- ${l}`),
      "",
      "Fix the file (schema: schemas/settings.schema.json) on the default branch; the next push re-runs this check."
    ].join("\n")
  };
  await upsertCheckRun(
    octokit,
    { owner, repo },
    {
      sha: headSha,
      name: POLICY_CHECK,
      appId: await appIdOf(octokit, log),
      conclusion: "failure",
      output
    }
  );
}

// bot/app.ts
var DISPATCH = { catalog: "lockstep-catalog", tick: "lockstep-tick" };
function lockstepApp(deps = {}) {
  const full = {
    validators: deps.validators ?? createValidators(),
    clock: deps.clock ?? (() => /* @__PURE__ */ new Date())
  };
  return (app) => {
    const withContext = (operation) => async (context) => {
      const ctx = await contextOf(context, full);
      if (ctx) await operation(ctx, context);
    };
    const on = app.on.bind(app);
    on(
      ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
      withContext(
        (ctx, context) => checkPull(ctx, pullRefOf(context.payload.pull_request))
      )
    );
    on(
      ["pull_request_review.submitted", "pull_request_review.dismissed", "pull_request_review.edited"],
      withContext(
        (ctx, context) => recomputeApproval(ctx, pullRefOf(context.payload.pull_request))
      )
    );
    on(
      "issue_comment.created",
      withContext(
        (ctx, context) => runCommand(ctx, {
          issueNumber: context.payload.issue.number,
          comment: {
            id: context.payload.comment.id,
            body: context.payload.comment.body,
            url: context.payload.comment.html_url,
            author: context.payload.comment.user?.login ?? "",
            authorType: context.payload.comment.user?.type ?? "User"
          }
        })
      )
    );
    on(
      "push",
      withContext(
        (ctx, context) => onPush(ctx, {
          ref: context.payload.ref,
          deleted: context.payload.deleted,
          after: context.payload.after,
          pusher: context.payload.pusher.name ?? ctx.sender,
          commits: context.payload.commits
        })
      )
    );
    on(
      "repository_dispatch",
      withContext(async (ctx, context) => {
        const type = context.payload.action;
        if (type === DISPATCH.catalog) {
          await syncSecurityPulls(ctx, `repository_dispatch ${DISPATCH.catalog} from @${ctx.sender}`);
        } else if (type === DISPATCH.tick) {
          await reconcileProtection(ctx, `scheduled tick (${DISPATCH.tick})`);
          await syncSecurityPulls(ctx, `scheduled tick (${DISPATCH.tick}) from @${ctx.sender}`);
        } else {
          return;
        }
        if (ctx.settings.bot.dashboard)
          await updateDashboard(ctx, `repository_dispatch ${type} from @${ctx.sender}`);
      })
    );
    on(
      "deployment_status",
      withContext(async (ctx, context) => {
        const { deployment, deployment_status: status } = context.payload;
        if (status.state === "failure" || status.state === "error") {
          await onFailedDeployment(ctx, {
            id: deployment.id,
            environment: deployment.environment,
            sha: deployment.sha,
            state: status.state,
            description: status.description ?? "",
            url: status.log_url ?? status.target_url ?? "",
            payload: deployment.payload,
            creator: deployment.creator?.login ?? ""
          });
        }
        if (ctx.settings.bot.dashboard && ["success", "failure", "error"].includes(status.state))
          await updateDashboard(ctx, `deployment_status ${status.state} of ${deployment.environment}`);
      })
    );
    on(
      "check_suite.completed",
      withContext(
        (ctx, context) => mergeWhenGreen(ctx, context.payload.check_suite.head_sha)
      )
    );
    on(
      "status",
      withContext((ctx, context) => mergeWhenGreen(ctx, context.payload.sha))
    );
  };
}
async function contextOf(context, deps) {
  const payload = context.payload;
  if (!payload.repository) return void 0;
  const octokit = context.octokit;
  const log = (level, message) => context.log[level](message);
  const coordinates = context.repo();
  try {
    return await createBotContext(
      {
        octokit,
        coordinates,
        defaultBranch: payload.repository.default_branch ?? "main",
        sender: payload.sender?.login ?? "",
        readConfig: () => context.config("lockstep.yml"),
        log
      },
      deps
    );
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const sha = payload.pull_request?.head?.sha;
    const { issue, comment } = payload;
    const command = issue?.number !== void 0 && comment?.id !== void 0 && comment.user?.type !== "Bot" ? {
      issueNumber: issue.number,
      commentId: comment.id,
      body: comment.body ?? "",
      url: comment.html_url ?? "",
      author: comment.user?.login ?? ""
    } : void 0;
    await reportSettingsError(octokit, coordinates, { headSha: sha, command }, error, log);
    return void 0;
  }
}

// bot/tick.ts
async function tickAll(app, deps, log) {
  const outcome = { repositories: [], failed: [] };
  const appOctokit = await app.auth();
  const installations = await appOctokit.paginate(appOctokit.rest.apps.listInstallations, { per_page: 100 });
  for (const installation of installations) {
    const octokit = await app.auth(installation.id);
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
      per_page: 100
    });
    for (const repository of repositories) {
      const fullName = repository.full_name;
      try {
        await tickRepository(octokit, repository, deps, log);
        outcome.repositories.push(fullName);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log("error", `lockstep tick of ${fullName} failed: ${message}`);
        outcome.failed.push({ repository: fullName, error: message });
      }
    }
  }
  return outcome;
}
async function tickRepository(octokit, repository, deps, log) {
  if (repository.archived) return;
  const coordinates = { owner: repository.owner.login, repo: repository.name };
  const readConfig = async () => (await octokit.config.get({ ...coordinates, path: ".github/lockstep.yml" })).config;
  let ctx;
  try {
    ctx = await createBotContext(
      {
        octokit,
        coordinates,
        defaultBranch: repository.default_branch,
        sender: "",
        readConfig,
        log
      },
      deps
    );
  } catch (error) {
    if (error instanceof InputError) {
      log("warn", `${coordinates.owner}/${coordinates.repo}: .github/lockstep.yml is invalid; tick skipped`);
      return;
    }
    throw error;
  }
  await reconcileProtection(ctx, "scheduled tick");
  await syncSecurityPulls(ctx, "the scheduled tick");
  if (ctx.settings.bot.dashboard) await updateDashboard(ctx);
}

export {
  createValidators,
  lockstepApp,
  tickAll
};
