import { schemasByName } from '@invoice/contracts';
import type { SchemaPointer } from './route-contracts';

type JsonObject = { [key: string]: unknown };
type ContractName = keyof typeof schemasByName;

interface ContractFile {
  name: ContractName;
  id: string;
  /** The component the file's root schema becomes: its title, e.g. Job. */
  component: string;
  schema: JsonObject;
}

const COMPONENTS = '#/components/schemas/';

const files: readonly ContractFile[] = Object.entries(schemasByName).map(([name, schema]) => {
  const { $id, title } = schema as JsonObject;
  if (typeof $id !== 'string' || typeof title !== 'string') throw new Error(`Contract schema ${name} has no $id or title`);
  return { name: name as ContractName, id: $id, component: title, schema: schema as JsonObject };
});
const fileById = new Map(files.map((file) => [file.id, file]));
const fileByName = new Map(files.map((file) => [file.name, file]));

/**
 * The contract schemas (JSON Schema 2020-12, one file each, referring to each other by relative $ref) as the
 * components of one OpenAPI 3.1 document, whose schema dialect is 2020-12 as well: each file's root schema is
 * the component named by its title, and each of its $defs the component `Title.Def`, since tools resolve
 * `#/components/schemas/...` everywhere but a file's $id rarely. Every $ref is rewritten to the component it
 * meant; $id and $schema are dropped, as the document is the one resource now.
 */
export function contractComponents(): Record<string, unknown> {
  const components: Record<string, unknown> = {};
  const add = (name: string, schema: unknown) => {
    if (Object.hasOwn(components, name)) throw new Error(`Two contract schemas would both be component ${name}`);
    components[name] = schema;
  };
  for (const file of files) {
    const { $schema: _dialect, $id: _id, $defs, ...root } = file.schema;
    // common.schema.json is only a home for $defs: its root would be an empty schema named Common.
    if (Object.keys(root).some((key) => !['title', 'description', '$comment'].includes(key))) add(file.component, rewritten(root, file));
    for (const [def, schema] of Object.entries(($defs ?? {}) as JsonObject)) add(`${file.component}.${def}`, rewritten(schema, file));
  }
  return components;
}

/** A `$ref` to a contract schema's component, e.g. for a request body or a response. */
export function componentRef(name: ContractName): { $ref: string } {
  return { $ref: `${COMPONENTS}${contractFile(name).component}` };
}

/**
 * The subschema a pointer names (a path parameter's, a query parameter's), with its $refs rewritten: a $ref to
 * the component when it is a whole file or one of its $defs, else a copy of the subschema itself.
 */
export function schemaAt(pointer: SchemaPointer): unknown {
  const hash = pointer.indexOf('#');
  const file = contractFile(pointer.slice(0, hash) as ContractName);
  const fragment = pointer.slice(hash + 1);
  if (fragment === '' || /^\/\$defs\/[^/]+$/.test(fragment)) return { $ref: componentPath(file, fragment) };
  return rewritten(resolvePointer(file.schema, fragment, pointer), file);
}

function contractFile(name: ContractName): ContractFile {
  const file = fileByName.get(name);
  if (!file) throw new Error(`No contract schema is named ${name}`);
  return file;
}

/** A copy of a schema with each $ref, relative to the file it was written in, pointing at its component. */
function rewritten(node: unknown, file: ContractFile): unknown {
  if (Array.isArray(node)) return node.map((item) => rewritten(item, file));
  if (typeof node !== 'object' || node === null) return node;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = key === '$ref' && typeof value === 'string' ? componentRefOf(value, file) : rewritten(value, file);
  }
  return copy;
}

function componentRefOf(ref: string, file: ContractFile): string {
  const target = new URL(ref, file.id);
  const fragment = decodeURIComponent(target.hash.slice(1));
  target.hash = '';
  const targetFile = fileById.get(target.href);
  if (!targetFile) throw new Error(`${file.name}: $ref ${ref} names no contract schema`);
  resolvePointer(targetFile.schema, fragment, ref);
  return componentPath(targetFile, fragment);
}

/** `#/$defs/X/rest` of a file is component `Title.X` then rest; any other pointer stays below `Title`. */
function componentPath(file: ContractFile, fragment: string): string {
  const def = /^\/\$defs\/([^/]+)(.*)$/.exec(fragment);
  return def ? `${COMPONENTS}${file.component}.${def[1]}${def[2]}` : `${COMPONENTS}${file.component}${fragment}`;
}

function resolvePointer(schema: JsonObject, fragment: string, label: string): unknown {
  let node: unknown = schema;
  for (const token of fragment.split('/').slice(1)) {
    const key = token.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) throw new Error(`${label} points at nothing`);
    node = (node as JsonObject)[key];
  }
  return node;
}
