// The page's last word when the app itself cannot speak. If Wisemind's WebAssembly stops on
// an internal error (a trap: in a release build every panic is one), nothing in the page
// responds any more and the auto-lock is gone with it; if it cannot start at all, the page
// stays empty. Either way this says so, in plain words, instead of a silent page. It runs
// before the app, touches no notebook data and needs nothing from the app.
'use strict';
(() => {
  let shown = false;
  // Read-write IndexedDB transactions still open. A trap stops the app in a microtask, which
  // does not abort a transaction: the requests it had queued would commit on their own and
  // could leave half a write. The app queues nothing before a write is fully computed; as a
  // second line, a trap aborts every transaction still open, so the notebook stays as it was.
  const open = new Set();
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args);
    if (tx.mode !== 'readonly') {
      open.add(tx);
      const done = () => open.delete(tx);
      tx.addEventListener('complete', done);
      tx.addEventListener('abort', done);
    }
    return tx;
  };
  const abortOpen = () => {
    for (const tx of open) {
      try { tx.abort(); } catch { /* already finishing */ }
    }
    open.clear();
  };
  const wasmError = (e) => e instanceof WebAssembly.RuntimeError || e instanceof WebAssembly.CompileError
    || e instanceof WebAssembly.LinkError;
  const show = (error) => {
    if (shown || !wasmError(error)) return;
    shown = true;
    const started = error instanceof WebAssembly.RuntimeError;
    if (started) abortOpen();
    const box = document.createElement('section');
    box.className = 'fault';
    box.setAttribute('role', 'alert');
    box.setAttribute('aria-labelledby', 'fault-title');
    const title = document.createElement('h2');
    title.id = 'fault-title';
    title.textContent = started ? 'Wisemind stopped' : 'Wisemind could not start';
    const text = document.createElement('p');
    text.textContent = started
      ? 'An internal error stopped the app. Everything saved before is safe in this browser. '
        + 'Text you were typing may not be saved: copy it now if you need it. Until you reload, '
        + 'this page no longer locks itself, so reload or close it before you leave the device.'
      : 'This browser could not run Wisemind’s WebAssembly. Nothing in your notebook was changed. '
        + 'Try a current version of Chrome, Edge, Firefox or Safari.';
    const detail = document.createElement('p');
    detail.className = 'hint';
    detail.textContent = `For a bug report: ${error.name}: ${error.message}`;
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = 'Reload Wisemind';
    reload.addEventListener('click', () => location.reload());
    box.append(title, text, detail, reload);
    document.body.prepend(box);
    reload.focus();
  };
  addEventListener('error', (event) => show(event.error));
  addEventListener('unhandledrejection', (event) => show(event.reason));
})();
