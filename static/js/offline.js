// Offline use on every page: registers the service worker (static/js/sw.js), says when the
// device is offline, shows what waits to be sent, keeps the log form's sessions on the
// device without a connection, and sends them when it returns (on load, on the `online`
// event, and by Background Sync in the worker); any other form sent offline stays on its
// page with a message instead of the browser's error page. Texts come translated from the page
// (templates/logbook/_offline.html).
/* global RCQueue */
(function () {
  "use strict";
  var configNode = document.getElementById("offline-config");
  if (!configNode || !("indexedDB" in window) || !window.RCQueue) { return; }
  var cfg = JSON.parse(configNode.textContent);
  var t = cfg.strings;
  var owner = cfg.owner;
  var params = new URLSearchParams(location.search);

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return values[name]; });
  }

  // Status --------------------------------------------------------------------------------

  function showOffline() {
    var banner = document.getElementById("offline-banner");
    if (banner) { banner.hidden = navigator.onLine; }
  }

  function updateCount() {
    var link = document.getElementById("queue-count");
    if (!link || !owner) { return Promise.resolve([]); }
    return RCQueue.all(owner).then(function (entries) {
      link.hidden = entries.length === 0;
      link.textContent = format(entries.length === 1 ? t.waiting_one : t.waiting_other, { n: entries.length });
      return entries;
    });
  }

  function report(lines, alarm) {
    var area = document.getElementById("queue-report");
    if (!area || !lines.length) { return; }
    var box = el("div", "alert " + (alarm ? "alert-warning" : "alert-success"));
    lines.forEach(function (line) {
      var p = el("p", "mb-1");
      if (line.href) {
        var a = el("a", "", line.text);
        a.href = line.href;
        p.appendChild(a);
      } else {
        p.textContent = line.text;
      }
      box.appendChild(p);
    });
    area.appendChild(box);
  }

  function showReport(result) {
    var lines = [];
    result.sent.forEach(function (item) {
      var answer = item.answer;
      lines.push({ text: (item.entry.type === "file" ? item.entry.filename + ": " : "") + answer.message, href: answer.url || answer.job });
      (answer.warnings || []).forEach(function (title) { lines.push({ text: format(t.warning, { title: title }) }); });
    });
    report(lines, false);
    if (result.refused.length) {
      report([{ text: t.refused, href: cfg.waitingUrl }], true);
    }
    if (result.stopped === "signed_out") { report([{ text: t.sign_in }], true); }
  }

  var sending = null;
  function sendAll() {
    if (!owner || !navigator.onLine) { return Promise.resolve(null); }
    if (!sending) {
      sending = RCQueue.send({ owner: owner, syncUrl: cfg.syncUrl }).then(function (result) {
        sending = null;
        showReport(result);
        return updateCount().then(drawList).then(function () { return result; });
      }, function () { sending = null; return null; });
    }
    return sending;
  }

  function askForSync() {
    if (!("serviceWorker" in navigator)) { return; }
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) { return registration.sync.register("runningcoach-queue"); }
    })["catch"](function () { return null; });
  }

  // The log form ----------------------------------------------------------------------------

  function formFields(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) { fields.push([name, String(value)]); });
    return fields;
  }

  function summary(form) {
    var kind = form.querySelector("input[name=kind]:checked");
    var label = kind ? form.querySelector("label[for='" + kind.id + "']") : null;
    var parts = [label ? label.textContent.trim() : ""];
    ["date", "time", "duration"].forEach(function (name) {
      var input = form.elements[name];
      if (input && input.value) { parts.push(input.value); }
    });
    var km = form.elements.distance_km;
    if (km && km.value && !(kind && kind.value === "strength")) { parts.push(km.value + " km"); }
    return parts.filter(Boolean).join(" · ");
  }

  function fill(form, fields) {
    fields.forEach(function (pair) {
      var name = pair[0];
      var value = pair[1];
      if (name === "csrfmiddlewaretoken") { return; }
      Array.prototype.forEach.call(form.querySelectorAll("[name='" + name + "']"), function (input) {
        if (input.type === "radio" || input.type === "checkbox") {
          input.checked = input.value === value;
          input.dispatchEvent(new Event("change"));
        } else {
          input.value = value;
        }
      });
    });
  }

  function showErrors(form, entry) {
    var old = document.getElementById("queue-errors");
    if (old) { old.remove(); }
    if (!entry.errors || !entry.errors.length) { return; }
    var box = el("div", "alert alert-danger");
    box.id = "queue-errors";
    box.setAttribute("role", "alert");
    box.appendChild(el("p", "mb-1", entry.message));
    var list = el("ul", "mb-0");
    entry.errors.forEach(function (error) {
      list.appendChild(el("li", "", (error.label ? error.label + ": " : "") + error.message));
    });
    box.appendChild(list);
    form.insertBefore(box, form.firstChild);
  }

  function keepOnDevice(form, deviceId) {
    var entry = { type: "session", owner: owner, fields: formFields(form), summary: summary(form) };
    var saved = deviceId ? RCQueue.get(deviceId).then(function (old) {
      entry.id = deviceId;
      entry.created = old ? old.created : Date.now();
      return RCQueue.add(entry);
    }) : RCQueue.add(entry);
    return saved.then(function (id) { entry.id = id; return entry; });
  }

  function setUpLogForm() {
    var form = document.getElementById("session-form");
    if (!form || location.pathname !== cfg.logUrl) { return; }
    var deviceId = params.get("device");
    if (!navigator.onLine && !deviceId) {
      // A kept copy of the form: start it at the device's now, not when it was kept.
      var now = new Date();
      var pad = function (n) { return (n < 10 ? "0" : "") + n; };
      form.elements.date.value = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
      form.elements.time.value = pad(now.getHours()) + ":" + pad(now.getMinutes());
      form.elements.date.defaultValue = form.elements.date.value;
      form.elements.time.defaultValue = form.elements.time.value;
    }
    if (deviceId) {
      RCQueue.get(deviceId).then(function (entry) {
        if (!entry) { return; }
        fill(form, entry.fields);
        showErrors(form, entry);
      });
    }
    form.addEventListener("submit", function (event) {
      if (navigator.onLine && !deviceId) { return; }
      event.preventDefault();
      keepOnDevice(form, deviceId).then(function (entry) {
        if (!navigator.onLine) {
          report([{ text: t.saved }], false);
          if (!deviceId) { form.reset(); form.dispatchEvent(new Event("change")); }
          askForSync();
          return updateCount();
        }
        return sendAll().then(function (result) {
          var sent = result && result.sent.filter(function (s) { return s.entry.id === entry.id; })[0];
          if (sent && sent.answer.url) { location.assign(sent.answer.url); return; }
          return RCQueue.get(entry.id).then(function (stored) { if (stored) { showErrors(form, stored); } });
        });
      });
    });
  }

  // The page of what waits --------------------------------------------------------------------

  function drawList() {
    var list = document.getElementById("queue-list");
    if (!list) { return Promise.resolve(); }
    return RCQueue.all(owner).then(function (entries) {
      list.textContent = "";
      document.getElementById("queue-empty").hidden = entries.length > 0;
      entries.forEach(function (entry) {
        var item = el("li", "card mb-2");
        var body = el("div", "card-body");
        body.appendChild(el("h2", "h6 card-title", entry.type === "file" ? format(t.file, { name: entry.filename }) : entry.summary));
        if (entry.status === "invalid") {
          body.appendChild(el("p", "text-danger mb-1", entry.message));
          var errors = el("ul", "text-danger");
          (entry.errors || []).forEach(function (error) {
            errors.appendChild(el("li", "", (error.label ? error.label + ": " : "") + error.message));
          });
          body.appendChild(errors);
        } else {
          body.appendChild(el("p", "mb-1", t.waiting_status));
        }
        var actions = el("div", "d-flex gap-2");
        if (entry.type === "session" && entry.status === "invalid") {
          var correct = el("a", "btn btn-outline-success btn-sm", t.correct);
          correct.href = cfg.logUrl + "?device=" + encodeURIComponent(entry.id);
          actions.appendChild(correct);
        }
        var discard = el("button", "btn btn-outline-danger btn-sm", t.discard);
        discard.type = "button";
        discard.addEventListener("click", function () {
          RCQueue.remove(entry.id).then(updateCount).then(drawList);
        });
        actions.appendChild(discard);
        body.appendChild(actions);
        item.appendChild(body);
        list.appendChild(item);
      });
    });
  }

  function setUpSharedFiles() {
    if (!params.get("shared") || location.pathname !== cfg.importUrl) { return; }
    if (!navigator.onLine) { report([{ text: t.shared_offline }], false); }
  }

  // Service worker and signing out --------------------------------------------------------------

  function setUpWorker() {
    // Only for a signed-in runner: nothing of the site is kept for a visitor, and sign-up and
    // sign-in run without a worker in between.
    if (!("serviceWorker" in navigator) || !owner) { return; }
    navigator.serviceWorker.register(cfg.swUrl, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      if (registration.active) { registration.active.postMessage({ type: "warm", owner: owner }); }
    })["catch"](function () { return null; });
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "queue-sent") {
        showReport(event.data.report);
        updateCount().then(drawList);
      }
    });
  }

  // Any other form sent with no connection would end on the browser's own error page and
  // lose what was typed: it stays on the page instead, with a message saying why. The log
  // form keeps its sessions on the device (above). The attribute, not `form.method`, which
  // a field named "method" would stand in for.
  function holdFormsOffline() {
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var method = (form.getAttribute("method") || "get").toLowerCase();
      if (navigator.onLine || event.defaultPrevented || method !== "post") { return; }
      event.preventDefault();
      var old = form.querySelector(".offline-not-sent");
      if (old) { old.parentNode.removeChild(old); }
      var box = el("div", "alert alert-warning offline-not-sent", t.not_sent);
      box.setAttribute("role", "alert");
      box.tabIndex = -1;
      form.insertBefore(box, form.firstChild);
      box.focus();
    });
  }

  function forgetPagesOnSignOut() {
    Array.prototype.forEach.call(document.querySelectorAll("form[action='" + cfg.logoutUrl + "']"), function (form) {
      form.addEventListener("submit", function () {
        if (navigator.serviceWorker && navigator.serviceWorker.controller) {
          navigator.serviceWorker.controller.postMessage({ type: "forget" });
        }
      });
    });
  }

  showOffline();
  window.addEventListener("online", function () { showOffline(); sendAll(); });
  window.addEventListener("offline", showOffline);
  setUpWorker();
  forgetPagesOnSignOut();
  setUpLogForm();
  holdFormsOffline();
  setUpSharedFiles();
  updateCount().then(drawList).then(sendAll);
})();

// The upload link's copy button (templates/logbook/_upload_link.html).
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.getAttribute("data-copy"));
      input.select();
      var done = function () { button.textContent = button.getAttribute("data-copied"); };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
})();
