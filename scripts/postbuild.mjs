// After `trunk build --release`: shrink what wasm-bindgen emitted, give the served page its
// Content-Security-Policy, and build the single-file edition from the same build.
//
//   dist/*_bg.wasm, dist/*.js  short import names in both, the glue minified (slim.mjs)
//   dist/fault-*.js            minified
//   dist/index.html          + CSP meta (its one inline bootstrap script allowed by hash)
//                            + the single file's SHA-256, for "Save Wisemind for offline use"
//                            + integrity hashes of the rewritten files; comments removed
//   dist-single/wisemind.html  fault script, JS, wasm (base64), CSS and icon inlined; CSP by
//   dist/wisemind.html         hashes, connect-src 'none'; a copy served beside the app
//   dist/sw.js                 the service worker, with this build's files to cache, minified
//
// Fails (exit 1) if the page does not have the shape this expects, or if any inline script
// or style of the output is not covered by its CSP.
// Usage: node scripts/postbuild.mjs [DIST] [SINGLE_DIR]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { minify, shortenImports } from './slim.mjs';

const dist = process.argv[2] ?? 'dist';
const singleDir = process.argv[3] ?? 'dist-single';

function fail(message) {
  console.error(`postbuild: ${message}`);
  process.exit(1);
}

const sha256 = (text) => createHash('sha256').update(text).digest('base64');
const one = (pattern, text, what) => {
  const all = [...text.matchAll(pattern)];
  if (all.length !== 1) fail(`expected one ${what} in ${dist}/index.html, found ${all.length}`);
  return all[0];
};

const INLINE_SCRIPT = /<script type="module">([\s\S]*?)<\/script>/g;
const INLINE_STYLE = /<style>([\s\S]*?)<\/style>/g;
const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/g;

/** Every inline script and style must be allowed by a hash in the page's CSP. */
function checkCsp(html, where) {
  const csp = [...html.matchAll(CSP_META)];
  if (csp.length !== 1) fail(`${where}: expected one Content-Security-Policy meta, found ${csp.length}`);
  const policy = csp[0][1];
  for (const directive of ['default-src', 'script-src', 'style-src', 'connect-src', 'object-src', 'base-uri']) {
    if (!policy.includes(`${directive} `)) fail(`${where}: CSP lacks ${directive}`);
  }
  if (/'unsafe-inline'|'unsafe-eval'/.test(policy)) fail(`${where}: CSP allows unsafe inline code`);
  for (const [, body] of html.matchAll(INLINE_SCRIPT)) {
    if (!policy.includes(`'sha256-${sha256(body)}'`)) fail(`${where}: an inline script is not in the CSP`);
  }
  for (const [, body] of html.matchAll(INLINE_STYLE)) {
    if (!policy.includes(`'sha256-${sha256(body)}'`)) fail(`${where}: an inline style is not in the CSP`);
  }
  if (/\sstyle="/.test(html) || /\son[a-z]+="/.test(html)) fail(`${where}: inline style or event attribute`);
  return policy;
}

let page = readFileSync(join(dist, 'index.html'), 'utf8');
if (CSP_META.test(page)) fail(`${dist}/index.html already has a CSP: run trunk build first`);
const files = readdirSync(dist);
const find = (re, what) => files.find((f) => re.test(f)) ?? fail(`no ${what} in ${dist}`);
const jsName = find(/^wisemind-[0-9a-f]+\.js$/, 'wasm-bindgen module');
const wasmName = find(/^wisemind-[0-9a-f]+_bg\.wasm$/, 'wasm');
const cssName = find(/^style-[0-9a-f]+\.css$/, 'stylesheet');
const iconName = find(/^favicon-[0-9a-f]+\.svg$/, 'icon');
const faultName = find(/^fault-[0-9a-f]+\.js$/, 'fault script');

// --- Smaller glue and import names (scripts/slim.mjs) ------------------------------------
// Before anything reads these files: the single file embeds them, the worker hashes them.
// The comments of index.html are for whoever edits it, not for every visitor.
page = page.replace(/<!--[\s\S]*?-->\s*/g, '');
{
  const slim = shortenImports(readFileSync(join(dist, wasmName)), readFileSync(join(dist, jsName), 'utf8'));
  writeFileSync(join(dist, wasmName), slim.wasm);
  writeFileSync(join(dist, jsName), await minify(slim.js));
  writeFileSync(join(dist, faultName), await minify(readFileSync(join(dist, faultName), 'utf8'), { module: false }));
  // Trunk's subresource-integrity hashes are of the files as they were: hash them again.
  for (const name of [jsName, wasmName, faultName]) {
    const link = new RegExp(`((?:href|src)="\\./${name.replaceAll('.', '\\.')}"[^>]*integrity=")sha384-[^"]+"`, 'g');
    if ([...page.matchAll(link)].length !== 1) fail(`expected one integrity hash for ${name} in ${dist}/index.html`);
    const hash = createHash('sha384').update(readFileSync(join(dist, name))).digest('base64');
    page = page.replace(link, `$1sha384-${hash}"`);
  }
  console.log(`glue: ${slim.count} import names shortened, minified`);
}

// --- The single file -------------------------------------------------------------------
let glue = readFileSync(join(dist, jsName), 'utf8');
const EXPORTS = /export\s*\{\s*initSync\s*,\s*__wbg_init as default\s*\};?\s*$/;
if (!EXPORTS.test(glue)) fail('the wasm-bindgen module does not end as expected');
glue = glue.replace(EXPORTS, '');
const wasm64 = readFileSync(join(dist, wasmName)).toString('base64');
// assets/fault.js first: it must be listening before the app starts.
const script = `${readFileSync(join(dist, faultName), 'utf8')}
${glue}
// The module is inlined and the wasm passed as bytes: nothing is fetched.
const wasmBytes = Uint8Array.from(atob("${wasm64}"), (c) => c.charCodeAt(0));
await __wbg_init({ module_or_path: wasmBytes });
`;
const css = readFileSync(join(dist, cssName), 'utf8');
const icon = readFileSync(join(dist, iconName)).toString('base64');
// The manifest travels too, its icon inlined; a page from disk cannot be installed, but the
// name and colours still describe it.
const manifest = JSON.parse(readFileSync(join(dist, 'manifest.webmanifest'), 'utf8'));
manifest.icons = manifest.icons.map((i) => ({ ...i, src: `data:image/svg+xml;base64,${icon}` }));
const manifest64 = Buffer.from(JSON.stringify(manifest)).toString('base64');
const singleCsp = [
  "default-src 'none'",
  `script-src 'sha256-${sha256(script)}' 'wasm-unsafe-eval'`,
  `style-src 'sha256-${sha256(css)}'`,
  'img-src data:',
  'manifest-src data:',
  // The key worker (src/derive.rs) runs from a blob the page itself makes.
  'worker-src blob:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const head = one(/<head>([\s\S]*?)<\/head>/g, page, 'head')[1];
const metas = [...head.matchAll(/<meta [^>]*>|<title>[^<]*<\/title>/g)].map((m) => m[0]).join('\n    ');
const body = one(/<body>([\s\S]*?)<\/body>/g, page, 'body')[1];
const single = `<!doctype html>
<html lang="en">
  <head>
    <meta http-equiv="Content-Security-Policy" content="${singleCsp}" />
    ${metas}
    <link rel="icon" href="data:image/svg+xml;base64,${icon}" />
    <link rel="manifest" href="data:application/manifest+json;base64,${manifest64}" />
    <style>${css}</style>
  </head>
  <body>${body}<script type="module">${script}</script>
  </body>
</html>
`;
checkCsp(single, 'wisemind.html');
mkdirSync(singleDir, { recursive: true });
writeFileSync(join(singleDir, 'wisemind.html'), single);
writeFileSync(join(dist, 'wisemind.html'), single);
const singleSha = createHash('sha256').update(single).digest('hex');

// --- The served page -------------------------------------------------------------------
const bootstrap = one(INLINE_SCRIPT, page, 'inline bootstrap script')[1];
const servedCsp = [
  "default-src 'none'",
  `script-src 'self' 'sha256-${sha256(bootstrap)}' 'wasm-unsafe-eval'`,
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
page = page.replace(
  '<meta charset="utf-8" />',
  `<meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${servedCsp}" />
    <meta name="wisemind-single-sha256" content="${singleSha}" />`,
);
checkCsp(page, 'index.html');
writeFileSync(join(dist, 'index.html'), page);

// --- The service worker ----------------------------------------------------------------
// Everything the page loads, cached at install so the app opens with no network. The cache
// name changes with the build, so a new build installs beside the old one and waits until
// the user accepts the update (the app offers it; it is never forced mid-edit).
const shell = ['./', 'index.html', jsName, wasmName, cssName, iconName, faultName, 'manifest.webmanifest', 'icon.svg'];
for (const f of shell.slice(2)) if (!files.includes(f)) fail(`${f} is missing from ${dist}`);
const version = createHash('sha256').update(shell.map((f) => f === './' ? page : readFileSync(join(dist, f))).join('\0')).digest('hex').slice(0, 16);
const worker = readFileSync('assets/sw.js', 'utf8')
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace("['__SHELL__']", JSON.stringify(shell));
if (worker.includes('__')) fail('assets/sw.js placeholders were not filled');
writeFileSync(join(dist, 'sw.js'), await minify(worker, { module: false }));

console.log(`single file: ${singleDir}/wisemind.html, ${(single.length / 1024).toFixed(0)} KB`);
console.log(`sha256: ${singleSha}`);
