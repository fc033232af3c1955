onmessage = ({ data: [module, input, m, t, p] }) => {
  const imports = {};
  for (const { module: from, name } of WebAssembly.Module.imports(module)) {
    (imports[from] ??= {})[name] = () => {
      throw new Error('not available to the key worker');
    };
  }
  const x = new WebAssembly.Instance(module, imports).exports;
  new Uint8Array(x.memory.buffer, x.wisemind_kdf_input(input.length), input.length).set(input);
  input.fill(0);
  const at = x.wisemind_kdf_run(m, t, p);
  const out = at ? new Uint8Array(x.memory.buffer, at, 32) : null;
  const key = out ? out.slice() : null;
  out?.fill(0);
  postMessage(key, key ? [key.buffer] : []);
};
onmessageerror = () => {
  throw new Error('the key worker could not receive the module');
};
