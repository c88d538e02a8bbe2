// The device's queue of sessions and files waiting to be sent, in IndexedDB. Shared by the
// pages (static/js/offline.js) and the service worker (Background Sync): one way to send.
// An entry keeps the id the device made for it; the server accepts each id once, so an entry
// sent twice (an answer lost on the way back, the page and the worker both sending) is one
// session. An entry the server refuses stays, with the form's messages, until the runner
// corrects or discards it.
(function (scope) {
  "use strict";
  var DB_NAME = "runningcoach-queue";
  var STORE = "entries";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "id" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function all(owner) {
    return run("readonly", function (store) { return store.getAll(); }).then(function (entries) {
      return (entries || []).filter(function (e) { return owner === undefined || e.owner === owner; })
        .sort(function (a, b) { return a.created - b.created; });
    });
  }

  function get(id) {
    return run("readonly", function (store) { return store.get(id); });
  }

  function put(entry) {
    return run("readwrite", function (store) { store.put(entry); }).then(function () { return entry.id; });
  }

  function remove(id) {
    return run("readwrite", function (store) { store["delete"](id); });
  }

  function add(entry) {
    entry.id = entry.id || scope.crypto.randomUUID();
    entry.created = entry.created || Date.now();
    entry.status = "waiting";
    return put(entry);
  }

  function body(entry) {
    var data = new FormData();
    if (entry.type === "file") {
      data.append("file", entry.file, entry.filename);
      data.append("kind", entry.kind || "run");
    } else {
      entry.fields.forEach(function (pair) {
        if (pair[0] !== "csrfmiddlewaretoken") { data.append(pair[0], pair[1]); }
      });
      data.append("device_id", entry.id);
    }
    return data;
  }

  function token(syncUrl) {
    return fetch(syncUrl, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      if (r.status === 401) { throw { stop: "signed_out" }; }
      if (!r.ok) { throw { stop: "server" }; }
      return r.json();
    }).then(function (answer) { return answer.csrf; });
  }

  function post(syncUrl, entry, csrf) {
    return fetch(syncUrl, {
      method: "POST", body: body(entry), credentials: "same-origin",
      headers: { "X-CSRFToken": csrf }
    });
  }

  // Sends the owner's waiting entries in order; stops at the first failed connection (the
  // rest wait for the next try). Resolves to {sent: [...], refused: [...], stopped}.
  function sendNow(options) {
    var report = { sent: [], refused: [], stopped: "" };
    return all(options.owner).then(function (entries) {
      var waiting = entries.filter(function (e) { return e.status !== "invalid"; });
      if (!waiting.length) { return report; }
      return token(options.syncUrl).then(function (csrf) {
        var chain = Promise.resolve();
        waiting.forEach(function (entry) {
          chain = chain.then(function () {
            if (report.stopped) { return; }
            return sendOne(options.syncUrl, entry, csrf, report).then(function (fresh) {
              if (fresh) { csrf = fresh; }
            });
          });
        });
        return chain;
      }).then(function () { return report; }, function (problem) {
        report.stopped = (problem && problem.stop) || "network";
        return report;
      });
    });
  }

  function sendOne(syncUrl, entry, csrf, report, retried) {
    return post(syncUrl, entry, csrf).then(function (response) {
      if (response.status === 403 && !retried) {
        // The token went stale (a new sign-in): fetch another and try once more.
        return token(syncUrl).then(function (fresh) {
          return sendOne(syncUrl, entry, fresh, report, true).then(function () { return fresh; });
        });
      }
      if (response.status === 401) { report.stopped = "signed_out"; return; }
      return response.json().then(function (answer) {
        if (response.ok) {
          report.sent.push({ entry: entry, answer: answer });
          return remove(entry.id);
        }
        if (response.status >= 400 && response.status < 500) {
          entry.status = "invalid";
          entry.message = answer.message || "";
          entry.errors = answer.errors || [];
          report.refused.push({ entry: entry, answer: answer });
          return put(entry);
        }
        report.stopped = "server";
      }, function () { report.stopped = "server"; });
    }, function () { report.stopped = "network"; });
  }

  // One sender at a time per device (pages and the worker alike), where the browser can.
  function send(options) {
    if (scope.navigator && scope.navigator.locks) {
      return scope.navigator.locks.request("runningcoach-queue", function () { return sendNow(options); });
    }
    return sendNow(options);
  }

  scope.RCQueue = { all: all, get: get, put: put, add: add, remove: remove, send: send };
})(self);
