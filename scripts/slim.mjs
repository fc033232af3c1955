// Shrinks what wasm-bindgen emits, after Trunk's build (called by postbuild.mjs).
//
// shortenImports: wasm-bindgen names every JS function the wasm imports
// `__wbg_<name>_<16 hex digits>` and writes each name twice, in the wasm's import section
// and as a key of the glue's import object. The hex digits do not compress, so both files
// get the same short names instead (`a`, `b`, …, `ba`, …).
// minify: Terser over the glue (keeping its two exported names), the fault script and the
// service worker.
import { minify as terser } from 'terser';

const LONG_NAME = /^__wbg_\w+_[0-9a-f]{16}$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

function shortName(n) {
  let s = '';
  do {
    s = ALPHABET[n % ALPHABET.length] + s;
    n = Math.floor(n / ALPHABET.length);
  } while (n > 0);
  return s;
}

function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function leb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

const utf8 = (bytes) => Buffer.from(bytes).toString('utf8');
const withLength = (buf) => Buffer.concat([leb(buf.length), buf]);

/** Rewrites the import section (id 2) of `wasm`, renaming by `rename(module, name)`. */
function renameImports(wasm, rename) {
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = readLeb(wasm, at + 1);
    const end = start + size;
    if (id !== 2) {
      parts.push(wasm.subarray(at, end));
    } else {
      const section = wasm.subarray(start, end);
      let [count, p] = readLeb(section, 0);
      const out = [leb(count)];
      for (let i = 0; i < count; i++) {
        let length;
        [length, p] = readLeb(section, p);
        const module = utf8(section.subarray(p, p + length));
        p += length;
        [length, p] = readLeb(section, p);
        const name = utf8(section.subarray(p, p + length));
        p += length;
        const descStart = p;
        const kind = section[p++];
        if (kind === 0) [, p] = readLeb(section, p); // function: type index
        else if (kind === 1) { p++; p = skipLimits(section, p); } // table: reftype, limits
        else if (kind === 2) p = skipLimits(section, p); // memory: limits
        else if (kind === 3) p += 2; // global: valtype, mutability
        else throw new Error(`import ${module}.${name}: unknown kind ${kind}`);
        out.push(withLength(Buffer.from(module)), withLength(Buffer.from(rename(module, name))), section.subarray(descStart, p));
      }
      if (p !== section.length) throw new Error('import section: trailing bytes');
      const body = Buffer.concat(out);
      parts.push(Buffer.from([2]), leb(body.length), body);
    }
    at = end;
  }
  return Buffer.concat(parts);
}

function skipLimits(bytes, p) {
  const flags = bytes[p++];
  [, p] = readLeb(bytes, p);
  if (flags & 1) [, p] = readLeb(bytes, p);
  return p;
}

/** Both files with the long import names replaced; throws unless each name is a key of the glue exactly once. */
export function shortenImports(wasm, js) {
  const names = new Map();
  const renamed = renameImports(wasm, (module, name) => {
    if (!LONG_NAME.test(name)) return name;
    if (!names.has(name)) names.set(name, shortName(names.size));
    return names.get(name);
  });
  for (const [long, short] of names) {
    const key = new RegExp(`\\b${long}: function\\b`, 'g');
    const found = js.match(key)?.length ?? 0;
    if (found !== 1 || js.split(long).length !== 2) {
      throw new Error(`the glue does not define ${long} exactly once`);
    }
    js = js.replace(key, `${short}: function`);
  }
  // Every import of the new module must still be defined by the glue.
  for (const { name } of WebAssembly.Module.imports(new WebAssembly.Module(renamed))) {
    if (!new RegExp(`(^|[\\s,{])${name}: function\\b`, 'm').test(js)) {
      throw new Error(`the glue lacks the import ${name}`);
    }
  }
  return { wasm: renamed, js, count: names.size };
}

/** A script minified. The glue (a module) keeps the names it exports (`initSync`, the
 * default `__wbg_init`); a classic script keeps its top-level names. */
export async function minify(js, { module = true } = {}) {
  const { code } = await terser(js, {
    module,
    compress: true,
    mangle: { reserved: ['initSync', '__wbg_init'] },
  });
  return code;
}
