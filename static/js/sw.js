// The service worker (served at /sw.js by logbook.offline_views.service_worker, which puts
// self.RC in front of this file). It keeps:
// - the app's static files, on install;
// - the pages listed in RC.pages (dashboard, log form, queue page, import page, catalogue)
//   as last seen, per signed-in person: every answer names its person in X-Offline-Owner,
//   and an answer for someone else, or for nobody, drops every kept page first;
// - files shared to the app (the manifest's share target) in the queue of static/js/queue.js.
// Without a connection a kept page is shown, and any other page gets the offline page.
/* global RC, RCQueue */
"use strict";
importScripts(RC.queueScript);

var STATIC_CACHE = "rc-static-" + RC.version;
var PAGES = "rc-pages-";
var OWNER_HEADER = "X-Offline-Owner";

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
    var kept = RC.staticUrls.map(function (url) {
      return fetch(url).then(function (r) { return r.ok ? cache.put(url, r) : null; });
    });
    // The offline page as anyone sees it, for a device that has kept nobody's pages.
    kept.push(fetch(RC.offlineUrl, { credentials: "omit" }).then(function (r) {
      return r.ok ? cache.put(RC.offlineUrl, r) : null;
    }));
    return Promise.all(kept);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  // A new version drops the old static files and the pages that pointed to them; the next
  // page seen online fills the pages again.
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name !== STATIC_CACHE;
    }).map(function (name) { return caches["delete"](name); }));
  }).then(function () { return self.clients.claim(); }));
});

function pageCacheNames() {
  return caches.keys().then(function (names) {
    return names.filter(function (name) { return name.indexOf(PAGES) === 0; });
  });
}

function currentOwner() {
  return pageCacheNames().then(function (names) {
    return names.length ? names[0].slice(PAGES.length) : "";
  });
}

function switchOwner(owner) {
  return pageCacheNames().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name !== PAGES + owner || !owner;
    }).map(function (name) { return caches["delete"](name); }));
  }).then(function () { return owner ? caches.open(PAGES + owner) : null; });
}

function kept(url) {
  return url.search === "" && RC.pages.indexOf(url.pathname) !== -1;
}

function remember(request, response) {
  // Only a page's own answer names its person; a redirect on the way says nothing.
  if (response.type !== "basic") { return Promise.resolve(); }
  var owner = response.headers.get(OWNER_HEADER) || "";
  var url = new URL(response.url || request.url);
  var copy = response.status === 200 && kept(url) ? response.clone() : null;
  return switchOwner(owner).then(function (cache) {
    if (cache && copy) { return cache.put(url.pathname, copy); }
  });
}

function offlineCopy(request) {
  var path = new URL(request.url).pathname;
  return currentOwner().then(function (owner) {
    return owner ? caches.open(PAGES + owner).then(function (cache) {
      return cache.match(path).then(function (page) {
        return page || cache.match(RC.offlineUrl);
      });
    }) : null;
  }).then(function (page) {
    return page || caches.match(RC.offlineUrl);
  }).then(function (page) {
    return page || Response.error();
  });
}

function navigate(event) {
  return fetch(event.request).then(function (response) {
    event.waitUntil(remember(event.request, response));
    return response;
  }, function () { return offlineCopy(event.request); });
}

function fromStatic(event) {
  // Stale while revalidate: shown from the device, refreshed in the background.
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(event.request).then(function (hit) {
      var fresh = fetch(event.request).then(function (response) {
        if (response.ok) { event.waitUntil(cache.put(event.request, response.clone())); }
        return response;
      });
      if (hit) {
        fresh["catch"](function () { return null; });
        return hit;
      }
      return fresh;
    });
  });
}

function receiveShare(request) {
  return currentOwner().then(function (owner) {
    // Nobody signed in on this device: keep nothing (whoever signs in next would send it
    // as theirs); the server asks who is sharing.
    if (!owner) { return fetch(request); }
    return request.formData().then(function (data) {
      var files = data.getAll("file").filter(function (file) { return file && file.size; });
      return Promise.all(files.map(function (file) {
        return RCQueue.add({ type: "file", file: file, filename: file.name, kind: "run", owner: owner, summary: file.name });
      }));
    }).then(function (ids) {
      return Response.redirect(RC.importUrl + (ids.length ? "?shared=" + ids.join(",") : ""), 303);
    }, function () {
      return Response.redirect(RC.importUrl, 303);
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === "POST" && url.pathname === RC.shareUrl) {
    event.respondWith(receiveShare(request));
    return;
  }
  // Forms go to the network untouched (a re-sent navigation would lose its Origin, and
  // Django's CSRF check with it); the log form keeps its sessions itself when offline.
  if (request.method !== "GET") { return; }
  if (url.pathname.indexOf(RC.staticPrefix) === 0) {
    event.respondWith(fromStatic(event));
  } else if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  }
});

function warm(owner) {
  // Fill in what the device lacks of the kept pages, one at a time, as the page's person;
  // stop as soon as an answer is for someone else (they signed out or in meanwhile). The
  // server sets no cookie on these copies (logbook/middleware.py).
  return switchOwner(owner).then(function (cache) {
    if (!cache) { return null; }
    return RC.pages.reduce(function (chain, path) {
      return chain.then(function () {
        return cache.match(path).then(function (hit) {
          if (hit) { return null; }
          return fetch(path, { credentials: "same-origin", headers: { "X-Offline-Copy": "1" } }).then(function (r) {
            if (r.headers.get(OWNER_HEADER) !== owner) { throw new Error("someone else"); }
            if (r.ok && !r.redirected) { return cache.put(path, r); }
          });
        });
      });
    }, Promise.resolve())["catch"](function () { return null; });
  });
}

function tellPages(report) {
  return self.clients.matchAll({ type: "window" }).then(function (pages) {
    pages.forEach(function (page) { page.postMessage({ type: "queue-sent", report: report }); });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "warm") {
    event.waitUntil(warm(data.owner || ""));
  } else if (data.type === "forget") {
    event.waitUntil(switchOwner(""));
  }
});

self.addEventListener("sync", function (event) {
  if (event.tag !== "runningcoach-queue") { return; }
  event.waitUntil(currentOwner().then(function (owner) {
    if (!owner) { return null; }
    return RCQueue.send({ owner: owner, syncUrl: RC.syncUrl }).then(function (report) {
      // What the pages show of it: the answers, without the entries' files.
      var brief = function (item) {
        return { entry: { id: item.entry.id, type: item.entry.type, filename: item.entry.filename }, answer: item.answer };
      };
      return tellPages({ sent: report.sent.map(brief), refused: report.refused.map(brief), stopped: report.stopped }).then(function () {
        // Rejected: the browser tries the sync again later.
        if (report.stopped === "network") { throw new Error("offline"); }
      });
    });
  }));
});
